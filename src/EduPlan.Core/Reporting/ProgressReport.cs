using EduPlan.Core.Organisation;
using EduPlan.Core.Plans;

namespace EduPlan.Core.Reporting;

/// <summary>
/// One department's report on one task for one quarter (unique by task, department, year and quarter).
/// Its text fields are what the department last saved; every save and review step is also kept as a
/// <see cref="ReportRevision"/> with a snapshot, so nothing typed is ever lost.
/// </summary>
public class ProgressReport
{
    /// <summary>Longest progress / problems / next-steps / explanation text.</summary>
    public const int MaxTextLength = 4000;

    public int Id { get; set; }
    public int TaskId { get; set; }
    public PlanTask? Task { get; set; }
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }
    public int Year { get; set; }

    /// <summary>1 to 4.</summary>
    public int QuarterNumber { get; set; }

    public Quarter Quarter => new(Year, QuarterNumber);

    public ReportState State { get; set; }
    public ReportStatus Status { get; set; }

    /// <summary>Percent complete, 0 to 100.</summary>
    public int Percent { get; set; }

    /// <summary>本季度进展 (required to submit).</summary>
    public string Progress { get; set; } = "";

    /// <summary>存在问题</summary>
    public string? Problems { get; set; }

    /// <summary>下一步计划</summary>
    public string? NextSteps { get; set; }

    /// <summary>进度回退说明: required when <see cref="Percent"/> is below the last approved quarter's.</summary>
    public string? PercentDropExplanation { get; set; }

    /// <summary>The coordinator's last return or reopen comment (cleared on approval).</summary>
    public string? ReviewComment { get; set; }

    /// <summary>The form field the return comment points at (e.g. "Progress"), or null.</summary>
    public string? ReviewField { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedById { get; set; }
    public string UpdatedByName { get; set; } = "";
    public DateTime? SubmittedAt { get; set; }
    public DateTime? ApprovedAt { get; set; }
    public string? ApprovedByName { get; set; }

    /// <summary>
    /// Concurrency token, raised by one on every change (save, submit, review, evidence). A form posts the
    /// revision it was made from; a stale one is a conflict, never an overwrite.
    /// </summary>
    public int Revision { get; set; }

    public List<ReportIndicatorValue> IndicatorValues { get; set; } = [];
    public List<ReportEvidence> Evidence { get; set; } = [];
    public List<ReportRevision> Revisions { get; set; } = [];
}

/// <summary>A report's value for one indicator linked to its task, e.g. 教共体覆盖率 = 86.5 %.</summary>
public class ReportIndicatorValue
{
    public const int MaxNoteLength = 500;

    public int ReportId { get; set; }
    public ProgressReport? Report { get; set; }
    public int IndicatorId { get; set; }
    public Indicator? Indicator { get; set; }
    public decimal Value { get; set; }
    public string? Note { get; set; }
}

/// <summary>A link or a file that supports a report. A file's bytes are in <see cref="EvidenceContent"/>, loaded only to download.</summary>
public class ReportEvidence
{
    public const int MaxTitleLength = 200;
    public const int MaxUrlLength = 2000;

    public int Id { get; set; }
    public int ReportId { get; set; }
    public ProgressReport? Report { get; set; }
    public EvidenceKind Kind { get; set; }

    /// <summary>What the evidence is (a link's title, or the file's name without its path).</summary>
    public string Title { get; set; } = "";

    /// <summary>Link only: an http(s) address.</summary>
    public string? Url { get; set; }

    /// <summary>File only: the media type found from the content (not the name), e.g. application/pdf.</summary>
    public string? ContentType { get; set; }

    /// <summary>File only: size in bytes.</summary>
    public long Length { get; set; }

    /// <summary>File only: SHA-256 of the content, hex.</summary>
    public string? Sha256 { get; set; }

    public DateTime AddedAt { get; set; }
    public string AddedByName { get; set; } = "";
    public EvidenceContent? Content { get; set; }
}

/// <summary>The bytes of an evidence file, in their own table so listing evidence never reads them.</summary>
public class EvidenceContent
{
    public int EvidenceId { get; set; }
    public required byte[] Bytes { get; set; }
}

/// <summary>
/// One step in a report's history: who did what, when, with the comment and a JSON snapshot of the report
/// after the step (see <see cref="ReportSnapshot"/>), so two versions can be compared.
/// </summary>
public class ReportRevision
{
    public long Id { get; set; }
    public int ReportId { get; set; }
    public ProgressReport? Report { get; set; }

    /// <summary>1, 2, 3… within the report: the report's <see cref="ProgressReport.Revision"/> after the step.</summary>
    public int Number { get; set; }

    public ReportAction Action { get; set; }
    public ReportState StateAfter { get; set; }
    public DateTime At { get; set; }
    public string? ActorId { get; set; }
    public string ActorName { get; set; } = "";

    /// <summary>The return / reopen comment, or null.</summary>
    public string? Comment { get; set; }

    /// <summary>JSON of <see cref="ReportSnapshot"/>.</summary>
    public string Snapshot { get; set; } = "";
}
