using EduPlan.Application.Reporting;
using EduPlan.Application.Reporting.Queries;
using EduPlan.Core.Reporting;
using EduPlan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EduPlan.Web.Features.MyTasks;

/// <summary>我的任务: a reporter's department's tasks with this quarter's report state and one button to each form.</summary>
[Authorize(Policy = Policies.ReportProgress)]
public sealed class MyTasksController(MyTasksQuery query, ReportingCalendar calendar) : Controller
{
    public const string Path = "/my/tasks";

    [HttpGet("my/tasks")]
    public async Task<IActionResult> Index([FromQuery] string? quarter, CancellationToken cancellationToken)
    {
        var departmentId = User.DepartmentId();
        Quarter selected;
        if (quarter is null)
        {
            selected = await calendar.DefaultQuarterAsync(departmentId, cancellationToken);
        }
        else if (!Quarter.TryParse(quarter, out selected) || !selected.IsReportingQuarter)
        {
            return NotFound();
        }

        var switcher = QuarterSwitcher.For(Path, selected, calendar.CurrentQuarter());
        var page = departmentId is { } id ? await query.ForDepartmentAsync(id, selected, cancellationToken) : null;
        return View(new MyTasksViewModel(page, switcher, calendar.Today()));
    }
}
