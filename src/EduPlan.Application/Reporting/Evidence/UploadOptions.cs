namespace EduPlan.Application.Reporting.Evidence;

/// <summary>Settings of uploaded evidence files (configuration section "Uploads").</summary>
public sealed class UploadOptions
{
    public const string SectionName = "Uploads";

    /// <summary>
    /// Accept Word and Excel 97-2003 files (.doc, .xls). Off by default: they are compound files that can carry macros
    /// and that the portal does not look into, while .docx and .xlsx are checked part by part.
    /// </summary>
    public bool AllowLegacyOffice { get; set; }
}
