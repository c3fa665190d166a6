using System.Globalization;
using System.Text;
using EduPlan.Application.Auditing;
using EduPlan.Application.Progress;
using EduPlan.Application.Tests.Reporting;
using EduPlan.Core.Progress;
using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Tests.Progress;

/// <summary>A coordinator's due dates, curves (by form and by file), weights and baselines: checked, versioned, audited.</summary>
public sealed class ProgressPlanningTests : IAsyncLifetime
{
    private readonly ReportingDatabase data = new();

    public Task InitializeAsync() => data.InitializeAsync();

    public Task DisposeAsync() => data.DisposeAsync();

    private Task<T> PlanAsync<T>(Func<ProgressPlanning, Task<T>> work) =>
        data.Use(s => work(new ProgressPlanning(s.Db, s.Audit, s.Clock)), ReportingDatabase.Coordinator);

    [Fact]
    public async Task A_due_date_and_a_curve_are_saved_audited_and_change_expected_progress()
    {
        var result = await PlanAsync(p => p.SetTaskAsync("chongqing", 10, new TaskPlanningInput(null, new DateOnly(2027, 12, 31), 2m, "2025Q4 10\n2026Q4 40%"), 0));

        result.Succeeded.Should().BeTrue(string.Join(" ", result.Errors));
        result.Value!.Version.Should().Be(1);
        result.Value.Curve.Should().Equal(new PlannedPoint(new Quarter(2025, 4), 10), new PlannedPoint(new Quarter(2026, 4), 40));
        result.Value.Period.ExpectedAt(new DateOnly(2026, 12, 31)).Should().Be(40);
        (await data.AuditAsync(AuditActions.TaskScheduleChanged)).Should().ContainSingle()
            .Which.Details.Should().Contain("due 2027-12-31").And.Contain("2026Q4 40");
    }

    [Theory]
    [InlineData(null, "2024-12-31", "1", "", "DueDate")]
    [InlineData("2026-01-01", "2025-12-31", "1", "", "DueDate")]
    [InlineData(null, null, "0", "", "Weight")]
    [InlineData(null, null, "1", "2026Q4 30\n2025Q4 40", "Curve")]
    [InlineData(null, null, "1", "2026Q4 abc", "Curve")]
    [InlineData(null, "2027-12-31", "1", "2028Q1 100", "Curve")]
    [InlineData(null, "2027-12-31", "1", "2027Q4 90", "Curve")]
    public async Task Wrong_values_are_refused_field_by_field_and_nothing_is_written(string? start, string? due, string weight, string curve, string field)
    {
        static DateOnly? D(string? s) => s is null ? null : DateOnly.Parse(s, CultureInfo.InvariantCulture);
        var result = await PlanAsync(p => p.SetTaskAsync("chongqing", 10, new TaskPlanningInput(D(start), D(due), decimal.Parse(weight, CultureInfo.InvariantCulture), curve), 0));

        result.Kind.Should().Be(ResultKind.Invalid);
        result.Errors.Select(e => e.Field).Should().Contain(field);
        (await data.QueryAsync(db => db.TaskSchedules.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task Two_coordinators_saving_the_same_task_never_overwrite_each_other()
    {
        var first = await PlanAsync(p => p.SetTaskAsync("chongqing", 10, new TaskPlanningInput(null, new DateOnly(2027, 12, 31), 1m, null), 0));
        var second = await PlanAsync(p => p.SetTaskAsync("chongqing", 10, new TaskPlanningInput(null, new DateOnly(2029, 12, 31), 1m, null), 0));

        first.Succeeded.Should().BeTrue();
        second.Kind.Should().Be(ResultKind.Conflict);
        second.Value!.DueDate.Should().Be(new DateOnly(2027, 12, 31), "the conflict shows what is stored now");
    }

    [Fact]
    public async Task A_curve_file_is_applied_whole_or_refused_with_every_bad_line()
    {
        var bad = Encoding.UTF8.GetBytes("规划代码,任务序号,季度,计划完成进度\nchongqing,10,2025Q4,20\nchongqing,99,2025Q4,20\nchongqing,10,2026Q9,30\nchongqing,11,2026Q4,abc\n");
        var refused = await PlanAsync(p => p.ImportCurvesAsync(bad, "curves.csv"));

        refused.Succeeded.Should().BeFalse();
        refused.Errors.Select(e => e.ToString()).Should().Equal(
            "curves.csv:3: 规划“chongqing”中没有第99项任务（或已撤下）",
            "curves.csv:4: 季度“2026Q9”无法识别，应写作2026Q3，且在2025Q1至2035Q4之间",
            "curves.csv:5: 计划完成进度“abc”应为0到100之间的整数");
        refused.Errors[0].ToString(CultureInfo.GetCultureInfo("en")).Should().Be("curves.csv:3: Plan 'chongqing' has no current task 99");
        (await data.QueryAsync(db => db.TaskCurvePoints.CountAsync())).Should().Be(0, "one bad line and nothing is written");

        var good = Encoding.UTF8.GetBytes("chongqing,10,2025Q4,20\r\nchongqing,10,2027Q4,60\r\nchongqing,九,2026Q4,30\r\n");
        var applied = await PlanAsync(p => p.ImportCurvesAsync(good, "curves.csv"));

        applied.Succeeded.Should().BeTrue(string.Join(" ", applied.Errors.Select(e => e.ToString())));
        applied.Tasks.Should().BeEquivalentTo("chongqing#10", "chongqing#9");
        (await data.QueryAsync(db => db.TaskCurvePoints.CountAsync())).Should().Be(3);
        (await data.AuditAsync(AuditActions.TaskCurvesImported)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_falling_curve_in_a_file_is_refused_at_the_line_of_the_task()
    {
        var content = Encoding.UTF8.GetBytes("chongqing,10,2025Q4,50\nchongqing,10,2026Q4,30\n");

        var result = await PlanAsync(p => p.ImportCurvesAsync(content, "c.csv"));

        result.Errors.Select(e => e.ToString()).Should().Equal("c.csv:1: 计划完成进度不能回落：2026年第四季度为30%，低于2025年第四季度的50%");
    }

    [Fact]
    public async Task A_baseline_is_set_checked_against_the_target_year_and_removed_with_empty_fields()
    {
        var refused = await PlanAsync(p => p.SetBaselineAsync(data.CoverageIndicatorId, 60m, 2027, 0));
        refused.Kind.Should().Be(ResultKind.Invalid, "the baseline must come before the 2027 target");

        var set = await PlanAsync(p => p.SetBaselineAsync(data.CoverageIndicatorId, 60m, 2024, 0));
        set.Succeeded.Should().BeTrue();
        set.Value!.Value.Should().Be(60m);

        var removed = await PlanAsync(p => p.SetBaselineAsync(data.CoverageIndicatorId, null, null, 1));
        removed.Succeeded.Should().BeTrue();
        removed.Value!.Value.Should().BeNull();
        (await data.AuditAsync(AuditActions.IndicatorBaselineChanged)).Should().HaveCount(2);
    }
}
