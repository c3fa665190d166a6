using EduPlan.Application.Reporting.Editing;
using EduPlan.Core.Organisation;
using EduPlan.Core.Plans;
using EduPlan.Core.Reporting;

namespace EduPlan.Application.Tests.Reporting.Editing;

/// <summary>The report form as a department opens it: the task, the window, the stored report or a pre-filled new one, and why it may not be edited.</summary>
public sealed class ProgressReportingFormTests : IAsyncLifetime
{
    private readonly ReportingDatabase data = new();

    public Task InitializeAsync() => data.InitializeAsync();

    public Task DisposeAsync() => data.DisposeAsync();

    [Fact]
    public async Task An_unknown_task_has_no_form()
    {
        (await data.FormAsync(data.Education, taskId: 999_999)).Should().BeNull();
    }

    [Fact]
    public async Task A_new_report_shows_the_task_its_owners_the_open_window_and_the_indicators_to_report()
    {
        var form = (await data.FormAsync(data.Education))!;

        form.Task.PlanCode.Should().Be("chongqing");
        form.Task.Number.Should().Be(10);
        form.Task.Lead!.ShortName.Should().Be("市教委");
        form.Task.CoDepartments.Select(d => d.ShortName).Should().Equal("市财政局");
        form.Part.Should().Be(TaskPart.Lead);
        form.Department!.ShortName.Should().Be("市教委");
        form.Window.IsOpen.Should().BeTrue();
        form.Window.Reason.Should().Be("2026年第三季度填报截止于2026-10-15");
        form.DaysLeft.Should().Be(35, "2026-09-10 to 2026-10-15");
        form.Report.Should().BeNull();
        form.Revision.Should().Be(0);
        form.State.Should().BeNull();
        form.PrefilledFrom.Should().BeNull();
        form.Values.Status.Should().BeNull();
        form.Values.Percent.Should().BeNull();
        form.CanEdit.Should().BeTrue();
        form.Refusal.Should().BeNull();

        var coverage = form.Indicators.Should().ContainSingle(i => i.Id == data.CoverageIndicatorId).Which;
        coverage.Name.Should().Be("教共体覆盖率");
        coverage.Unit.Should().Be("%");
        coverage.IsPercentage.Should().BeTrue();
        coverage.Comparator.Should().Be(Comparator.AtLeast);
        coverage.Target.Should().BeGreaterThan(0);
        form.Values.Indicators.Select(r => r.IndicatorId).Should().Equal(form.Indicators.Select(i => i.Id), "one row per indicator, in the same order");
    }

    [Fact]
    public async Task A_co_department_may_report_too()
    {
        var form = (await data.FormAsync(data.Finance))!;

        form.Part.Should().Be(TaskPart.CoDepartment);
        form.CanEdit.Should().BeTrue();
    }

    [Fact]
    public async Task A_department_that_does_not_own_the_task_is_told_so()
    {
        var form = (await data.FormAsync(data.Science))!;

        form.Part.Should().Be(TaskPart.None);
        form.CanEdit.Should().BeFalse();
        form.Refusal.Should().Be("本任务不属于您所在单位");
        form.Report.Should().BeNull();
    }

    [Fact]
    public async Task A_closed_window_gives_its_exact_reason()
    {
        data.SetChinaTime(new DateTime(2026, 10, 16, 0, 5, 0));

        var form = (await data.FormAsync(data.Education))!;

        form.CanEdit.Should().BeFalse();
        form.Refusal.Should().Be("2026年第三季度已于2026-10-15截止填报");
        form.DaysLeft.Should().BeNull();
    }

    [Fact]
    public async Task On_the_last_day_the_window_is_still_open_with_no_days_left()
    {
        data.SetChinaTime(new DateTime(2026, 10, 15, 23, 59, 0));

        var form = (await data.FormAsync(data.Education))!;

        form.CanEdit.Should().BeTrue();
        form.DaysLeft.Should().Be(0);
    }

