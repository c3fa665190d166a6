using EduPlan.Application.Reporting.Queries;
using EduPlan.Core.Organisation;
using EduPlan.Core.Reporting;

namespace EduPlan.Application.Tests.Reporting.Queries;

public sealed class MyTasksQueryTests : IAsyncLifetime
{
    private readonly ReportingDatabase data = new();

    public Task InitializeAsync() => data.InitializeAsync();

    public Task DisposeAsync() => data.DisposeAsync();

    private Task<MyTasksPage?> ForAsync(int departmentId, Quarter quarter, CommandLog? log = null) =>
        data.Use(s => new MyTasksQuery(s.Db, s.Calendar).ForDepartmentAsync(departmentId, quarter), null, log is null ? [] : [log]);

    [Fact]
    public async Task Each_task_shows_the_departments_part_and_its_report_state_this_quarter()
    {
        var q = ReportingDatabase.Q3;
        var draft = await data.OwnAsync("chongqing", 11, data.Education);
        var submitted = await data.OwnAsync("chongqing", 12, data.Science, data.Education);
        var approved = await data.OwnAsync("chongqing", 13, data.Education);
        var untouched = await data.OwnAsync("national", 5, data.Education);
        await data.AddReportAsync(data.TaskId, data.Education, q, ReportState.Returned, new DateTime(2026, 9, 1, 9, 0, 0));
        await data.AddReportAsync(draft, data.Education, q, ReportState.Draft, percent: 35);
        await data.AddReportAsync(submitted, data.Education, q, ReportState.Submitted, new DateTime(2026, 9, 2, 9, 0, 0));
        await data.AddReportAsync(approved, data.Education, q, ReportState.Approved, new DateTime(2026, 9, 3, 9, 0, 0), percent: 100);

        var page = (await ForAsync(data.Education, q))!;

        var rows = page.Plans.SelectMany(p => p.Tasks).ToDictionary(t => t.TaskId);
        rows.Keys.Should().BeEquivalentTo([data.TaskId, draft, submitted, approved, untouched]);
        rows[data.TaskId].State.Should().Be(ReportState.Returned);
        rows[data.TaskId].ReviewComment.Should().Be("请补充佐证材料", "a returned report says what to fix");
        rows[draft].State.Should().Be(ReportState.Draft);
        rows[draft].Percent.Should().Be(35);
        rows[submitted].State.Should().Be(ReportState.Submitted);
        rows[submitted].Part.Should().Be(TaskPart.CoDepartment, "市教委 only joins task 12");
        rows[approved].State.Should().Be(ReportState.Approved);
        rows[approved].Part.Should().Be(TaskPart.Lead);
        rows[untouched].State.Should().BeNull("no report yet is 未填报");
        rows[untouched].ReportId.Should().BeNull();
        page.Counts.Should().Be(new ReportStateCounts(5, NotReported: 1, Draft: 1, Returned: 1, Submitted: 1, Approved: 1));
        page.Counts.ToString().Should().Be("共5项：未填报1、草稿1、已退回1、已提交1、已通过1");
        page.Counts.Pending.Should().Be(3);
    }

    [Fact]
    public async Task Plans_come_in_document_order_and_returned_then_unreported_tasks_come_first()
    {
        var q = ReportingDatabase.Q3;
        var t9 = await data.OwnAsync("chongqing", 9, data.Education);
        var t11 = await data.OwnAsync("chongqing", 11, data.Education);
        var t12 = await data.OwnAsync("chongqing", 12, data.Education);
        var national = await data.OwnAsync("national", 20, data.Education);
        await data.AddReportAsync(t9, data.Education, q, ReportState.Approved, new DateTime(2026, 9, 1, 9, 0, 0));
        await data.AddReportAsync(t11, data.Education, q, ReportState.Draft);
        await data.AddReportAsync(t12, data.Education, q, ReportState.Returned, new DateTime(2026, 9, 1, 9, 0, 0));

        var page = (await ForAsync(data.Education, q))!;

        page.Plans.Select(p => p.PlanCode).Should().Equal("national", "chongqing");
        page.Plans[0].Tasks.Select(t => t.TaskId).Should().Equal(national);
        // Returned (12), not reported (10), draft (11), approved (9).
        page.Plans[1].Tasks.Select(t => t.Number).Should().Equal(12, 10, 11, 9);
    }

