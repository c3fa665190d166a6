using EduPlan.Application.Reporting.Queries;
using EduPlan.Core.Plans;
using EduPlan.Core.Reporting;

namespace EduPlan.Application.Tests.Reporting.Queries;

public sealed class LatestIndicatorValuesTests : IAsyncLifetime
{
    private readonly ReportingDatabase data = new();

    public Task InitializeAsync() => data.InitializeAsync();

    public Task DisposeAsync() => data.DisposeAsync();

    private Task<IReadOnlyDictionary<int, LatestIndicatorValue>> LatestAsync(CommandLog? log = null) =>
        data.Use(s => new LatestIndicatorValues(s.Db).ForIndicatorsAsync(), null, log is null ? [] : [log]);

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

        var latest = await LatestAsync();

        var value = latest[data.CoverageIndicatorId];
        value.Value.Should().Be(86.5m);
        value.Quarter.Should().Be(new Quarter(2026, 2));
        value.Unit.Should().Be("%");
        value.DepartmentShortName.Should().Be("市教委");
        value.DepartmentName.Should().Be("重庆市教育委员会");
        latest.Should().ContainSingle("no other indicator has an approved value");
    }

    [Fact]
    public async Task In_the_same_quarter_the_lead_departments_value_wins_even_if_approved_earlier()
    {
        await data.AddReportAsync(data.TaskId, data.Education, ReportingDatabase.Q3, ReportState.Approved, new DateTime(2026, 9, 1, 9, 0, 0), values: Coverage(86.5m));
        await data.AddReportAsync(data.TaskId, data.Finance, ReportingDatabase.Q3, ReportState.Approved, new DateTime(2026, 9, 2, 9, 0, 0), values: Coverage(70m));

        var value = (await LatestAsync())[data.CoverageIndicatorId];

        value.Value.Should().Be(86.5m);
        value.DepartmentId.Should().Be(data.Education);
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

        var value = (await LatestAsync())[data.CoverageIndicatorId];

        value.Value.Should().Be(71m);
        value.DepartmentShortName.Should().Be("市财政局");
    }

    [Fact]
    public async Task One_query_reads_every_indicator()
    {
        await data.AddReportAsync(data.TaskId, data.Education, new Quarter(2026, 2), ReportState.Approved, new DateTime(2026, 7, 5, 9, 0, 0), values: Coverage(80m));
        var log = new CommandLog();

        (await LatestAsync(log)).Should().ContainKey(data.CoverageIndicatorId);

        log.Selects.Should().ContainSingle();
    }

    [Theory]
    [InlineData(Comparator.AtLeast, 90, 90, true)]
    [InlineData(Comparator.AtLeast, 89.9, 90, false)]
    [InlineData(Comparator.GreaterThan, 90, 90, false)]
    [InlineData(Comparator.AtMost, 10, 10, true)]
    [InlineData(Comparator.LessThan, 10, 10, false)]
    [InlineData(Comparator.Equal, 100, 100, true)]
    public void A_value_meets_its_target_as_the_comparator_says(Comparator comparator, double value, double target, bool met) =>
        TargetCheck.IsMet(comparator, (decimal)value, (decimal)target).Should().Be(met);
}
