using EduPlan.Application.Reporting.History;
using EduPlan.Web.Authorization;
using EduPlan.Web.Features.Shared;
using EduPlan.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EduPlan.Web.Features.Reports;

/// <summary>
/// One progress report with its history, and two of its versions compared. Anyone who may read plans may open the
/// address; the report itself decides (<see cref="Core.Reporting.ReportVisibility"/>): approved for all, anything else
/// only for its department and coordinators (403 with the reason; 404 for an unknown id).
/// </summary>
[Authorize(Policy = Policies.ReadPlans)]
[Route("reports")]
public sealed class ReportsController(ReportReading reading, IStringLocalizer<SharedResources> localizer) : Controller
{
    /// <summary>TempData key of the message shown once on the report page.</summary>
    public const string MessageKey = "ReportMessage";

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details([FromRoute] int id, CancellationToken cancellationToken)
    {
        var result = await reading.GetReportAsync(id, User.ReportViewer(), cancellationToken);
        return result.Succeeded
            ? View("Details", ReportPageViewModel.For(result.Value!, User, TempData[MessageKey] as string))
            : await RefusedAsync(this, localizer, result);
    }

    [HttpGet("{id:int}/diff")]
    public async Task<IActionResult> Diff([FromRoute] int id, [FromQuery] int? from, [FromQuery] int? to, CancellationToken cancellationToken)
    {
        var result = await reading.DiffAsync(id, from, to, User.ReportViewer(), cancellationToken);
        return result.Succeeded
            ? View("Diff", new ReportDiffViewModel(result.Value!))
            : await RefusedAsync(this, localizer, result);
    }

    /// <summary>404 for an unknown report; the 403 page that says why, without anything of the report, for one the viewer may not read.</summary>
    internal static async Task<IActionResult> RefusedAsync<T>(Controller controller, IStringLocalizer<SharedResources> localizer, Application.Result<T> result) =>
        result.Kind == Application.ResultKind.Forbidden
            ? await controller.ForbiddenAsync(result.Reason!, localizer["ReportForbiddenTitle"].Value)
            : await controller.FailureAsync(result);
}
