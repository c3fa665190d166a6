using EduPlan.Application;
using EduPlan.Application.Departments;
using EduPlan.Application.Ownership;
using EduPlan.Application.Reporting;
using EduPlan.Core.Csv;
using EduPlan.Core.Ownership;
using EduPlan.Core.Reporting;
using EduPlan.Web.Authorization;
using EduPlan.Web.Features.Shared;
using EduPlan.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EduPlan.Web.Features.Ownership;

/// <summary>任务分工: who leads and who joins each key task, one task at a time or from a CSV file (administrators and coordinators).</summary>
[Authorize(Policy = Policies.ManageOwnership)]
[Route("ownership")]
public sealed class OwnershipController(
    OwnershipAdministration ownership,
    OwnershipQueries queries,
    OwnershipImport import,
    DepartmentQueries departments,
    ReportingCalendar calendar,
    IStringLocalizer<SharedResources> localizer) : Controller
{
    /// <summary>The largest CSV accepted: 81 tasks take about 5 KB, so 1 MB leaves room for any real file.</summary>
    public const int MaxUploadBytes = 1024 * 1024;

    private const string MessageKey = "OwnershipMessage";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var plans = await queries.ListPlansAsync(cancellationToken);
        var hasDepartments = (await departments.ListReferencesAsync(cancellationToken)).Any(d => d.IsActive);
        return View(new OwnershipHomeViewModel(plans, hasDepartments));
    }

    [HttpGet("{planCode}")]
    public async Task<IActionResult> Plan([FromRoute] string planCode, [FromQuery] string? filter, CancellationToken cancellationToken)
    {
        var plan = await queries.GetPlanAsync(planCode, cancellationToken);
        if (plan is null)
        {
            return NotFound();
        }

        return View(new OwnershipPlanViewModel(plan, filter == "unassigned", TempData[MessageKey] as string));
    }

    [HttpGet("{planCode}/tasks/{number:int}")]
    public async Task<IActionResult> EditTask([FromRoute] string planCode, [FromRoute] int number, CancellationToken cancellationToken)
    {
        var task = await queries.GetTaskAsync(planCode, number, cancellationToken);
        if (task is null || task.IsWithdrawn)
        {
            return NotFound();
        }

        var model = new OwnershipFormViewModel
        {
            LeadDepartmentId = task.Lead?.Id,
            CoDepartmentIds = task.CoDepartments.Select(d => d.Id).ToList(),
            OwnershipVersion = task.OwnershipVersion,
        };
        return await FormAsync(model, task, cancellationToken);
    }

    [HttpPost("{planCode}/tasks/{number:int}")]
    public async Task<IActionResult> EditTask(
        [FromRoute] string planCode,
        [FromRoute] int number,
        [Bind(nameof(OwnershipFormViewModel.LeadDepartmentId), nameof(OwnershipFormViewModel.CoDepartmentIds), nameof(OwnershipFormViewModel.OwnershipVersion), nameof(OwnershipFormViewModel.From))]
        OwnershipFormViewModel model,
        CancellationToken cancellationToken)
    {
        var task = await queries.GetTaskAsync(planCode, number, cancellationToken);
        if (task is null || task.IsWithdrawn)
        {
            return NotFound();
        }

        var from = ParseFrom(model.From, nameof(OwnershipFormViewModel.From));
        if (!ModelState.IsValid)
        {
            this.SetFailureStatus(Result<TaskOwnership>.Invalid([]));
            return await FormAsync(model, task, cancellationToken);
        }

        var result = await ownership.SetOwnersAsync(planCode, number,
            new OwnershipInput(model.LeadDepartmentId, model.CoDepartmentIds, from), model.OwnershipVersion, cancellationToken);
        switch (result.Kind)
        {
            case ResultKind.Saved:
                TempData[MessageKey] = localizer[result.Changed ? "OwnershipSaved" : "OwnershipUnchanged",
                    Core.Plans.ChineseNumerals.TaskMarker(number) + task.Title].Value;
                return Redirect($"/ownership/{Uri.EscapeDataString(planCode)}#task-{number}");
            case ResultKind.NotFound:
                return NotFound();
            case ResultKind.Conflict:
                // Keep the input, show what is stored now, and move the version on so that saving again is deliberate.
                model.Current = result.Value;
                model.OwnershipVersion = result.Value!.OwnershipVersion;
                ModelState.Remove(nameof(OwnershipFormViewModel.OwnershipVersion));
                this.SetFailureStatus(result);
                return await FormAsync(model, result.Value, cancellationToken);
            default:
                ModelState.AddErrors(result);
                this.SetFailureStatus(result);
                return await FormAsync(model, task, cancellationToken);
        }
    }

    [HttpGet("import")]
    public async Task<IActionResult> Import(CancellationToken cancellationToken) =>
        View(new OwnershipImportViewModel(await queries.ListPlansAsync(cancellationToken), null) { DefaultFrom = await calendar.DefaultQuarterAsync(null, cancellationToken) });

    // The form limit is above MaxUploadBytes so that a somewhat larger file gets a readable message rather than a 400.
    [HttpPost("import")]
    [RequestSizeLimit(4 * MaxUploadBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = 4 * MaxUploadBytes)]
    public async Task<IActionResult> Import(IFormFile? file, [FromForm] bool dryRun, [FromForm] string? from, CancellationToken cancellationToken)
    {
        string? error = null;
        var fromQuarter = ParseFrom(from, nameof(from));
        if (!ModelState.IsValid)
        {
            error = localizer["OwnershipFromInvalid", from ?? ""];
        }
        else if (file is null || file.Length == 0)
        {
            // A chosen file with nothing in it is said so, not taken for no file at all.
            error = file is { FileName.Length: > 0 } ? localizer["UploadFileEmpty", Path.GetFileName(file.FileName)] : localizer["OwnershipImportNoFile"];
        }
        else if (!string.Equals(Path.GetExtension(file.FileName), ".csv", StringComparison.OrdinalIgnoreCase))
        {
            error = localizer["OwnershipImportNotCsv"];
        }
        else if (file.Length > MaxUploadBytes)
        {
            error = localizer["OwnershipImportTooLarge", MaxUploadBytes / 1024];
        }

        if (error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new OwnershipImportViewModel(await queries.ListPlansAsync(cancellationToken), error)
            {
                DefaultFrom = await calendar.DefaultQuarterAsync(null, cancellationToken),
                From = from,
            });
        }

        using var buffer = new MemoryStream((int)file!.Length);
        await using (var stream = file.OpenReadStream())
        {
            await stream.CopyToAsync(buffer, cancellationToken);
        }

        // Only the name, never the client's path; it appears in "file:line: reason" and in the audit entry.
        var sourceName = Path.GetFileName(file.FileName.Replace('\\', '/'));
        var result = await import.ImportAsync(buffer.ToArray(), sourceName, dryRun, fromQuarter, cancellationToken);
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return View("ImportResult", new OwnershipImportResultViewModel(result, dryRun));
    }

    /// <summary>The CSV template: every current task (of one plan, or all) with its owners now, so it can be edited and uploaded.</summary>
    [HttpGet("template.csv")]
    public async Task<IActionResult> Template([FromQuery] string? plan, CancellationToken cancellationToken)
    {
        var codes = plan is null
            ? (await queries.ListPlansAsync(cancellationToken)).Select(p => p.Code).ToList()
            : [plan];
        var rows = new List<OwnershipCsvRow>();
        foreach (var code in codes)
        {
            var owners = await queries.GetPlanAsync(code, cancellationToken);
            if (owners is null)
            {
                return NotFound();
            }

            rows.AddRange(owners.Tasks.Select(t => new OwnershipCsvRow(0, owners.Code, t.Number, t.Lead?.ShortName, t.CoDepartments.Select(d => d.ShortName).ToList())));
        }

        var fileName = plan is null ? "ownership.csv" : $"ownership-{plan}.csv";
        return File(OwnershipCsv.WriteUtf8WithBom(rows), CsvWriter.ContentType, fileName);
    }

    /// <summary>An optional "from quarter" as typed: null when empty; a model error when it is not a quarter.</summary>
    private Quarter? ParseFrom(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Quarter.TryParse(text, out var quarter))
        {
            return quarter;
        }

        ModelState.AddModelError(field, localizer["OwnershipFromInvalid", text]);
        return null;
    }

    private async Task<IActionResult> FormAsync(OwnershipFormViewModel model, TaskOwnership task, CancellationToken cancellationToken)
    {
        model.Task = task;
        model.DefaultFrom = await calendar.DefaultQuarterAsync(null, cancellationToken);
        model.PlanTitle = (await queries.ListPlansAsync(cancellationToken)).FirstOrDefault(p => p.Code == task.PlanCode)?.Title ?? task.PlanCode;
        var named = new HashSet<int>(model.CoDepartmentIds.Concat(task.CoDepartments.Select(d => d.Id)));
        if (model.LeadDepartmentId is { } lead)
        {
            named.Add(lead);
        }

        if (task.Lead is not null)
        {
            named.Add(task.Lead.Id);
        }

        model.Departments = (await departments.ListReferencesAsync(cancellationToken))
            .Where(d => d.IsActive || named.Contains(d.Id))
            .ToList();
        return View("EditTask", model);
    }
}
