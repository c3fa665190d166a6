using System.Globalization;
using System.Text;
using EduPlan.Application;
using EduPlan.Application.Progress;
using EduPlan.Core.Progress;
using EduPlan.Data;
using EduPlan.Web.Authorization;
using EduPlan.Web.Features.Shared;
using EduPlan.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EduPlan.Web.Features.Planning;

/// <summary>
/// 进度计划 (<c>/progress</c>): a coordinator sets tasks' due dates, weights and planned-progress curves (by form or
/// CSV file) and indicators' baselines, from which 序时进度 and the lights are computed (ADR 15).
/// </summary>
[Authorize(Policy = Policies.PlanProgress)]
public sealed class PlanningController(ProgressPlanning planning, EduPlanDbContext db, IStringLocalizer<SharedResources> localizer) : Controller
{
    /// <summary>Largest curve file accepted (a line per task and quarter: 81 × 44 lines fit many times over).</summary>
    public const int MaxUploadBytes = 1024 * 1024;

    private const string MessageKey = "PlanningMessage";

    [HttpGet("progress")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var plans = await PlansAsync(cancellationToken);
        return plans.Count == 0 ? NotFound() : Redirect("/progress/" + Uri.EscapeDataString(plans[^1].Code));
    }

    [HttpGet("progress/{planCode}")]
    public async Task<IActionResult> Plan(string planCode, CancellationToken cancellationToken)
    {
        var plans = await PlansAsync(cancellationToken);
        var plan = plans.FirstOrDefault(p => p.Code == planCode);
        if (plan is null)
        {
            return NotFound();
        }

        return View("Index", new PlanningIndexViewModel(plan.Code, plan.Title, plans,
            await planning.ListTasksAsync(planCode, cancellationToken), await planning.ListBaselinesAsync(planCode, cancellationToken),
            TempData[MessageKey] as string));
    }

    [HttpGet("progress/{planCode}/tasks/{number:int}")]
    public async Task<IActionResult> EditTask(string planCode, int number, CancellationToken cancellationToken)
    {
        var task = await planning.GetTaskAsync(planCode, number, cancellationToken);
        return task is null ? NotFound() : View("EditTask", new TaskPlanningViewModel(task, FormOf(task), null));
    }

    [HttpPost("progress/{planCode}/tasks/{number:int}")]
    public async Task<IActionResult> EditTask(string planCode, int number, [Bind(nameof(TaskPlanningForm.StartDate), nameof(TaskPlanningForm.DueDate), nameof(TaskPlanningForm.Weight), nameof(TaskPlanningForm.Curve), nameof(TaskPlanningForm.Version))] TaskPlanningForm form, CancellationToken cancellationToken)
    {
        var task = await planning.GetTaskAsync(planCode, number, cancellationToken);
        if (task is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return View("EditTask", new TaskPlanningViewModel(task, form, null));
        }

        var result = await planning.SetTaskAsync(planCode, number, new TaskPlanningInput(form.StartDate, form.DueDate, form.Weight, form.Curve), form.Version, cancellationToken);
        switch (result.Kind)
        {
            case ResultKind.Saved:
                TempData[MessageKey] = localizer["PlanningTaskSaved", Core.Plans.ChineseNumerals.TaskMarker(number) + task.Title].Value;
                return Redirect("/progress/" + Uri.EscapeDataString(planCode));
            case ResultKind.NotFound:
                return NotFound();
            case ResultKind.Conflict:
                // Keep what was typed; show what is stored now and move the version on, so saving again is a choice.
                form.Version = result.Value?.Version ?? form.Version;
                this.SetFailureStatus(result);
                return View("EditTask", new TaskPlanningViewModel(result.Value ?? task, form, result.Reason?.Text()));
            default:
                ModelState.AddErrors(result);
                this.SetFailureStatus(result);
                return View("EditTask", new TaskPlanningViewModel(task, form, null));
        }
    }

    [HttpGet("progress/indicators/{id:int}")]
    public async Task<IActionResult> EditBaseline(int id, CancellationToken cancellationToken)
    {
        var indicator = await planning.GetBaselineAsync(id, cancellationToken);
        return indicator is null ? NotFound() : View("EditBaseline", new BaselineViewModel(indicator, new BaselineForm { Value = indicator.Value, Year = indicator.BaselineYear, Version = indicator.Version }, null));
    }

