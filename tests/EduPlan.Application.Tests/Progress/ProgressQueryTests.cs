using EduPlan.Application.Progress;
using EduPlan.Application.Tests.Reporting;
using EduPlan.Application.Tests.Reporting.Queries;
using EduPlan.Core.Progress;
using EduPlan.Core.Reporting;
using Microsoft.Extensions.Options;

namespace EduPlan.Application.Tests.Progress;

/// <summary>The leaders' view read from the read model: lights that change with the calendar, the basis, and a fixed number of queries.</summary>
public sealed class ProgressQueryTests : IAsyncLifetime
{
    private readonly ReportingDatabase data = new();

    public Task InitializeAsync() => data.InitializeAsync();

    public Task DisposeAsync() => data.DisposeAsync();

    private Task<PlanProgress> ChongqingAsync(Quarter quarter, ReportBasis basis = ReportBasis.Approved, CommandLog? log = null) =>
        data.Use(
            async s => (await new ProgressQuery(s.Db, s.Calendar, Options.Create(new LightsOptions())).ForPlanAsync(new ProgressRequest("chongqing", quarter, basis)))!,
            null,
            log is null ? [] : [log]);

    private async Task<TaskProgress> Task10Async(Quarter quarter, ReportBasis basis = ReportBasis.Approved) =>
        (await ChongqingAsync(quarter, basis)).Tasks.Single(t => t.TaskId == data.TaskId);

    [Fact]
    public async Task A_quarter_without_a_report_turns_from_grey_to_red_the_day_after_entry_closes()
    {
        // 2026Q3's entry closes at the end of 2026-10-15 (15 grace days).
        data.SetChinaTime(new DateTime(2026, 10, 15, 23, 0, 0));
        var lastDay = await Task10Async(ReportingDatabase.Q3);
        data.SetChinaTime(new DateTime(2026, 10, 16, 0, 30, 0));
        var dayAfter = await Task10Async(ReportingDatabase.Q3);

        lastDay.Verdict.Light.Should().Be(Light.Grey);
        dayAfter.Verdict.Light.Should().Be(Light.Red);
        dayAfter.Verdict.Reason.ToString().Should().Be("2026年第三季度逾期未报");
    }

    [Fact]
    public async Task A_report_submitted_in_time_but_not_yet_approved_is_not_overdue_and_counts_for_coordinators_who_ask()
    {
        await data.AddReportAsync(data.TaskId, data.Education, ReportingDatabase.Q3, ReportState.Submitted, new DateTime(2026, 10, 10, 9, 0, 0), percent: 5);
        data.SetChinaTime(new DateTime(2026, 10, 20, 9, 0, 0));

        var approved = await Task10Async(ReportingDatabase.Q3);
        var submitted = await Task10Async(ReportingDatabase.Q3, ReportBasis.Submitted);

        approved.Verdict.Light.Should().Be(Light.Grey);
        approved.Percent.Should().BeNull("viewers never see a figure that is not approved");
        submitted.Percent.Should().Be(5);
        submitted.Verdict.Light.Should().Be(Light.Yellow, "5 % against 16 % expected is 11 points behind");
    }

    [Fact]
    public async Task The_departments_reporting_timeliness_counts_on_time_late_and_overdue_reports()
    {
        await data.AddReportAsync(data.TaskId, data.Education, ReportingDatabase.Q3, ReportState.Approved, new DateTime(2026, 10, 15, 17, 0, 0), percent: 20);
        var other = await data.OwnAsync("chongqing", 11, data.Education, data.Finance);
        await data.AddReportAsync(other, data.Education, ReportingDatabase.Q3, ReportState.Submitted, new DateTime(2026, 10, 16, 9, 0, 0), percent: 20);
        data.SetChinaTime(new DateTime(2026, 10, 20, 9, 0, 0));

        var progress = await ChongqingAsync(ReportingDatabase.Q3);

        var education = progress.Departments.Single(d => d.Department.Id == data.Education);
        education.Reporting.Should().Be(new Timeliness(Owed: 2, OnTime: 1, Late: 1, Overdue: 0, Pending: 0));
        progress.Departments.Single(d => d.Department.Id == data.Finance).Reporting.Should().Be(new Timeliness(2, 0, 0, 2, 0));
        progress.Departments[0].Department.Id.Should().Be(data.Finance, "with no red or yellow task, the department with overdue reports comes first");
    }

    [Fact]
    public async Task The_dashboard_reads_a_fixed_number_of_queries_whatever_the_number_of_reports()
    {
        data.SetChinaTime(new DateTime(2026, 10, 20, 9, 0, 0));
        var few = new CommandLog();
        await ChongqingAsync(ReportingDatabase.Q3, log: few);

        var other = await data.OwnAsync("chongqing", 11, data.Education, data.Finance);
        foreach (var quarter in Quarter.Range(Quarter.First, ReportingDatabase.Q3))
        {
            foreach (var (task, department) in new[] { (data.TaskId, data.Education), (data.TaskId, data.Finance), (other, data.Education), (other, data.Finance) })
            {
                await data.AddReportAsync(task, department, quarter, ReportState.Approved, quarter.EndDate.ToDateTime(new TimeOnly(10, 0)), percent: 10,
                    values: task == data.TaskId ? new Dictionary<int, decimal> { [data.CoverageIndicatorId] = 80m } : null);
            }
        }

        var many = new CommandLog();
        var progress = await ChongqingAsync(ReportingDatabase.Q3, log: many);

        progress.Tasks.Single(t => t.TaskId == other).Percent.Should().Be(10);
        many.Selects.Count().Should().Be(few.Selects.Count()).And.BeLessThanOrEqualTo(12);
    }
}
