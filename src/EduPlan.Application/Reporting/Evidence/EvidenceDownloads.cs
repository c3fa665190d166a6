using EduPlan.Core.Messages;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Reporting.Evidence;

/// <summary>An evidence file to send.</summary>
public sealed record EvidenceFile(string FileName, string ContentType, byte[] Bytes);

/// <summary>
/// Finds an evidence file for download under the one visibility rule (<see cref="ReportVisibility.CanRead"/>):
/// the report is checked first, and the bytes are read only for a viewer who may read it. NotFound also covers a link
/// (nothing to download); Forbidden says why the viewer may not read the report.
/// </summary>
public sealed class EvidenceDownloads(EduPlanDbContext db)
{
    public async Task<Result<EvidenceFile>> FindAsync(int reportId, int evidenceId, ReportViewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var report = await db.ProgressReports.AsNoTracking()
            .Where(r => r.Id == reportId)
            .Select(r => new { r.State, r.DepartmentId })
            .SingleOrDefaultAsync(ct);
        if (report is null)
        {
            return NotFound();
        }

        // The report decides, whatever evidence id was asked for, so guessing ids on a draft learns nothing.
        if (!ReportVisibility.CanRead(viewer, report.State, report.DepartmentId))
        {
            return Result<EvidenceFile>.Forbidden(new Message("Evidence_NotVisible"));
        }

        var file = await db.ReportEvidence.AsNoTracking()
            .Where(e => e.Id == evidenceId && e.ReportId == reportId && e.Kind == EvidenceKind.File)
            .Select(e => new { e.Title, e.ContentType, e.Content!.Bytes })
            .SingleOrDefaultAsync(ct);
        return file is null || file.Bytes is null
            ? NotFound()
            : Result<EvidenceFile>.Found(new EvidenceFile(file.Title, file.ContentType ?? "application/octet-stream", file.Bytes));
    }

    private static Result<EvidenceFile> NotFound() => Result<EvidenceFile>.NotFound(new Message("Evidence_NotFound"));
}
