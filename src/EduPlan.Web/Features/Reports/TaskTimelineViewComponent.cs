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
    public async Task<IViewComponentResult> InvokeAsync(string planCode, int number)
    {
        var viewer = UserClaimsPrincipal.ReportViewer();
        var timeline = await reading.TaskTimelineAsync(planCode, number, viewer, HttpContext.RequestAborted);
        return View("~/Features/Reports/TaskTimeline.cshtml", new TaskTimelineViewModel(timeline, viewer.IsCoordinator || viewer.ReporterDepartmentId is not null));
    }
}
