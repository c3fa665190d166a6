using EduPlan.Application.Reporting.Evidence;
using EduPlan.Web.Authorization;
using EduPlan.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EduPlan.Web.Features.Evidence;

/// <summary>Downloads an evidence file, for those who may read its report (links are shown as links, never here).</summary>
[Authorize(Policy = Policies.ReadPlans)]
public sealed class EvidenceController(EvidenceDownloads downloads) : Controller
{
    [HttpGet("reports/{id:int}/evidence/{evidenceId:int}")]
    public async Task<IActionResult> Download([FromRoute] int id, [FromRoute] int evidenceId, CancellationToken cancellationToken)
    {
        var result = await downloads.FindAsync(id, evidenceId, User.ReportViewer(), cancellationToken);
        if (!result.Succeeded)
        {
            return await this.FailureAsync(result);
        }

        var download = result.Value!;
        // A report's files can be drafts: no shared or browser cache keeps a copy after sign-out.
        Response.Headers.CacheControl = "private, no-store";
        Response.Headers.Pragma = "no-cache";
        Response.Headers.XContentTypeOptions = "nosniff";
        // Always an attachment, even for PDF and images: the browser saves the file instead of rendering it in the portal's origin.
        return File(download.Bytes, download.ContentType, download.FileName);
    }
}