    [Theory]
    [InlineData(ReportState.Submitted, "该报告已提交，正在等待审核")]
    [InlineData(ReportState.Approved, "该报告已审核通过")]
    public async Task A_submitted_or_approved_report_is_shown_read_only_with_its_reason(ReportState state, string reason)
    {
        await data.SeedReportAsync(data.Education, ReportingDatabase.Q3, state, 70, progress: "本季度已完成评估");

        var form = (await data.FormAsync(data.Education))!;

        form.CanEdit.Should().BeFalse();
        form.Refusal.Should().Be(reason);
        form.State.Should().Be(state);
        form.Values.Progress.Should().Be("本季度已完成评估");
        form.Values.Percent.Should().Be("70");
    }

    [Fact]
    public async Task A_returned_report_is_editable_and_carries_the_coordinators_comment_and_field()
    {
        var id = await data.SeedReportAsync(data.Education, ReportingDatabase.Q3, ReportState.Submitted, 70);
        await data.SetStateAsync(id, ReportState.Returned, "请补充区县名单", "Progress");

        var form = (await data.FormAsync(data.Education))!;

        form.CanEdit.Should().BeTrue();
        form.State.Should().Be(ReportState.Returned);
        form.Report!.ReviewComment.Should().Be("请补充区县名单");
        form.Report.ReviewField.Should().Be("Progress");
        form.Revision.Should().Be(2);
    }

    [Fact]
    public async Task A_new_report_is_pre_filled_from_the_departments_latest_earlier_report()
    {
        await data.SeedReportAsync(data.Education, new Quarter(2026, 1), ReportState.Approved, 30, nextSteps: "旧计划", coverage: 70m);
        await data.SeedReportAsync(data.Education, new Quarter(2026, 2), ReportState.Approved, 45, ReportStatus.AtRisk,
            progress: "二季度进展", nextSteps: "三季度完成复核", coverage: 82.5m, coverageNote: "抽样");
        // Another department's later report is not this department's history.
        await data.SeedReportAsync(data.Finance, new Quarter(2026, 2), ReportState.Approved, 90, nextSteps: "财政局计划");

        var form = (await data.FormAsync(data.Education))!;

        form.PrefilledFrom.Should().Be(new Quarter(2026, 2));
        form.Report.Should().BeNull("nothing is saved until the department saves");
        form.Values.Status.Should().Be("AtRisk");
        form.Values.Percent.Should().Be("45");
        form.Values.NextSteps.Should().Be("三季度完成复核");
        form.Values.Progress.Should().BeNull("this quarter's progress is this quarter's news");
        form.Values.Problems.Should().BeNull();
        var row = form.Values.Indicators.Single(r => r.IndicatorId == data.CoverageIndicatorId);
        row.Value.Should().Be("82.5");
        row.Note.Should().Be("抽样");
        form.Previous!.Progress.Should().Be("二季度进展");
        form.Indicators.Single(i => i.Id == data.CoverageIndicatorId).PreviousValue.Should().Be(82.5m);
        form.LastApproved.Should().Be(new ApprovedPercent(new Quarter(2026, 2), 45));
    }

    [Fact]
    public async Task The_last_approved_percent_skips_drafts_and_later_quarters()
    {
        await data.SeedReportAsync(data.Education, new Quarter(2026, 1), ReportState.Approved, 30);
        await data.SeedReportAsync(data.Education, new Quarter(2026, 2), ReportState.Draft, 50);
        await data.SeedReportAsync(data.Education, new Quarter(2026, 4), ReportState.Approved, 90);

        var form = (await data.FormAsync(data.Education))!;

        form.LastApproved.Should().Be(new ApprovedPercent(new Quarter(2026, 1), 30));
        form.PrefilledFrom.Should().Be(new Quarter(2026, 2), "the latest earlier report, whatever its state");
        form.Values.Percent.Should().Be("50");
    }
}
