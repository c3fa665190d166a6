using EduPlan.Application.Reporting.History;
using EduPlan.Web.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EduPlan.Web.Features.Reports;

/// <summary>
/// The task page's quarterly timeline: per quarter, newest first, the lead department's report (the task's status once
/// approved) with the other departments' beneath, as far as the reader may see them.
/// </summary>
public sealed class TaskTimelineViewComponent(ReportReading reading) : ViewComponent
{
    /// <summary>Quarters shown until the reader asks for all (on the ten-year demo all of them made the page 244 KB).</summary>
    public const int LatestQuarters = 4;

    public async Task<IViewComponentResult> InvokeAsync(string planCode, int number, bool all = false)
    {
        var viewer = UserClaimsPrincipal.ReportViewer();
        var timeline = all
            ? await reading.TaskTimelineAsync(planCode, number, viewer, HttpContext.RequestAborted)
            : await reading.TaskTimelineAsync(planCode, number, viewer, LatestQuarters, HttpContext.RequestAborted);
        return View("~/Features/Reports/TaskTimeline.cshtml", new TaskTimelineViewModel(timeline, viewer.IsCoordinator || viewer.ReporterDepartmentId is not null));
    }
}
