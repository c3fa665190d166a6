using EduPlan.Application.Departments;
using EduPlan.Core.Messages;
using EduPlan.Core.Organisation;
using EduPlan.Core.Plans;
using EduPlan.Core.Reporting;

namespace EduPlan.Application.Reporting.Editing;

/// <summary>The task a report is about, with its owners.</summary>
public sealed record ReportTaskInfo(
    int TaskId,
    string PlanCode,
    string PlanTitle,
    int Number,
    string Title,
    int SectionNumber,
    string SectionTitle,
    bool IsWithdrawn,
    DepartmentReference? Lead,
    IReadOnlyList<DepartmentReference> CoDepartments);

/// <summary>An indicator the report gives a value for, with its target and the value of the department's previous report.</summary>
public sealed record ReportFormIndicator(
    int Id,
    string Name,
    string Unit,
    Comparator Comparator,
    decimal Target,
    int? Year,
    decimal? PreviousValue)
{
    public bool IsPercentage => Rule.IsPercentage;

    public ReportIndicatorRule Rule => new(Id, Name, Unit);
}

/// <summary>A report as it is stored: its state, revision (the concurrency token), values and evidence, and who saved it when.</summary>
/// <param name="Values">The fields as text, one indicator row per indicator the report has a value for.</param>
public sealed record SavedReport(
    int Id,
    ReportState State,
    int Revision,
    ReportInput Values,
    IReadOnlyList<ReportEvidenceView> Evidence,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string UpdatedByName,
    DateTime? SubmittedAt,
    DateTime? ApprovedAt,
    string? ApprovedByName,
    string? ReviewComment,
    string? ReviewField);

/// <summary>The department's latest report on the task before this quarter, shown for reference (and pre-filled from).</summary>
public sealed record PreviousReport(
    Quarter Quarter,
    ReportState State,
    ReportStatus Status,
    int Percent,
    string Progress,
    string? Problems,
    string? NextSteps);

/// <summary>
/// Everything the quarterly report form shows: the task, the entry window, the stored report (or, for a new one,
/// values pre-filled from the department's previous report), the indicators with their targets, and whether the
/// department may edit it now, or the exact reason why not.
/// </summary>
/// <param name="Department">The reporting department (null when the id names none).</param>
/// <param name="DaysLeft">While the window is open: whole days until its last day (0 on the last day).</param>
/// <param name="Values">What the form fields show: the stored report, or the pre-filled new one; one indicator row per <see cref="Indicators"/> entry, in the same order.</param>
/// <param name="PrefilledFrom">For a new report: the quarter its values were copied from.</param>
/// <param name="LastApproved">The department's latest approved percent in an earlier quarter (a lower percent needs an explanation).</param>
public sealed record ReportForm(
    ReportTaskInfo Task,
    DepartmentReference? Department,
    TaskPart Part,
    Quarter Quarter,
    PeriodWindow Window,
    int? DaysLeft,
    SavedReport? Report,
    ReportInput Values,
    Quarter? PrefilledFrom,
    PreviousReport? Previous,
    ApprovedPercent? LastApproved,
    IReadOnlyList<ReportFormIndicator> Indicators,
    bool CanEdit,
    Message? Refusal)
{
    /// <summary>The revision the form is made from (0 for a report not yet saved): post it back.</summary>
    public int Revision => Report?.Revision ?? 0;

    /// <summary>Null while nothing is saved (未填报).</summary>
    public ReportState? State => Report?.State;

    public IReadOnlyList<ReportEvidenceView> Evidence => Report?.Evidence ?? [];
}

/// <summary>A new evidence file in a save: its name as the browser sent it and its content.</summary>
public sealed record EvidenceFileUpload(string FileName, Stream Content);

/// <summary>A new evidence link in a save.</summary>
public sealed record EvidenceLinkInput(string? Title, string? Url)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Url);
}

/// <summary>
/// One press of 保存草稿 or 提交审核 on the report form: the fields, the revision the form was made from
/// (0 for a new report), and evidence to add or remove, all in one request so adding evidence never loses typed text.
/// </summary>
public sealed record SaveReportCommand(int TaskId, Quarter Quarter, int DepartmentId, int PostedRevision, ReportInput Input, bool Submit)
{
    public EvidenceFileUpload? File { get; init; }

    public EvidenceLinkInput? Link { get; init; }

    /// <summary>Ids of this report's evidence to remove; ids of other reports' evidence are ignored.</summary>
    public IReadOnlyCollection<int> RemoveEvidenceIds { get; init; } = [];
}

/// <summary>
/// The value of <see cref="ProgressReporting.SaveAsync"/>'s result, whatever happened: what the user typed (indicator
/// rows aligned with the task's indicators), so a page never loses it.
/// </summary>
/// <param name="Submitted">After a save: true when the report was submitted for review, false for a draft.</param>
/// <param name="ReportId">The report saved, or the existing one.</param>
/// <param name="Revision">The report's revision now: after a save, or the current one after a conflict (post it to save over it).</param>
/// <param name="Current">After a conflict: the version someone else saved.</param>
/// <param name="FileNotSaved">The name of an uploaded file that was not kept because nothing was written (choose it again).</param>
public sealed record ReportSave(
    ReportInput Typed,
    bool Submitted,
    int? ReportId,
    int Revision,
    SavedReport? Current,
    string? FileNotSaved);
