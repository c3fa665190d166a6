using EduPlan.Application.Reporting.Queries;
using EduPlan.Application.Security;
using EduPlan.Web.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EduPlan.Web.Features.MyTasks;

/// <summary>
/// The home page's first card: a reporter sees how many of this quarter's tasks are still to submit and the deadline,
/// with the way to 我的任务; a coordinator how many reports wait for review. Anyone else sees nothing.
/// </summary>
public sealed class ReportingSummaryViewComponent(ReportingSummaryQuery query) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var user = HttpContext.User;
        var isReporter = user.IsInRole(Roles.Reporter);
        var isCoordinator = user.IsInRole(Roles.Coordinator);
        if (!isReporter && !isCoordinator)
        {
            return Content("");
        }

        var cancellationToken = HttpContext.RequestAborted;
        var departmentId = isReporter ? user.DepartmentId() : null;
        var reporter = departmentId is { } id ? await query.ForDepartmentAsync(id, cancellationToken) : null;
        var coordinator = isCoordinator ? await query.ForReviewAsync(cancellationToken) : null;
        return View("~/Features/MyTasks/_ReportingSummary.cshtml",
            new ReportingSummaryViewModel(reporter, isReporter && departmentId is null, coordinator));
    }
}
