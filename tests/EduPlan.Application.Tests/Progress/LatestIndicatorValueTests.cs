using EduPlan.Application.Progress;
using EduPlan.Application.Tests.Reporting;
using EduPlan.Application.Tests.Reporting.Queries;
using EduPlan.Core.Plans;
using EduPlan.Core.Progress;
using EduPlan.Core.Reporting;
using Microsoft.Extensions.Options;

namespace EduPlan.Application.Tests.Progress;

/// <summary>Which value stands beside a target (targets page, dashboard): the read model's choice among approved reports.</summary>
public sealed class LatestIndicatorValueTests : IAsyncLifetime
{
    private readonly ReportingDatabase data = new();

    public Task InitializeAsync() => data.InitializeAsync();

    public Task DisposeAsync() => data.DisposeAsync();

    private Task<IndicatorProgress> CoverageAsync() =>
        data.Use(async s => (await new ProgressQuery(s.Db, s.Calendar, Options.Create(new LightsOptions())).LatestIndicatorsAsync()).Indicators[data.CoverageIndicatorId]);

    private Dictionary<int, decimal> Coverage(decimal value) => new() { [data.CoverageIndicatorId] = value };

    [Fact]
    public async Task The_latest_approved_quarter_wins_and_unapproved_reports_never_count()
    {
        await data.AddReportAsync(data.TaskId, data.Education, new Quarter(2026, 1), ReportState.Approved, new DateTime(2026, 4, 5, 9, 0, 0), values: Coverage(80m));
        await data.AddReportAsync(data.TaskId, data.Education, new Quarter(2026, 2), ReportState.Approved, new DateTime(2026, 7, 5, 9, 0, 0), values: Coverage(86.5m));
        // Later, but not approved: a submitted, a returned and a draft report.
        await data.AddReportAsync(data.TaskId, data.Education, ReportingDatabase.Q3, ReportState.Submitted, new DateTime(2026, 9, 5, 9, 0, 0), values: Coverage(99m));
        await data.AddReportAsync(data.TaskId, data.Finance, ReportingDatabase.Q3, ReportState.Draft, values: Coverage(98m));
        var other = await data.OwnAsync("chongqing", 11, data.Education);
        await data.AddReportAsync(other, data.Education, new Quarter(2026, 4), ReportState.Returned, new DateTime(2026, 12, 5, 9, 0, 0), values: Coverage(97m));

        var coverage = await CoverageAsync();

        coverage.Latest.Should().Be(new IndicatorFigure(new Quarter(2026, 2), 86.5m));
        coverage.LatestDepartmentId.Should().Be(data.Education);
        coverage.Verdict.Light.Should().Be(Light.Grey, "教共体覆盖率 has no baseline yet");
    }

    [Fact]
    public async Task In_the_same_quarter_the_lead_departments_value_wins_even_if_approved_earlier()
    {
        await data.AddReportAsync(data.TaskId, data.Education, ReportingDatabase.Q3, ReportState.Approved, new DateTime(2026, 9, 1, 9, 0, 0), values: Coverage(86.5m));
        await data.AddReportAsync(data.TaskId, data.Finance, ReportingDatabase.Q3, ReportState.Approved, new DateTime(2026, 9, 2, 9, 0, 0), values: Coverage(70m));

        var coverage = await CoverageAsync();

        coverage.Latest!.Value.Should().Be(86.5m);
        coverage.LatestDepartmentId.Should().Be(data.Education);
    }

    [Fact]
    public async Task Without_the_lead_the_value_approved_last_wins()
    {
        // 市科技局 leads task 11 but has not reported; both co-departments have.
        var task = await data.OwnAsync("chongqing", 11, data.Science, data.Education, data.Finance);
        await data.QueryAsync(async db =>
        {
            db.IndicatorTaskLinks.Add(new IndicatorTaskLink { IndicatorId = data.CoverageIndicatorId, TaskId = task, LinkedAt = DateTime.UtcNow, LinkedByName = "admin" });
            return await db.SaveChangesAsync();
        });
        await data.AddReportAsync(task, data.Finance, ReportingDatabase.Q3, ReportState.Approved, new DateTime(2026, 9, 1, 9, 0, 0), values: Coverage(71m), approvedChina: new DateTime(2026, 9, 9, 9, 0, 0));
        await data.AddReportAsync(task, data.Education, ReportingDatabase.Q3, ReportState.Approved, new DateTime(2026, 9, 2, 9, 0, 0), values: Coverage(72m), approvedChina: new DateTime(2026, 9, 3, 9, 0, 0));

        var coverage = await CoverageAsync();

        coverage.Latest!.Value.Should().Be(71m);
        coverage.LatestDepartmentId.Should().Be(data.Finance);
    }

    [Theory]
    [InlineData(Comparator.AtLeast, 90, 90, true)]
    [InlineData(Comparator.AtLeast, 89.9, 90, false)]
    [InlineData(Comparator.GreaterThan, 90, 90, false)]
    [InlineData(Comparator.AtMost, 10, 10, true)]
    [InlineData(Comparator.LessThan, 10, 10, false)]
    [InlineData(Comparator.Equal, 100, 100, true)]
    public void A_value_meets_its_target_as_the_comparator_says(Comparator comparator, double value, double target, bool met) =>
        IndicatorLightRules.IsMet(comparator, (decimal)value, (decimal)target).Should().Be(met);
}
