using System.ComponentModel.DataAnnotations;
using System.Globalization;
using EduPlan.Application.Auditing;
using EduPlan.Core.Auditing;
using Microsoft.AspNetCore.Http.Extensions;

namespace EduPlan.Web.Features.Audit;

/// <summary>The auditor's filter form (GET /audit and /audit/export); every field is optional.</summary>
public sealed class AuditFilter
{
    public const int MaxTextLength = 100;

    /// <summary>First day, in China time.</summary>
    [Display(Name = "AuditFrom")]
    public DateOnly? From { get; set; }

    /// <summary>Last day (included), in China time.</summary>
    [Display(Name = "AuditTo")]
    public DateOnly? To { get; set; }

    /// <summary>One of <see cref="AuditActions.All"/>; checked by the controller.</summary>
    [Display(Name = "AuditAction")]
    [StringLength(64, ErrorMessage = "AuditFilterTooLong")]
    public string? Action { get; set; }

    [Display(Name = "AuditOutcome")]
    public AuditOutcome? Outcome { get; set; }

    [Display(Name = "AuditActor")]
    [StringLength(MaxTextLength, ErrorMessage = "AuditFilterTooLong")]
    public string? Actor { get; set; }

    [Display(Name = "AuditTarget")]
    [StringLength(MaxTextLength, ErrorMessage = "AuditFilterTooLong")]
    public string? Target { get; set; }

    [Display(Name = "AuditClientAddress")]
    [StringLength(MaxTextLength, ErrorMessage = "AuditFilterTooLong")]
    public string? Address { get; set; }

    public AuditSearch ToSearch() => new()
    {
        From = From,
        To = To,
        Action = Action,
        Outcome = Outcome,
        Actor = Actor,
        Target = Target,
        ClientAddress = Address,
    };

    /// <summary>The filter's non-empty fields by their query names, in form order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Values()
    {
        var values = new List<KeyValuePair<string, string>>();
        void Put(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                values.Add(new(name, value.Trim()));
            }
        }

        Put("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Put("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Put("action", Action);
        Put("outcome", Outcome?.ToString());
        Put("actor", Actor);
        Put("target", Target);
        Put("address", Address);
        return values;
    }

    /// <summary>"?from=…&amp;page=2": the same filter for a pager link or the export link.</summary>
    public string ToQueryString(int? page = null)
    {
        var query = new QueryBuilder(Values());
        if (page is > 1)
        {
            query.Add("page", page.Value.ToString(CultureInfo.InvariantCulture));
        }

        return query.ToString();
    }
}

/// <summary>The audit page: the filter, and the page of entries when the filter was valid.</summary>
public sealed record AuditIndexViewModel(AuditFilter Filter, AuditPage? Page, int MaxExportRows);
