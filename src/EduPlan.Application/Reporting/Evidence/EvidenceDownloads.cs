using EduPlan.Core.Reporting;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Reporting.Evidence;

/// <summary>What a download request finds.</summary>
public enum EvidenceDownloadOutcome
{
    Found = 0,

    /// <summary>No such report, no such file on it, or the evidence is a link.</summary>
    NotFound = 1,

    /// <summary>The report exists but the viewer may not read it (a draft of another department).</summary>
    Forbidden = 2,
}

/// <summary>A file to send, or why it is not sent (<see cref="Reason"/> is the Chinese sentence for a refusal).</summary>
public sealed record EvidenceDownload(EvidenceDownloadOutcome Outcome, string FileName, string ContentType, byte[] Bytes, string? Reason)
{
    public static EvidenceDownload NotFound { get; } = new(EvidenceDownloadOutcome.NotFound, "", "", [], null);

    public static EvidenceDownload Forbidden { get; } = new(
        EvidenceDownloadOutcome.Forbidden, "", "", [], "该报告尚未审核通过，只有填报单位和审核人员可以查看其证明材料");
}

/// <summary>
/// Finds an evidence file for download under the one visibility rule (<see cref="ReportVisibility.CanRead"/>):
/// the report is checked first, and the bytes are read only for a viewer who may read it.
/// </summary>
public sealed class EvidenceDownloads(EduPlanDbContext db)
{
    public async Task<EvidenceDownload> FindAsync(int reportId, int evidenceId, ReportViewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var report = await db.ProgressReports.AsNoTracking()
            .Where(r => r.Id == reportId)
            .Select(r => new { r.State, r.DepartmentId })
            .SingleOrDefaultAsync(ct);
        if (report is null)
        {
            return EvidenceDownload.NotFound;
        }

        // The report decides, whatever evidence id was asked for, so guessing ids on a draft learns nothing.
        if (!ReportVisibility.CanRead(viewer, report.State, report.DepartmentId))
        {
            return EvidenceDownload.Forbidden;
        }

        var file = await db.ReportEvidence.AsNoTracking()
            .Where(e => e.Id == evidenceId && e.ReportId == reportId && e.Kind == EvidenceKind.File)
            .Select(e => new { e.Title, e.ContentType, e.Content!.Bytes })
            .SingleOrDefaultAsync(ct);
        return file is null || file.Bytes is null
            ? EvidenceDownload.NotFound
            : new EvidenceDownload(EvidenceDownloadOutcome.Found, file.Title, file.ContentType ?? "application/octet-stream", file.Bytes, null);
    }
}
