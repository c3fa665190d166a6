using EduPlan.Application.Reporting.Links;
using EduPlan.Web.Authorization;
using EduPlan.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EduPlan.Web.Features.IndicatorLinks;

/// <summary>指标关联: which key tasks report each indicator of the plans (administrators and coordinators).</summary>
[Authorize(Policy = Policies.ManageIndicatorLinks)]
public sealed class IndicatorLinksController(IndicatorLinkAdministration links, IStringLocalizer<SharedResources> localizer) : Controller
{
    private const string MessageKey = "IndicatorLinksMessage";
    private const string ErrorKey = "IndicatorLinksError";

    [HttpGet("indicators")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var indicators = await links.ListAsync(cancellationToken);
        var tasks = await links.ListTaskChoicesAsync(cancellationToken);
        return View(new IndicatorLinksViewModel(
            indicators,
            tasks,
            TempData[MessageKey] as string,
            TempData[ErrorKey] as string,
            TempData[nameof(IndicatorLinksViewModel.FocusId)] as int?));
    }

    [HttpPost("indicators/{id:int}/links")]
    public async Task<IActionResult> Link([FromRoute] int id, [FromForm] int? taskId, CancellationToken cancellationToken)
    {
        if (taskId is null)
        {
            // Checked here rather than by the use case: an empty choice is a form mistake, not a link that exists.
            var all = await links.ListAsync(cancellationToken);
            if (all.All(i => i.Id != id))
            {
                return NotFound();
            }

            return Back(id, null, localizer["IndicatorLinkChooseTask"].Value);
        }

        var result = await links.LinkAsync(id, taskId.Value, cancellationToken);
        if (result is { Outcome: IndicatorLinkOutcome.NotFound, Indicator: null })
        {
            return NotFound();
        }

        return result.Succeeded
            ? Back(id, localizer["IndicatorLinked", result.Task!.Label, result.Indicator!].Value, null)
            : Back(id, null, string.Join(" ", result.Errors.Select(e => e.Message)));
    }

    [HttpPost("indicators/{id:int}/links/{taskId:int}/delete")]
    public async Task<IActionResult> Unlink([FromRoute] int id, [FromRoute] int taskId, CancellationToken cancellationToken)
    {
        var result = await links.UnlinkAsync(id, taskId, cancellationToken);
        if (result is { Outcome: IndicatorLinkOutcome.NotFound, Indicator: null })
        {
            return NotFound();
        }

        return result.Succeeded
            ? Back(id, localizer["IndicatorUnlinked", result.Task!.Label, result.Indicator!].Value, null)
            : Back(id, null, string.Join(" ", result.Errors.Select(e => e.Message)));
    }

    /// <summary>Post / redirect / get, back to the indicator's row with what happened.</summary>
    private RedirectResult Back(int indicatorId, string? message, string? error)
    {
        TempData[MessageKey] = message;
        TempData[ErrorKey] = error;
        TempData[nameof(IndicatorLinksViewModel.FocusId)] = indicatorId;
        return Redirect($"/indicators#indicator-{indicatorId}");
    }
}
