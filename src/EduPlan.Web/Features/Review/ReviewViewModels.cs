using System.Globalization;
using System.Text.Json;
using EduPlan.Application.Reporting.Review;
using EduPlan.Core.Reporting;
using EduPlan.Web.Features.Reports;
using Microsoft.AspNetCore.Http.Extensions;

namespace EduPlan.Web.Features.Review;

/// <summary>The review queue, with the message of the last step or the refusal of one report's forms.</summary>
public sealed record ReviewPageViewModel(ReviewQueue Queue, ReviewQueueForm Form)
{
    public string? Message { get; init; }

    /// <summary>The report the message is about, linked from it.</summary>
    public int? MessageReportId { get; init; }

    /// <summary>The forms of the report whose step was refused or incomplete (messages and typed text).</summary>
    public ReviewFormState? State { get; init; }

    /// <summary>What became of each report of the last batch approval, in the order they were taken.</summary>
    public IReadOnlyList<BatchOutcome> Batch { get; init; } = [];

    /// <summary>The refusal is about a report no longer in the queue (someone else reviewed it): shown at the top.</summary>
    public bool StateOutsideQueue => State is not null && Queue.Items.All(i => i.ReportId != State.ReportId);
}

/// <summary>
/// The queue's filter as the page's GET form sends it (an allow-list: plan, department, quarter, since, sort, page).
/// A value that cannot be understood filters nothing.
/// </summary>
public sealed class ReviewQueueForm
{
    public string? Plan { get; set; }

    public int? Department { get; set; }

    /// <summary>"2026Q3".</summary>
    public string? Quarter { get; set; }

    /// <summary>"2026-09-01".</summary>
    public string? Since { get; set; }

    /// <summary>"newest" for the latest submission first; anything else is oldest first.</summary>
    public string? Sort { get; set; }

    public int? Page { get; set; }

    public bool Newest => string.Equals(Sort, "newest", StringComparison.OrdinalIgnoreCase);

    public Quarter? ParsedQuarter => Core.Reporting.Quarter.TryParse(Quarter, out var quarter) ? quarter : null;

    public DateOnly? ParsedSince =>
        DateOnly.TryParseExact(Since?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    public ReviewQueueFilter ToFilter() => new(
        string.IsNullOrWhiteSpace(Plan) ? null : Plan.Trim(),
        Department,
        ParsedQuarter,
        ParsedSince,
        Newest ? ReviewQueueSort.Newest : ReviewQueueSort.Oldest,
        Page ?? 1);

    /// <summary>The queue's address with this filter and another page.</summary>
    public string Url(int page)
    {
        var query = new QueryBuilder();
        if (!string.IsNullOrWhiteSpace(Plan))
        {
            query.Add("plan", Plan.Trim());
        }

        if (Department is { } department)
        {
            query.Add("department", department.ToString(CultureInfo.InvariantCulture));
        }

        if (ParsedQuarter is { } quarter)
        {
            query.Add("quarter", quarter.ToString());
        }

        if (ParsedSince is { } since)
        {
            query.Add("since", since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (Newest)
        {
            query.Add("sort", "newest");
        }

        if (page > 1)
        {
            query.Add("page", page.ToString(CultureInfo.InvariantCulture));
        }

        return "/review" + query.ToQueryString().Value;
    }

    /// <summary>Whether <paramref name="url"/> is the queue itself (with any query): where a batch may send the coordinator back.</summary>
    public static bool IsQueueUrl(string? url) =>
        url is not null && (url == "/review" || url.StartsWith("/review?", StringComparison.Ordinal)) && !url.Contains("//", StringComparison.Ordinal);
}

/// <summary>A report ticked for batch approval, with the revision the coordinator saw ("id:revision" in the form).</summary>
public readonly record struct ReviewSelection(int ReportId, int Revision)
{
    public static string Value(int reportId, int revision) =>
        string.Create(CultureInfo.InvariantCulture, $"{reportId}:{revision}");

    /// <summary>The well-formed values, each report once, at most <paramref name="max"/>; anything else is ignored.</summary>
    public static IReadOnlyList<ReviewSelection> Parse(IEnumerable<string?>? values, int max)
    {
        var picks = new List<ReviewSelection>();
        foreach (var value in values ?? [])
        {
            var parts = (value ?? "").Split(':');
            if (parts.Length == 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
                && picks.All(p => p.ReportId != id))
            {
                picks.Add(new ReviewSelection(id, revision));
            }
        }

        return picks.Take(max).ToList();
    }
}

/// <summary>What became of one report of a batch approval, as the queue lists it after the redirect.</summary>
public sealed record BatchOutcome(int ReportId, bool Approved, string Text)
{
    public static string Write(IReadOnlyList<BatchOutcome> outcomes) => JsonSerializer.Serialize(outcomes);

    public static IReadOnlyList<BatchOutcome> Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<BatchOutcome>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
