using EduPlan.Application.Reporting.Queries;
using EduPlan.Core.Reporting;

namespace EduPlan.Web.Features.MyTasks;

/// <summary>我的任务: the department's tasks for one quarter, or (Page null) the reason there are none to show.</summary>
/// <param name="Page">Null when the reporter has no department (or it no longer exists).</param>
/// <param name="Today">Today's China date, for "还剩N天".</param>
public sealed record MyTasksViewModel(MyTasksPage? Page, QuarterSwitcher Switcher, DateOnly Today)
{
    /// <summary>Days left to the deadline (0 on the last day), or null when the window is not open.</summary>
    public int? DaysLeft => Page?.Deadline is { } deadline ? deadline.DayNumber - Today.DayNumber : null;

    /// <summary>The form of one task's report this quarter.</summary>
    public string FormUrl(MyTaskRow row) => $"/my/tasks/{row.TaskId}/{Switcher.Current}";

    /// <summary>
    /// The one button of a row: 填报 / 继续填报 / 修改后重新提交 while the window is open, else 查看 (the form then says why
    /// it cannot be changed).
    /// </summary>
    public (string LabelKey, string CssClass) Action(MyTaskRow row)
    {
        var open = Page?.Window.IsOpen == true;
        return row.State switch
        {
            ReportState.Returned when open => ("MyTasksActionResubmit", "btn btn-sm btn-danger"),
            ReportState.Draft when open => ("MyTasksActionContinue", "btn btn-sm btn-primary"),
            null when open => ("MyTasksActionReport", "btn btn-sm btn-primary"),
            _ => ("MyTasksActionView", "btn btn-sm btn-outline-secondary"),
        };
    }
}

/// <summary>The home page's reporting card: a reporter's work this quarter and / or a coordinator's reports to review.</summary>
/// <param name="Reporter">Set for a reporter with a department.</param>
/// <param name="ReporterWithoutDepartment">A reporter whose account has no department yet.</param>
/// <param name="Coordinator">Set for a coordinator.</param>
public sealed record ReportingSummaryViewModel(ReporterSummary? Reporter, bool ReporterWithoutDepartment, CoordinatorSummary? Coordinator);