    [HttpPost("progress/indicators/{id:int}")]
    public async Task<IActionResult> EditBaseline(int id, [Bind(nameof(BaselineForm.Value), nameof(BaselineForm.Year), nameof(BaselineForm.Version))] BaselineForm form, CancellationToken cancellationToken)
    {
        var indicator = await planning.GetBaselineAsync(id, cancellationToken);
        if (indicator is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return View("EditBaseline", new BaselineViewModel(indicator, form, null));
        }

        var result = await planning.SetBaselineAsync(id, form.Value, form.Year, form.Version, cancellationToken);
        switch (result.Kind)
        {
            case ResultKind.Saved:
                TempData[MessageKey] = localizer["PlanningBaselineSaved", indicator.Name].Value;
                return Redirect("/progress/" + Uri.EscapeDataString(indicator.PlanCode) + "#indicators");
            case ResultKind.NotFound:
                return NotFound();
            case ResultKind.Conflict:
                form.Version = result.Value?.Version ?? form.Version;
                this.SetFailureStatus(result);
                return View("EditBaseline", new BaselineViewModel(result.Value ?? indicator, form, result.Reason?.Text()));
            default:
                ModelState.AddErrors(result);
                this.SetFailureStatus(result);
                return View("EditBaseline", new BaselineViewModel(indicator, form, null));
        }
    }

    [HttpGet("progress/curves/import")]
    public async Task<IActionResult> Import(CancellationToken cancellationToken) =>
        View("Import", new CurveImportViewModel(await PlansAsync(cancellationToken), null, []));

    [HttpPost("progress/curves/import")]
    [RequestSizeLimit(MaxUploadBytes + 64 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes + 64 * 1024)]
    public async Task<IActionResult> Import(IFormFile? file, [FromForm] bool dryRun, CancellationToken cancellationToken)
    {
        var plans = await PlansAsync(cancellationToken);
        if (file is null || file.Length == 0)
        {
            // A chosen file with nothing in it is said so, not taken for no file at all.
            var message = file is { FileName.Length: > 0 } ? localizer["UploadFileEmpty", Path.GetFileName(file.FileName)] : localizer["PlanningImportNoFile"];
            return View("Import", new CurveImportViewModel(plans, null, [message.Value]));
        }

        if (file.Length > MaxUploadBytes)
        {
            return View("Import", new CurveImportViewModel(plans, null, [localizer["PlanningImportTooLarge", MaxUploadBytes / 1024].Value]));
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var name = Path.GetFileName(file.FileName);
        var result = await planning.ImportCurvesAsync(buffer.ToArray(), string.IsNullOrWhiteSpace(name) ? "upload.csv" : name, dryRun, cancellationToken);
        return View("Import", new CurveImportViewModel(plans, result, result.Errors.Select(e => e.ToString(CultureInfo.CurrentUICulture)).ToList()));
    }

    /// <summary>Every current task's curve as a CSV file (UTF-8 with BOM, as Excel opens it), to edit and upload again.</summary>
    [HttpGet("progress/curves/template.csv")]
    public async Task<IActionResult> Template([FromQuery] string? plan, CancellationToken cancellationToken)
    {
        var codes = plan is null ? (await PlansAsync(cancellationToken)).Select(p => p.Code).ToList() : [plan];
        var text = new StringBuilder(string.Join(",", CurveCsv.Header)).Append("\r\n");
        foreach (var code in codes)
        {
            foreach (var task in await planning.ListTasksAsync(code, cancellationToken))
            {
                foreach (var point in task.Curve)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{code},{task.Number},{point.Quarter},{point.Percent}\r\n");
                }
            }
        }

        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray(), "text/csv; charset=utf-8", "curves.csv");
    }

    internal static TaskPlanningForm FormOf(TaskPlanning task) => new()
    {
        StartDate = task.StartDate,
        DueDate = task.DueDate,
        Weight = task.Weight,
        Curve = ProgressPlanning.FormatCurve(task.Curve),
        Version = task.Version,
    };

    private Task<List<PlanChoice>> PlansAsync(CancellationToken cancellationToken) =>
        db.Plans.AsNoTracking().OrderBy(p => p.SortOrder).ThenBy(p => p.Id).Select(p => new PlanChoice(p.Code, p.Title)).ToListAsync(cancellationToken);
}
