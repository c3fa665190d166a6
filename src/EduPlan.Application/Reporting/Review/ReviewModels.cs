using EduPlan.Application.Reporting.History;
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

/// <summary>One page of the submitted reports waiting for a coordinator.</summary>
/// <param name="Total">How many are waiting in all, whatever the filter.</param>
public sealed record ReviewQueue(IReadOnlyList<ReviewQueueItem> Items, int Total)
{
    /// <summary>How many match the filter (all of them when there is none).</summary>
    public int Matching { get; init; } = Total;

    /// <summary>The page shown, from 1.</summary>
    public int PageNumber { get; init; } = 1;

    public int PageCount { get; init; } = 1;

    /// <summary>What the filters offer: the plans, departments and quarters of the waiting reports.</summary>
    public ReviewQueueChoices Choices { get; init; } = new([], [], []);
}

/// <summary>Which submitted reports the queue shows, in which order, and which page of them.</summary>
/// <param name="PlanCode">Only this plan's reports.</param>
/// <param name="DepartmentId">Only this department's reports.</param>
/// <param name="Quarter">Only this quarter's reports.</param>
/// <param name="SubmittedSince">Only reports submitted on or after this day (in China).</param>
/// <param name="Page">The page, from 1.</param>
public sealed record ReviewQueueFilter(
    string? PlanCode = null,
    int? DepartmentId = null,
    Quarter? Quarter = null,
    DateOnly? SubmittedSince = null,
    ReviewQueueSort Sort = ReviewQueueSort.Oldest,
    int Page = 1)
{
    /// <summary>No condition: every waiting report matches.</summary>
    public bool IsEmpty => PlanCode is null && DepartmentId is null && Quarter is null && SubmittedSince is null;
}

/// <summary>The order of the queue, by submission time.</summary>
public enum ReviewQueueSort
{
    /// <summary>The longest waiting first (the default: first come, first reviewed).</summary>
    Oldest,

    /// <summary>The latest submission first.</summary>
    Newest,
}

/// <summary>The values the queue's filters offer, each with how many reports wait under it.</summary>
public sealed record ReviewQueueChoices(
    IReadOnlyList<ReviewQueueChoice<string>> Plans,
    IReadOnlyList<ReviewQueueChoice<int>> Departments,
    IReadOnlyList<ReviewQueueChoice<Quarter>> Quarters);

/// <summary>One value a filter offers: what it posts, what it shows and how many reports wait under it.</summary>
public sealed record ReviewQueueChoice<T>(T Value, string Label, int Count);

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
    string? LastReviewField)
{
    /// <summary>The indicator values the report gives, so most reports can be judged in place.</summary>
    public IReadOnlyList<ReportValueView> IndicatorValues { get; init; } = [];

    /// <summary>The report's evidence: files (downloaded through the report's own authorization) and links.</summary>
    public IReadOnlyList<ReportEvidenceView> Evidence { get; init; } = [];
}
