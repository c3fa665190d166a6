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
}
