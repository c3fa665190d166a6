using EduPlan.Application.Reporting.Queries;
using EduPlan.Core.Reporting;

namespace EduPlan.Application.Tests.Reporting.Queries;

public sealed class ReportingStatusQueryTests : IAsyncLifetime
{
    private static readonly Quarter Q2 = new(2026, 2);
    private readonly ReportingDatabase data = new();

    public Task InitializeAsync() => data.InitializeAsync();

    public Task DisposeAsync() => data.DisposeAsync();

    private Task<ReportingStatusPage> ForAsync(Quarter quarter, CommandLog? log = null) =>
        data.Use(s => new ReportingStatusQuery(s.Db, s.Calendar).ForQuarterAsync(quarter), null, log is null ? [] : [log]);

    /// <summary>
    /// 2026Q2 closed on 2026-07-15 (today is 2026-09-10). 市教委 leads 10–13: 10 approved and 11 submitted on time (11 on
    /// the last evening, then returned and resubmitted late), 12 submitted a day late, 13 never. 市财政局 joins 10 and
    /// has only a draft. 市科技局 has an exception to 2026-09-30: 20 not started, 21 submitted in the exception, 22 returned.
    /// </summary>
    private async Task SeedClosedQuarterAsync()
    {
        var t11 = await data.OwnAsync("chongqing", 11, data.Education);
        var t12 = await data.OwnAsync("chongqing", 12, data.Education);
        await data.OwnAsync("chongqing", 13, data.Education);
        await data.OwnAsync("chongqing", 20, data.Science);
        var t21 = await data.OwnAsync("chongqing", 21, data.Science);
        var t22 = await data.OwnAsync("chongqing", 22, data.Science);
        await data.AddOverrideAsync(Q2, data.Science, PeriodOverrideMode.Open, new DateOnly(2026, 9, 30), new DateTime(2026, 7, 20, 9, 0, 0));

        await data.AddReportAsync(data.TaskId, data.Education, Q2, ReportState.Approved, new DateTime(2026, 7, 10, 9, 0, 0));
        await data.AddReportAsync(t11, data.Education, Q2, ReportState.Submitted, new DateTime(2026, 7, 15, 23, 30, 0), resubmittedChina: new DateTime(2026, 7, 20, 9, 0, 0));
        await data.AddReportAsync(t12, data.Education, Q2, ReportState.Submitted, new DateTime(2026, 7, 16, 0, 10, 0));
        await data.AddReportAsync(data.TaskId, data.Finance, Q2, ReportState.Draft);
        await data.AddReportAsync(t21, data.Science, Q2, ReportState.Submitted, new DateTime(2026, 9, 5, 9, 0, 0));
        await data.AddReportAsync(t22, data.Science, Q2, ReportState.Returned, new DateTime(2026, 7, 14, 9, 0, 0));
    }

    [Fact]
    public async Task Each_department_is_counted_by_state_and_by_its_first_submission_against_its_deadline()
    {
        await SeedClosedQuarterAsync();

        var page = await ForAsync(Q2);

        var rows = page.Departments.ToDictionary(d => d.ShortName);
        rows["市教委"].Counts.Should().Be(new ReportingCounts(Expected: 4, NotStarted: 1, Draft: 0, Returned: 0, Submitted: 3, Approved: 1, OnTime: 2, Late: 1, Overdue: 1));
        rows["市教委"].Deadline.Should().Be(new DateOnly(2026, 7, 15));
        rows["市财政局"].Counts.Should().Be(new ReportingCounts(1, 0, 1, 0, 0, 0, 0, 0, Overdue: 1), "a draft never submitted after the close is 逾期未报");
        rows["市科技局"].Counts.Should().Be(new ReportingCounts(3, 1, 0, 1, 1, 0, OnTime: 1, Late: 0, Overdue: 0),
            "the exception holds the window open and extends the deadline; 22, returned after an on-time submission, is not in");
        rows["市科技局"].Deadline.Should().Be(new DateOnly(2026, 9, 30));
        rows["市科技局"].Window.Reason.Should().Be("2026年第二季度已为本单位延长填报至2026-09-30");
        page.QuarterWindow.Reason.Should().Be("2026年第二季度已于2026-07-15截止填报");
        page.QuarterDeadline.Should().Be(new DateOnly(2026, 7, 15));
        page.Totals.Should().Be(new ReportingCounts(8, 2, 1, 1, 4, 1, 3, 1, 2));
        page.Totals.NotSubmitted.Should().Be(4);
    }

