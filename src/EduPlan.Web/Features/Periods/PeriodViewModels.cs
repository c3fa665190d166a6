using EduPlan.Application.Departments;
using EduPlan.Application.Reporting.Periods;
using EduPlan.Core.Reporting;

namespace EduPlan.Web.Features.Periods;

/// <summary>填报期管理: the quarters with their windows and forms, and the one form that failed (shown again with its input).</summary>
public sealed class PeriodsPageViewModel
{
    public required IReadOnlyList<PeriodSummary> Periods { get; init; }

    /// <summary>Active departments, for the exception form.</summary>
    public required IReadOnlyList<DepartmentReference> Departments { get; init; }

    /// <summary>Today in China: the earliest date the date fields accept.</summary>
    public required DateOnly Today { get; init; }

    public required int GraceDays { get; init; }

    /// <summary>True when the list runs to 2035Q4 instead of two quarters after the current one.</summary>
    public bool ShowAll { get; init; }

    /// <summary>What the last change did (after its redirect).</summary>
    public string? Message { get; init; }

    public PeriodFormFailure? Failed { get; init; }

    /// <summary>What is shown in <paramref name="form"/> of <paramref name="quarter"/>: the input that failed, or nothing.</summary>
    public PeriodFormInput InputFor(Quarter quarter, string form) =>
        Failed is { } failed && failed.Quarter == quarter && failed.Form == form ? failed.Input : PeriodFormInput.Empty;

    /// <summary>The messages for one field of one form (only the form that failed has any).</summary>
    public IReadOnlyList<string> ErrorsFor(Quarter quarter, string form, string field) =>
        Failed is { } failed && failed.Quarter == quarter && failed.Form == form && failed.Errors.TryGetValue(field, out var messages)
            ? messages
            : [];

    public bool HasFailed(Quarter quarter) => Failed?.Quarter == quarter;

    /// <summary>
    /// Whether <paramref name="field"/> is where the cursor goes after a refusal: the first field with a message, in the
    /// order the form shows them, or its reason when only the form as a whole has one. Autofocus also scrolls it into view.
    /// </summary>
    public bool IsFirstError(Quarter quarter, string form, string field)
    {
        if (!HasFailed(quarter, form))
        {
            return false;
        }

        string[] order = ["DepartmentId", "OpenUntil", "Reason"];
        var first = order.FirstOrDefault(f => Failed!.Errors.ContainsKey(f)) ?? "Reason";
        return first == field;
    }

    public bool HasFailed(Quarter quarter, string form) => Failed is { } failed && failed.Quarter == quarter && failed.Form == form;
}

/// <summary>The names of the quarter forms, so the page can show the failing one again.</summary>
public static class PeriodForms
{
    public const string Close = "close";
    public const string Reopen = "reopen";
    public const string Exception = "exception";
}

/// <summary>A form that was refused: which quarter and form, what was typed, and the messages by field ("" for the form).</summary>
public sealed record PeriodFormFailure(Quarter Quarter, string Form, PeriodFormInput Input, IReadOnlyDictionary<string, IReadOnlyList<string>> Errors);

/// <summary>What the period forms post. Only the fields a form offers are bound (see the actions' [Bind] lists).</summary>
public sealed class PeriodFormInput
{
    public static PeriodFormInput Empty => new();

    public string? Reason { get; set; }

    /// <summary>yyyy-MM-dd as a date input sends it; read as text so a wrong date gets a clear Chinese message.</summary>
    public string? OpenUntil { get; set; }

    public int? DepartmentId { get; set; }
}
