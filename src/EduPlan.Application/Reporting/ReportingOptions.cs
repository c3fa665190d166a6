namespace EduPlan.Application.Reporting;

/// <summary>Settings of quarterly reporting (configuration section "Reporting").</summary>
public sealed class ReportingOptions
{
    public const string SectionName = "Reporting";

    /// <summary>Days after a quarter ends during which entry stays open by default (the deadline is the last of them).</summary>
    public int GraceDays { get; set; } = 15;

    /// <summary>Largest evidence file, in bytes (10 MB).</summary>
    public long MaxEvidenceBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Most pieces of evidence on one report.</summary>
    public int MaxEvidencePerReport { get; set; } = 20;

    /// <summary>
    /// The most bytes of evidence files one department's reports may hold together (2 GB): without it a department
    /// could fill the database at 20 × 10 MB per report. 0 turns the quota off.
    /// </summary>
    public long MaxEvidenceBytesPerDepartment { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// Whether a reviewer may approve or return a report of their own department or one they submitted (off): only for
    /// a one-person office with no one else to review; each such step is audited.
    /// </summary>
    public bool AllowSelfReview { get; set; }
}
