using EduPlan.Core.Organisation;
using EduPlan.Core.Reporting;

namespace EduPlan.Application.Reporting.History;

/// <summary>Which report this is: task, department and quarter; <see cref="Role"/> is how its department stands to the task now (None: no longer an owner).</summary>
public sealed record ReportHeader(
    int Id,
    int TaskId,
    string PlanCode,
    string PlanTitle,
    int TaskNumber,
    string TaskTitle,
    int DepartmentId,
    string DepartmentName,
    string DepartmentShortName,
    TaskPart Role,
    Quarter Quarter,
    ReportState State,
    int Revision);

/// <summary>A report as the report page shows it, with its history.</summary>
/// <param name="ViewerIsInsider">A coordinator or a reporter of the report's department: sees every version's content.</param>
/// <param name="ViewerIsOwner">A reporter of the report's department (may open the report form).</param>
public sealed record ReportDetails(
    ReportHeader Header,
    ReportStatus Status,
    int Percent,
    string Progress,
    string? Problems,
    string? NextSteps,
    string? PercentDropExplanation,
    string? ReviewComment,
    string? ReviewField,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string UpdatedByName,
    DateTime? SubmittedAt,
    DateTime? ApprovedAt,
    string? ApprovedByName,
    IReadOnlyList<ReportValueView> IndicatorValues,
    IReadOnlyList<ReportEvidenceView> Evidence,
    IReadOnlyList<RevisionView> Revisions,
    bool ViewerIsInsider,
    bool ViewerIsOwner)
{
    /// <summary>The versions whose content this viewer may compare, oldest first.</summary>
    public IReadOnlyList<RevisionView> ComparableRevisions => Revisions.Where(r => r.ContentVisible).OrderBy(r => r.Number).ToList();
}

/// <summary>A reported indicator value.</summary>
public sealed record ReportValueView(int IndicatorId, string Name, string Unit, decimal Value, string? Note);

/// <summary>One step of a report's history.</summary>
/// <param name="Actor">The user's display name when the account still exists, otherwise the name recorded at the time.</param>
/// <param name="ActorDepartment">The account's department now, when it still exists and has one.</param>
/// <param name="Comment">The return or reopen comment; null when the viewer may not see this version's content.</param>
/// <param name="ContentVisible">Whether this viewer may see (and compare) the version's content.</param>
public sealed record RevisionView(
    int Number,
    ReportAction Action,
    ReportState StateAfter,
    DateTime At,
    string Actor,
    string? ActorDepartment,
    string? Comment,
    bool ContentVisible);

/// <summary>How one part of a text compares: kept, only in the older version, or only in the newer one.</summary>
public enum DiffKind
{
    Same,
    Removed,
    Added,
}

/// <summary>A run of text in a compared field.</summary>
public sealed record DiffPiece(DiffKind Kind, string Text);

/// <summary>A field that differs between two versions. Status is the enum name (e.g. "OnTrack"), Percent the number.</summary>
/// <param name="OldPieces">The older text with removed runs marked (empty for a status or percent).</param>
/// <param name="NewPieces">The newer text with added runs marked.</param>
public sealed record FieldChange(
    string Field,
    string? Old,
    string? New,
    IReadOnlyList<DiffPiece> OldPieces,
    IReadOnlyList<DiffPiece> NewPieces);

/// <summary>What happened to an item (an indicator value) between two versions.</summary>
public enum ChangeKind
{
    Added,
    Changed,
    Removed,
}

/// <summary>An indicator value added, changed or removed between two versions.</summary>
public sealed record IndicatorChange(
    int IndicatorId,
    string Name,
    string Unit,
    ChangeKind Kind,
    decimal? OldValue,
    decimal? NewValue,
    string? OldNote,
    string? NewNote);

/// <summary>Two versions of a report compared. <see cref="From"/> and <see cref="To"/> are null when there is nothing to compare yet.</summary>
/// <param name="Revisions">The versions this viewer may choose between, oldest first.</param>
public sealed record ReportDiff(
    ReportHeader Report,
    RevisionView? From,
    RevisionView? To,
    IReadOnlyList<FieldChange> Fields,
    IReadOnlyList<IndicatorChange> Indicators,
    IReadOnlyList<SnapshotEvidence> EvidenceAdded,
    IReadOnlyList<SnapshotEvidence> EvidenceRemoved,
    IReadOnlyList<RevisionView> Revisions)
{
    public bool HasChanges => Fields.Count > 0 || Indicators.Count > 0 || EvidenceAdded.Count > 0 || EvidenceRemoved.Count > 0;
}

/// <summary>A task's reports by quarter, newest quarter first, as far as the viewer may see them.</summary>
/// <param name="TaskId">The task; 0 when it was named by plan and number and has no report the viewer may see.</param>
public sealed record TaskTimeline(int TaskId, IReadOnlyList<TimelineQuarter> Quarters)
{
    /// <summary>How many older quarters with visible reports were left out (0 when the timeline is whole).</summary>
    public int OlderQuarters { get; init; }
}

/// <summary>
/// One quarter on a task's timeline: the lead department's report (when the viewer may see it) and the other
/// departments' reports beneath it. The task's status for the quarter is the lead's report once approved.
/// </summary>
public sealed record TimelineQuarter(Quarter Quarter, TimelineEntry? Lead, IReadOnlyList<TimelineEntry> Others)
{
    /// <summary>The lead department's approved report: the task's status for this quarter; null while there is none.</summary>
    public TimelineEntry? TaskStatus => Lead is { State: ReportState.Approved } lead ? lead : null;
}

/// <summary>One department's report on the timeline.</summary>
public sealed record TimelineEntry(
    int ReportId,
    int DepartmentId,
    string DepartmentName,
    string DepartmentShortName,
    TaskPart Role,
    ReportState State,
    ReportStatus Status,
    int Percent,
    string ProgressExcerpt,
    DateTime UpdatedAt,
    DateTime? ApprovedAt);
