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

/// <summary>The submitted reports waiting for a coordinator, oldest submission first.</summary>
/// <param name="Total">How many are waiting (the page shows at most the first <c>take</c>).</param>
public sealed record ReviewQueue(IReadOnlyList<ReviewQueueItem> Items, int Total);

/// <summary>A submitted report in the review queue.</summary>
/// <param name="Revision">The revision the approve / return forms post back.</param>
/// <param name="WasReturnedBefore">The report has been returned at least once (this is a resubmission).</param>
/// <param name="LastReviewComment">The last return or reopen comment, to check that it was dealt with.</param>
public sealed record ReviewQueueItem(
    int ReportId,
    int Revision,
    int TaskId,
    string PlanCode,
    string PlanTitle,
    int TaskNumber,
    string TaskTitle,
    string DepartmentName,
    string DepartmentShortName,
    bool IsLead,
    Quarter Quarter,
    DateTime? SubmittedAt,
    ReportStatus Status,
    int Percent,
    string ProgressExcerpt,
    bool WasReturnedBefore,
    string? LastReviewComment,
    string? LastReviewField);
