using EduPlan.Core.Reporting;

namespace EduPlan.Application.Reporting.Review;

/// <summary>The report form's fields a return comment may point at (names from <see cref="ReportFields"/>).</summary>
public static class ReviewableFields
{
    /// <summary>In the order the form shows them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ReportFields.Status, ReportFields.Percent, ReportFields.Progress, ReportFields.Problems, ReportFields.NextSteps,
        ReportFields.PercentDropExplanation, ReportFields.IndicatorValues, ReportFields.Evidence,
    ];

    /// <summary>The field name as the form spells it, or null for anything else (case-insensitive).</summary>
    public static string? Find(string? name) =>
        All.FirstOrDefault(f => string.Equals(f, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>How a review step ended.</summary>
public enum ReviewOutcome
{
    /// <summary>Saved with its revision and audit entry.</summary>
    Done,

    NotFound,

    /// <summary>The input is incomplete (no comment, too long, unknown field); nothing was written.</summary>
    Invalid,

    /// <summary>The step is not allowed from the report's state (e.g. approving a draft); nothing was written.</summary>
    Refused,

    /// <summary>Someone changed the report after the page was read; nothing was written, the current state is returned.</summary>
    Conflict,
}

/// <summary>The report a review step was about, as stored after it (or as it is now, after a refusal or conflict).</summary>
public sealed record ReviewedReport(
    int Id,
    int TaskId,
    string PlanCode,
    int TaskNumber,
    string TaskTitle,
    string DepartmentName,
    string DepartmentShortName,
    Quarter Quarter,
    ReportState State,
    int Revision,
    DateTime UpdatedAt,
    string UpdatedByName);

/// <summary>The result of approving, returning or reopening a report; <see cref="Errors"/> are Chinese, keyed by form field.</summary>
public sealed record ReviewResult(ReviewOutcome Outcome, ReviewedReport? Report, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Outcome == ReviewOutcome.Done;

    /// <summary>All messages as one sentence (the CLI and the page's summary).</summary>
    public string Message => string.Join("；", Errors.Select(e => e.Message));
}