    [Fact]
    public async Task Only_the_departments_own_reports_for_the_quarter_count()
    {
        // 市财政局 joins task 10 and has submitted; 市教委 reported on it last quarter only.
        await data.AddReportAsync(data.TaskId, data.Finance, ReportingDatabase.Q3, ReportState.Submitted, new DateTime(2026, 9, 1, 9, 0, 0));
        await data.AddReportAsync(data.TaskId, data.Education, new Quarter(2026, 2), ReportState.Approved, new DateTime(2026, 6, 20, 9, 0, 0));

        var education = (await ForAsync(data.Education, ReportingDatabase.Q3))!;
        var finance = (await ForAsync(data.Finance, ReportingDatabase.Q3))!;

        education.Plans.SelectMany(p => p.Tasks).Single().State.Should().BeNull();
        finance.Plans.SelectMany(p => p.Tasks).Single().Should().Match<MyTaskRow>(t => t.State == ReportState.Submitted && t.Part == TaskPart.CoDepartment);
    }

    [Fact]
    public async Task A_department_never_sees_tasks_it_does_not_own_nor_withdrawn_ones()
    {
        await data.OwnAsync("chongqing", 20, data.Science);
        var withdrawn = await data.OwnAsync("chongqing", 21, data.Education);
        await data.WithdrawTaskAsync(withdrawn);

        var education = (await ForAsync(data.Education, ReportingDatabase.Q3))!;
        var science = (await ForAsync(data.Science, ReportingDatabase.Q3))!;

        education.Plans.SelectMany(p => p.Tasks).Select(t => t.Number).Should().Equal(10);
        science.Plans.SelectMany(p => p.Tasks).Select(t => t.Number).Should().Equal(20);
        science.DepartmentShortName.Should().Be("市科技局");
    }

    [Fact]
    public async Task The_window_gives_the_deadline_while_open_and_the_reason_once_closed()
    {
        var open = (await ForAsync(data.Education, ReportingDatabase.Q3))!;
        var closed = (await ForAsync(data.Education, new Quarter(2026, 2)))!;

        open.Window.IsOpen.Should().BeTrue();
        open.Deadline.Should().Be(new DateOnly(2026, 10, 15));
        open.Window.Reason.Should().Be("2026年第三季度填报截止于2026-10-15");
        closed.Window.IsOpen.Should().BeFalse();
        closed.Deadline.Should().BeNull();
        closed.Window.Reason.Should().Be("2026年第二季度已于2026-07-15截止填报");
    }

    [Fact]
    public async Task A_department_exception_is_the_window_of_that_department_only()
    {
        var q2 = new Quarter(2026, 2);
        await data.AddOverrideAsync(q2, data.Finance, PeriodOverrideMode.Open, new DateOnly(2026, 9, 30), new DateTime(2026, 9, 1, 9, 0, 0));

        var finance = (await ForAsync(data.Finance, q2))!;
        var education = (await ForAsync(data.Education, q2))!;

        finance.Deadline.Should().Be(new DateOnly(2026, 9, 30));
        education.Window.IsOpen.Should().BeFalse();
    }

    [Fact]
    public async Task An_unknown_department_gives_null_and_one_without_tasks_an_empty_page()
    {
        (await ForAsync(999_999, ReportingDatabase.Q3)).Should().BeNull();
        var empty = (await ForAsync(data.Science, ReportingDatabase.Q3))!;
        empty.Plans.Should().BeEmpty();
        empty.Counts.Should().Be(ReportStateCounts.Empty);
        empty.Counts.ToString().Should().Be("共0项");
    }

    [Fact]
    public async Task The_number_of_queries_does_not_grow_with_the_tasks()
    {
        for (var number = 1; number <= 30; number++)
        {
            if (number != 10)
            {
                var taskId = await data.OwnAsync("chongqing", number, data.Education);
                await data.AddReportAsync(taskId, data.Education, ReportingDatabase.Q3, ReportState.Draft);
            }
        }

        var log = new CommandLog();
        var page = (await ForAsync(data.Education, ReportingDatabase.Q3, log))!;

        page.Counts.Total.Should().Be(30);
        // Department, owners in the quarter (leads, co-departments, past owners), tasks, reports, overrides.
        log.Selects.Should().HaveCountLessThanOrEqualTo(7);
    }
}
