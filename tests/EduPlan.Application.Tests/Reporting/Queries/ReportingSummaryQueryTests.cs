using EduPlan.Application.Reporting.Queries;
using EduPlan.Core.Reporting;

namespace EduPlan.Application.Tests.Reporting.Queries;

public sealed class ReportingSummaryQueryTests : IAsyncLifetime
{
    private readonly ReportingDatabase data = new();

    public Task InitializeAsync() => data.InitializeAsync();

    public Task DisposeAsync() => data.DisposeAsync();

    private Task<ReporterSummary> ForDepartmentAsync(int departmentId) =>
        data.Use(s => new ReportingSummaryQuery(s.Db, s.Calendar).ForDepartmentAsync(departmentId));

    [Fact]
    public async Task A_reporter_sees_the_tasks_not_yet_submitted_this_quarter_and_the_deadline()
    {
        var t11 = await data.OwnAsync("chongqing", 11, data.Education);
        var t12 = await data.OwnAsync("chongqing", 12, data.Education);
        var t13 = await data.OwnAsync("chongqing", 13, null, data.Education);
        await data.OwnAsync("chongqing", 14, data.Education);
        await data.AddReportAsync(t11, data.Education, ReportingDatabase.Q3, ReportState.Draft);
        await data.AddReportAsync(t12, data.Education, ReportingDatabase.Q3, ReportState.Returned, new DateTime(2026, 9, 1, 9, 0, 0));
        await data.AddReportAsync(t13, data.Education, ReportingDatabase.Q3, ReportState.Submitted, new DateTime(2026, 9, 1, 9, 0, 0));
        await data.AddReportAsync(data.TaskId, data.Education, new Quarter(2026, 2), ReportState.Approved, new DateTime(2026, 7, 1, 9, 0, 0));
        // Another department's submission on a shared task does not count for 市教委.
        await data.AddReportAsync(data.TaskId, data.Finance, ReportingDatabase.Q3, ReportState.Submitted, new DateTime(2026, 9, 1, 9, 0, 0));

        var summary = await ForDepartmentAsync(data.Education);

        summary.Quarter.Should().Be(ReportingDatabase.Q3);
        summary.Tasks.Should().Be(5);
        summary.Pending.Should().Be(4, "10 and 14 not reported, 11 a draft, 12 returned");
        summary.Returned.Should().Be(1);
        summary.Deadline.Should().Be(new DateOnly(2026, 10, 15));
    }

    [Fact]
    public async Task In_the_grace_days_the_quarter_just_ended_is_the_one_to_report()
    {
        data.SetChinaTime(new DateTime(2026, 10, 10, 9, 0, 0));

        var summary = await ForDepartmentAsync(data.Education);

        summary.Quarter.Should().Be(ReportingDatabase.Q3);
        summary.Pending.Should().Be(1);
    }

    [Fact]
    public async Task Before_entry_opens_there_is_no_deadline_and_the_window_says_when()
    {
        data.SetChinaTime(new DateTime(2026, 11, 2, 9, 0, 0));

        var summary = await ForDepartmentAsync(data.Education);

        summary.Quarter.Should().Be(new Quarter(2026, 4));
        summary.Deadline.Should().BeNull();
        summary.Window.Reason.Should().Be("2026年第四季度将于2026-12-01开放填报");
    }

    [Fact]
    public async Task A_coordinator_sees_how_many_submitted_reports_wait()
    {
        var t11 = await data.OwnAsync("chongqing", 11, data.Education);
        await data.AddReportAsync(data.TaskId, data.Education, ReportingDatabase.Q3, ReportState.Submitted, new DateTime(2026, 9, 2, 9, 0, 0));
        await data.AddReportAsync(data.TaskId, data.Finance, ReportingDatabase.Q3, ReportState.Submitted, new DateTime(2026, 9, 1, 9, 0, 0));
        await data.AddReportAsync(t11, data.Education, ReportingDatabase.Q3, ReportState.Approved, new DateTime(2026, 8, 1, 9, 0, 0));
        await data.AddReportAsync(t11, data.Education, new Quarter(2026, 2), ReportState.Returned, new DateTime(2026, 7, 1, 9, 0, 0));

        var summary = await data.Use(s => new ReportingSummaryQuery(s.Db, s.Calendar).ForReviewAsync());

        summary.Waiting.Should().Be(2);
        summary.OldestSubmittedAt.Should().Be(ReportSeeding.Utc(new DateTime(2026, 9, 1, 9, 0, 0)));
    }

    [Fact]
    public async Task Nothing_waiting_is_zero()
    {
        var summary = await data.Use(s => new ReportingSummaryQuery(s.Db, s.Calendar).ForReviewAsync());

        summary.Should().Be(new CoordinatorSummary(0, null));
    }
}
