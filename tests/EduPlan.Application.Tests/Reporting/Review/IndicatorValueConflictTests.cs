using EduPlan.Application.Reporting;
using EduPlan.Application.Reporting.Review;
using EduPlan.Application.Tests.Reporting.Queries;
using EduPlan.Core.Plans;
using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Tests.Reporting.Review;

/// <summary>
/// One value per indicator, department and quarter: 市教委 leads tasks 10 and 11, both reporting 教共体覆盖率; once its
/// report on task 10 is approved with 72.2, its report on task 11 is approved only with the same value.
/// </summary>
public sealed class IndicatorValueConflictTests : IAsyncLifetime
{
    private readonly ReportingDatabase data = new();
    private int t11;

    public async Task InitializeAsync()
    {
        await data.InitializeAsync();
        t11 = await data.OwnAsync("chongqing", 11, data.Education);
        await data.QueryAsync(async db =>
        {
            db.IndicatorTaskLinks.Add(new IndicatorTaskLink { IndicatorId = data.CoverageIndicatorId, TaskId = t11, LinkedAt = DateTime.UtcNow, LinkedByName = "admin" });
            return await db.SaveChangesAsync();
        });
        await data.AddReportAsync(data.TaskId, data.Education, ReportingDatabase.Q3, ReportState.Approved, new DateTime(2026, 9, 1, 9, 0, 0),
            values: new Dictionary<int, decimal> { [data.CoverageIndicatorId] = 72.2m });
    }

    public Task DisposeAsync() => data.DisposeAsync();

    private async Task<Result<ReviewedReport>> ApproveAsync(int reportId)
    {
        var revision = await data.QueryAsync(db => db.ProgressReports.Where(r => r.Id == reportId).Select(r => r.Revision).SingleAsync());
        return await data.ReviewAsync(r => r.ApproveAsync(reportId, revision));
    }

    [Fact]
    public async Task A_second_different_value_for_the_same_indicator_department_and_quarter_is_not_approved()
    {
        var other = await data.AddReportAsync(t11, data.Education, ReportingDatabase.Q3, ReportState.Submitted, new DateTime(2026, 9, 2, 9, 0, 0),
            values: new Dictionary<int, decimal> { [data.CoverageIndicatorId] = 72.6m });

        var result = await ApproveAsync(other);

        result.Kind.Should().Be(ResultKind.Refused);
        result.Reason!.ToString().Should().Be(
            "本单位本季度“教共体覆盖率”在（十）任务的已通过报告中为72.2，本报告填的是72.6：同一单位同一季度每个指标只能有一个数值，请退回其中一份更正后再审核通过");
        (await data.QueryAsync(db => db.ProgressReports.Where(r => r.Id == other).Select(r => r.State).SingleAsync())).Should().Be(ReportState.Submitted);
        (await data.QueryAsync(db => IndicatorValueConflicts.ApprovedAsync(db))).Should().BeEmpty("nothing that disagrees was published");
    }

    [Fact]
    public async Task The_same_value_on_another_task_and_other_departments_values_are_approved()
    {
        var same = await data.AddReportAsync(t11, data.Education, ReportingDatabase.Q3, ReportState.Submitted, new DateTime(2026, 9, 2, 9, 0, 0),
            values: new Dictionary<int, decimal> { [data.CoverageIndicatorId] = 72.20m });
        var finance = await data.AddReportAsync(data.TaskId, data.Finance, ReportingDatabase.Q3, ReportState.Submitted, new DateTime(2026, 9, 2, 9, 0, 0),
            values: new Dictionary<int, decimal> { [data.CoverageIndicatorId] = 80m });

        (await ApproveAsync(same)).Kind.Should().Be(ResultKind.Saved);
        (await ApproveAsync(finance)).Kind.Should().Be(ResultKind.Saved, "another department's value is its own");
    }

    [Fact]
    public async Task Approved_values_that_disagree_from_before_the_rule_are_found_for_the_targets_page()
    {
        await data.AddReportAsync(t11, data.Education, ReportingDatabase.Q3, ReportState.Approved, new DateTime(2026, 9, 2, 9, 0, 0),
            values: new Dictionary<int, decimal> { [data.CoverageIndicatorId] = 72.6m });

        var conflicts = await data.QueryAsync(db => IndicatorValueConflicts.ApprovedAsync(db));

        conflicts.Should().ContainKey((data.CoverageIndicatorId, ReportingDatabase.Q3))
            .WhoseValue.Should().Equal(72.2m, 72.6m);
    }
}
