using System.Globalization;
using EduPlan.Application.Auditing;
using EduPlan.Core.Auditing;
using EduPlan.Core.Csv;
using EduPlan.Core.Reporting;
using EduPlan.Web.Authorization;
using EduPlan.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace EduPlan.Web.Features.Audit;

/// <summary>
/// 安全审计: the auditor reads and exports the audit log. Auditors only, so an administrator cannot read the trail of
/// their own actions (separation of duties). Read-only: there is no POST, and nothing here changes or deletes an entry.
/// </summary>
[Authorize(Policy = Policies.ReadAudit)]
public sealed class AuditController(AuditQuery query, AuditLog log, IStringLocalizer<SharedResources> localizer, TimeProvider clock) : Controller
{
    /// <summary>The most rows one export writes; a note row says when the filter matched more.</summary>
    public const int MaxExportRows = 100_000;

    // Flush every so many rows so a large export starts downloading at once and is never held in memory.
    private const int FlushEvery = 500;

    [HttpGet("/audit")]
    public async Task<IActionResult> Index([FromQuery] AuditFilter filter, [FromQuery] int? page, CancellationToken cancellationToken)
    {
        if (!IsValid(filter))
        {
            return View(new AuditIndexViewModel(filter, null, MaxExportRows));
        }

        var result = await query.PageAsync(filter.ToSearch(), page ?? 1, cancellationToken);
        return View(new AuditIndexViewModel(filter, result, MaxExportRows));
    }

    [HttpGet("/audit/export")]
    public async Task<IActionResult> Export([FromQuery] AuditFilter filter, CancellationToken cancellationToken)
    {
        if (!IsValid(filter))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Index), new AuditIndexViewModel(filter, null, MaxExportRows));
        }

        var search = filter.ToSearch();
        var matching = await query.CountAsync(search, cancellationToken);

        // Written before the first row leaves: an export that is cut off half-way is still on record.
        var details = filter.Values().ToDictionary(v => v.Key, v => (object)v.Value);
        details["rows"] = Math.Min(matching, MaxExportRows);
        await log.WriteAsync(AuditActions.AuditExported, AuditOutcome.Success, details: details, cancellationToken: cancellationToken);

        var now = ChinaCalendar.ToChina(clock.GetUtcNow().UtcDateTime).DateTime;
        var fileName = $"eduplan-audit-{now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.csv";
        Response.ContentType = CsvWriter.ContentType;
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        Response.Headers.CacheControl = "no-store";

        await Response.Body.WriteAsync(CsvWriter.ByteOrderMark, cancellationToken);
        await using var writer = new StreamWriter(Response.Body, CsvWriter.Encoding, bufferSize: 16 * 1024, leaveOpen: true);
        string?[] header =
        [
            L("AuditTime"), L("AuditAction"), L("AuditActionCode"), L("AuditOutcome"), L("AuditActor"), L("AuditActorId"),
            L("AuditClientAddress"), L("AuditTargetType"), L("AuditTargetId"), L("AuditTargetName"), L("AuditDetails"),
        ];
        await writer.WriteAsync(CsvWriter.Line(header));

        var written = 0;
        var truncated = false;
        // One more than the cap: the note depends on what was read, not on the count above, which new entries may outdate.
        await foreach (var row in query.StreamAsync(search, MaxExportRows + 1).WithCancellation(cancellationToken))
        {
            if (written == MaxExportRows)
            {
                truncated = true;
                break;
            }

            await writer.WriteAsync(CsvWriter.Line(
            [
                Shared.Display.ChinaTime(row.OccurredAt), AuditLabels.Action(localizer, row.Action), row.Action,
                AuditLabels.Outcome(localizer, row.Outcome), row.ActorName, row.ActorId, row.ClientAddress,
                AuditLabels.TargetType(localizer, row.TargetType), row.TargetId, row.TargetName, row.Details,
            ]));
            if (++written % FlushEvery == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        if (truncated)
        {
            // As many cells as the header, so that the note is a well-formed record too.
            string?[] note = new string?[header.Length];
            note[0] = localizer["AuditExportTruncated", MaxExportRows].Value;
            await writer.WriteAsync(CsvWriter.Line(note));
        }

        await writer.FlushAsync(cancellationToken);
        return new EmptyResult();
    }

    private bool IsValid(AuditFilter filter)
    {
        if (!string.IsNullOrWhiteSpace(filter.Action) && !AuditActions.All.Contains(filter.Action.Trim(), StringComparer.Ordinal))
        {
            ModelState.AddModelError(nameof(AuditFilter.Action), localizer["AuditActionUnknown"]);
        }

        if (filter.From is { } from && filter.To is { } to && from > to)
        {
            ModelState.AddModelError(nameof(AuditFilter.To), localizer["AuditDatesReversed"]);
        }

        // A malformed page number is not worth an error: the first page is shown.
        ModelState.Remove("page");
        return ModelState.IsValid;
    }

    private string L(string key) => localizer[key].Value;
}
