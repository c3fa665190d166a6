using EduPlan.Core.Messages;
using EduPlan.Core.Organisation;
using EduPlan.Core.Reporting;

namespace EduPlan.Application.Reporting.Queries;

/// <summary>我的任务: a department's current tasks for one quarter, grouped by plan, with the quarter's entry window and counts.</summary>
/// <param name="Deadline">The last China date of entry when the window is open; null when it is closed or not open yet.</param>
public sealed record MyTasksPage(
    int DepartmentId,
    string DepartmentName,
    string DepartmentShortName,
    Quarter Quarter,
    PeriodWindow Window,
    IReadOnlyList<MyTasksPlan> Plans,
    ReportStateCounts Counts)
{
    public DateOnly? Deadline => Window.IsOpen ? Window.OpenUntil : null;
}

/// <summary>One plan's tasks on 我的任务: returned and not-yet-reported ones first, then by task number.</summary>
public sealed record MyTasksPlan(string PlanCode, string PlanTitle, IReadOnlyList<MyTaskRow> Tasks);

/// <summary>
/// One task and where the department's report on it stands this quarter. <see cref="State"/> is null when the
/// department has not started a report (未填报); the report fields are then null too.
/// </summary>
public sealed record MyTaskRow(
    int TaskId,
    string PlanCode,
    int Number,
    string Title,
    TaskPart Part,
    int? ReportId,
    ReportState? State,
    ReportStatus? Status,
    int? Percent,
    DateTime? UpdatedAt,
    string? UpdatedByName,
    string? ReviewComment)
{
    /// <summary>The order 我的任务 lists states in: what needs doing first.</summary>
    public static int Urgency(ReportState? state) => state switch
    {
        ReportState.Returned => 0,
        null => 1,
        ReportState.Draft => 2,
        ReportState.Submitted => 3,
        _ => 4,
    };
}

/// <summary>How many tasks are in each state: 共12项：未填报5、草稿2、已退回1、已提交3、已通过1.</summary>
public sealed record ReportStateCounts(int Total, int NotReported, int Draft, int Returned, int Submitted, int Approved) : ILocalizable
{
    public static ReportStateCounts Empty { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>Still to be submitted this quarter: 未填报, 草稿 and 已退回.</summary>
    public int Pending => NotReported + Draft + Returned;

    public static ReportStateCounts Of(IEnumerable<ReportState?> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        var list = states.ToList();
        return new(
            list.Count,
            list.Count(s => s is null),
            list.Count(s => s == ReportState.Draft),
            list.Count(s => s == ReportState.Returned),
            list.Count(s => s == ReportState.Submitted),
            list.Count(s => s == ReportState.Approved));
    }

    /// <summary>"共12项：未填报5、草稿2、已退回1、已提交3、已通过1" (states with none left out) in the reader's language.</summary>
    public Message ToMessage()
    {
        var parts = new (string Key, int Count)[]
        {
            ("Counts_NotReported", NotReported), ("Counts_Draft", Draft), ("Counts_Returned", Returned),
            ("Counts_Submitted", Submitted), ("Counts_Approved", Approved),
        };
        var shown = parts.Where(p => p.Count > 0).Select(p => new Message(p.Key, p.Count)).ToList();
        return shown.Count == 0 ? new Message("Counts_Total", Total) : new Message("Counts_TotalWithParts", Total, MessageList.Of(shown));
    }

    /// <summary>The summary in Chinese.</summary>
    public override string ToString() => ToMessage().ToString();
}
