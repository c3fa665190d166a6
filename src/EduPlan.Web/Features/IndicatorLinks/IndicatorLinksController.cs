using EduPlan.Application;
using EduPlan.Application.Reporting.Links;
using EduPlan.Web.Authorization;
using EduPlan.Web.Features.Shared;
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
        return After(id, result, "IndicatorLinked");
    }

    [HttpPost("indicators/{id:int}/links/{taskId:int}/delete")]
    public async Task<IActionResult> Unlink([FromRoute] int id, [FromRoute] int taskId, CancellationToken cancellationToken)
    {
        var result = await links.UnlinkAsync(id, taskId, cancellationToken);
        return After(id, result, "IndicatorUnlinked");
    }

    /// <summary>404 for an indicator that is not there; otherwise back to its row with what happened or why not.</summary>
    private IActionResult After(int id, Result<IndicatorLink> result, string doneKey) => result switch
    {
        { Kind: ResultKind.NotFound, Value: null } => NotFound(),
        { Succeeded: true, Value: { Task: { } task } link } => Back(id, localizer[doneKey, task.Label, link.Indicator].Value, null),
        _ => Back(id, null, string.Join(" ", result.Messages.Select(m => m.Text()))),
    };

    /// <summary>Post / redirect / get, back to the indicator's row with what happened.</summary>
    private RedirectResult Back(int indicatorId, string? message, string? error)
    {
        TempData[MessageKey] = message;
        TempData[ErrorKey] = error;
        TempData[nameof(IndicatorLinksViewModel.FocusId)] = indicatorId;
        return Redirect($"/indicators#indicator-{indicatorId}");
    }
}