    [Fact]
    public async Task The_worst_department_comes_first()
    {
        await SeedClosedQuarterAsync();

        var page = await ForAsync(Q2);

        // Both 市财政局 and 市教委 have one overdue; 市财政局 has nothing in.
        page.Departments.Select(d => d.ShortName).Should().Equal("市财政局", "市教委", "市科技局");
    }

    [Fact]
    public async Task Nothing_is_overdue_while_the_window_is_open()
    {
        await data.AddReportAsync(data.TaskId, data.Education, ReportingDatabase.Q3, ReportState.Submitted, new DateTime(2026, 9, 8, 9, 0, 0));

        var page = await ForAsync(ReportingDatabase.Q3);

        page.Departments.Should().HaveCount(2);
        page.Totals.Should().Be(new ReportingCounts(2, 1, 0, 0, 1, 0, 1, 0, 0));
        page.QuarterWindow.IsOpen.Should().BeTrue();
    }

    [Fact]
    public async Task A_quarter_closed_early_makes_its_close_the_deadline()
    {
        await data.AddOverrideAsync(ReportingDatabase.Q3, null, PeriodOverrideMode.Closed, null, new DateTime(2026, 9, 5, 18, 0, 0));
        await data.AddReportAsync(data.TaskId, data.Education, ReportingDatabase.Q3, ReportState.Submitted, new DateTime(2026, 9, 6, 9, 0, 0));

        var page = await ForAsync(ReportingDatabase.Q3);

        var education = page.Departments.Single(d => d.DepartmentId == data.Education);
        education.Deadline.Should().Be(new DateOnly(2026, 9, 5));
        education.Counts.Late.Should().Be(1);
        page.Departments.Single(d => d.DepartmentId == data.Finance).Counts.Overdue.Should().Be(1);
    }

    [Fact]
    public async Task Departments_without_current_tasks_are_left_out_and_withdrawn_tasks_are_not_expected()
    {
        var withdrawn = await data.OwnAsync("chongqing", 30, data.Science);
        await data.WithdrawTaskAsync(withdrawn);
        var t31 = await data.OwnAsync("chongqing", 31, data.Education);
        await data.WithdrawTaskAsync(t31);

        var page = await ForAsync(ReportingDatabase.Q3);

        page.Departments.Select(d => d.ShortName).Should().BeEquivalentTo(["市教委", "市财政局"]);
        page.Departments.Single(d => d.ShortName == "市教委").Counts.Expected.Should().Be(1);
    }

    [Fact]
    public async Task Six_queries_whatever_the_number_of_departments_and_reports()
    {
        await SeedClosedQuarterAsync();
        var log = new CommandLog();

        var page = await ForAsync(Q2, log);

        // Owners (leads, co-departments, past owners), reports, departments, the quarter's overrides.
        page.Departments.Should().HaveCount(3);
        log.Selects.Should().HaveCount(6);
    }

    [Fact]
    public async Task The_columns_add_up_when_a_report_sent_on_time_was_returned()
    {
        // 市卫生健康委's case: its only report was submitted on time, then returned; the window has closed.
        var health = await data.Data.AddDepartmentAsync("重庆市卫生健康委员会", "市卫生健康委");
        var t40 = await data.OwnAsync("chongqing", 40, health);
        await data.AddReportAsync(t40, health, Q2, ReportState.Returned, new DateTime(2026, 7, 1, 9, 0, 0));
        await SeedClosedQuarterAsync();

        var page = await ForAsync(Q2);

        var row = page.Departments.Single(d => d.ShortName == "市卫生健康委").Counts;
        row.Should().Be(new ReportingCounts(Expected: 1, NotStarted: 0, Draft: 0, Returned: 1, Submitted: 0, Approved: 0, OnTime: 0, Late: 0, Overdue: 1),
            "按时 and 逾期提交 split 已提交, so a returned report is in neither; once the window closed it is 逾期未报");
        foreach (var counts in page.Departments.Select(d => d.Counts).Append(page.Totals))
        {
            (counts.NotStarted + counts.Draft + counts.Returned + counts.Submitted).Should().Be(counts.Expected);
            (counts.OnTime + counts.Late).Should().Be(counts.Submitted);
            counts.Approved.Should().BeLessThanOrEqualTo(counts.Submitted);
            counts.NotSubmitted.Should().Be(counts.Expected - counts.Submitted);
        }

        page.Departments.Where(d => !d.Window.IsOpen).Should().AllSatisfy(d => d.Counts.Overdue.Should().Be(d.Counts.NotSubmitted));
        page.Departments.Where(d => d.Window.IsOpen).Should().AllSatisfy(d => d.Counts.Overdue.Should().Be(0));
    }
}
