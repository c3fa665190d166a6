using EduPlan.Cli.Demo;
using EduPlan.Core.Organisation;
using EduPlan.Core.Plans;
using EduPlan.Core.Reporting;

namespace EduPlan.Cli.Tests.Demo;

/// <summary>The demo's choices that need no database: which quarters, when each step happens, the catalogue, the values.</summary>
public sealed class DemoPlanningTests
{
    [Theory]
    [InlineData("2026-09-10", null, "2026Q2", "2026Q3")]
    [InlineData("2026-11-29", null, "2026Q3", null)]
    [InlineData("2026-10-15", null, "2026Q2", "2026Q3")]
    [InlineData("2026-10-16", null, "2026Q3", null)]
    [InlineData("2027-01-10", null, "2026Q3", "2026Q4")]
    [InlineData("2026-09-10", "2026Q4", "2026Q4", null)]
    [InlineData("2026-09-10", "2025Q3", "2025Q3", "2026Q3")]
    public void The_filled_quarters_end_at_the_last_closed_one_and_the_open_quarter_comes_after(string today, string? through, string lastFilled, string? open)
    {
        var periods = DemoPeriods.Decide(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), 15, Parse(through));

        periods.Filled[0].Should().Be(Quarter.First);
        periods.Filled[^1].ToString().Should().Be(lastFilled);
        periods.Open?.ToString().Should().Be(open);
        if (open is null)
        {
            periods.Open.Should().BeNull();
        }
    }

    [Fact]
    public void Before_the_first_deadline_nothing_is_filled_and_2025Q1_is_open_from_march()
    {
        var february = DemoPeriods.Decide(new DateOnly(2025, 2, 1), 15, null);
        february.Filled.Should().BeEmpty();
        february.Open.Should().BeNull();
        february.LastClosed.Should().BeNull();
        DemoPeriods.Decide(new DateOnly(2025, 3, 5), 15, null).Open.Should().Be(Quarter.First);
    }

    [Fact]
    public void A_filled_quarter_s_steps_are_in_office_hours_in_order_and_the_department_s_within_the_window()
    {
        var quarter = new Quarter(2026, 1);
        var deadline = DemoTimeline.ChinaTime(quarter.DefaultDeadline(15), 18);
        var opens = DemoTimeline.ChinaTime(quarter.EntryOpens, 9);
        for (var seed = 0; seed < 500; seed++)
        {
            var steps = DemoTimeline.Filled(new Random(seed), quarter, 15, new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc),
                twoSaves: seed % 2 == 0, returnFirst: seed % 3 == 0, submit: true, approve: true);

            steps.Select(s => s.Action).Should().EndWith(ReportAction.Approved).And.StartWith(ReportAction.Saved);
            steps.Select(s => s.At).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
            steps.Where(s => s.Action is ReportAction.Saved or ReportAction.Submitted).Should().OnlyContain(s => s.At >= opens && s.At <= deadline, $"seed {seed}");
            steps.Where(s => s.Action is not ReportAction.Returned).Should().OnlyContain(s => ChinaHour(s.At) >= 9 && ChinaHour(s.At) < 18 || s.At > deadline - TimeSpan.FromHours(3));
            if (seed % 3 == 0)
            {
                steps.Select(s => s.Action).Should().ContainInOrder(ReportAction.Submitted, ReportAction.Returned, ReportAction.Saved, ReportAction.Submitted, ReportAction.Approved);
            }
        }
    }

    [Fact]
    public void A_step_that_would_come_after_now_has_not_happened_yet()
    {
        var quarter = new Quarter(2026, 2);
        var now = DemoTimeline.ChinaTime(new DateOnly(2026, 7, 16), 10);
        var states = Enumerable.Range(0, 300)
            .Select(seed => DemoTimeline.Filled(new Random(seed), quarter, 15, now, false, false, submit: true, approve: true))
            .ToList();

        states.Should().OnlyContain(steps => steps.All(s => s.At <= now));
        states.Select(steps => steps.Last().Action).Should().Contain(ReportAction.Submitted, "right after the deadline some approvals are still to come")
            .And.Contain(ReportAction.Approved);
    }

    [Fact]
    public void The_open_quarter_s_steps_lie_between_the_opening_and_now()
    {
        var quarter = new Quarter(2026, 3);
        var now = DemoTimeline.ChinaTime(new DateOnly(2026, 9, 10), 18);
        foreach (var outcome in Enum.GetValues<DemoOpenOutcome>())
        {
            var steps = DemoTimeline.Open(new Random((int)outcome), quarter, now, outcome, twoSaves: true);

            steps.Select(s => s.Action).Should().Equal(outcome switch
            {
                DemoOpenOutcome.Unreported => Array.Empty<ReportAction>(),
                DemoOpenOutcome.Draft => [ReportAction.Saved, ReportAction.Saved],
                DemoOpenOutcome.Submitted => [ReportAction.Saved, ReportAction.Saved, ReportAction.Submitted],
                DemoOpenOutcome.Returned => [ReportAction.Saved, ReportAction.Saved, ReportAction.Submitted, ReportAction.Returned],
                _ => [ReportAction.Saved, ReportAction.Saved, ReportAction.Submitted, ReportAction.Approved],
            });
            steps.Where(s => s.At < DemoTimeline.ChinaTime(quarter.EntryOpens, 9) || s.At >= now).Should().BeEmpty();
            steps.Select(s => s.At).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        }
    }

    [Fact]
    public void The_catalogue_gives_unique_names_short_names_and_user_names_for_any_count()
    {
        var departments = DemoCatalogue.Departments(60);

        departments.Should().HaveCount(60);
        departments.Take(12).Should().OnlyContain(d => d.Kind == DepartmentKind.MunicipalDepartment);
        departments.Skip(12).Should().OnlyContain(d => d.Kind == DepartmentKind.District);
        departments[12].Should().Be(new DemoDepartment("重庆市渝中区教育委员会", "渝中区教委", DepartmentKind.District, "yuzhong"));
        departments.Select(d => d.Name).Concat(departments.Select(d => d.ShortName)).Should().OnlyHaveUniqueItems();
        departments.Select(d => d.Slug).Should().OnlyHaveUniqueItems().And.OnlyContain(s => System.Text.RegularExpressions.Regex.IsMatch(s, "^[a-z0-9]{3,}$"));
        departments.Should().Contain(d => d.ShortName == "秀山县教委" && d.Name == "重庆市秀山土家族苗族自治县教育委员会");
        departments[^1].ShortName.Should().Be("演示10区教委", "past the 38 real districts, numbered demo districts");
        DemoCatalogue.Departments(DemoCatalogue.DefaultDepartmentCount).Select(d => d.ShortName).Should().Contain(["市教委", "渝中区教委", "沙坪坝区教委"]);
    }

    [Theory]
    [InlineData(Comparator.AtLeast, "%", 90, 2027)]
    [InlineData(Comparator.GreaterThan, "%", 4, null)]
    [InlineData(Comparator.AtLeast, "小时", 2, null)]
    [InlineData(Comparator.Equal, "所", 100, null)]
    [InlineData(Comparator.AtMost, "%", 10, 2030)]
    public void An_indicator_s_values_move_towards_the_target_and_stay_in_range(Comparator comparator, string unit, int target, int? year)
    {
        var indicator = new Indicator { Key = "k", Name = "指标", Unit = unit, SourceText = "", Comparator = comparator, Target = target, Year = year };
        var values = Quarter.Range(Quarter.First, new Quarter(year ?? Quarter.Last.Year, 4)).Select(q => DemoReportPlans.IndicatorValue(indicator, q, new Random(1))).ToList();

        var downwards = comparator == Comparator.AtMost;
        (downwards ? values[^1] < values[0] : values[^1] > values[0]).Should().BeTrue(string.Join(", ", values));
        values.Should().OnlyContain(v => v >= 0 && (unit != "%" || v <= 100));
        Math.Abs(values[0] - target).Should().BeGreaterThan(target * 0.15m, "2025Q1 starts well short of the target");
        Math.Abs(values[^1] - target).Should().BeLessThanOrEqualTo(target * 0.05m, "the value reaches the target by its year");
    }

    private static Quarter? Parse(string? text) => text is null ? null : Quarter.TryParse(text, out var q) ? q : throw new ArgumentException(text);

    private static int ChinaHour(DateTime utc) => ChinaCalendar.ToChina(utc).Hour;
}
