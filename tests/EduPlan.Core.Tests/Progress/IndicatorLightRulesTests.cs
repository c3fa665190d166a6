using System.Globalization;
using EduPlan.Core.Plans;
using EduPlan.Core.Progress;
using EduPlan.Core.Reporting;

namespace EduPlan.Core.Tests.Progress;

/// <summary>教共体覆盖率 ≥ 90 % by 2027 from a 2024 baseline of 60 %: expected 70 % at the end of 2025, 80 % at the end of 2026.</summary>
public sealed class IndicatorLightRulesTests
{
    private static readonly Quarter Q4 = new(2026, 4);
    private static readonly IndicatorTrajectory Coverage = new(new Baseline(60m, 2024), [new TargetPoint(2027, 90m)]);

    private static LightVerdict Judge(decimal? value, IndicatorTrajectory? trajectory = null, Comparator comparator = Comparator.AtLeast, decimal target = 90m, Quarter? valueQuarter = null) =>
        IndicatorLightRules.Judge(
            new IndicatorLightInput(Q4, comparator, target, "%", trajectory ?? Coverage, value is null ? null : new IndicatorFigure(valueQuarter ?? Q4, value.Value)),
            LightThresholds.Default);

    [Fact]
    public void The_trajectory_is_linear_from_the_baseline_to_each_target_in_turn()
    {
        Coverage.ExpectedAt(new DateOnly(2024, 12, 31)).Should().Be(60m);
        Coverage.ExpectedAt(new DateOnly(2026, 12, 31)).Should().BeApproximately(80m, 0.02m);
        Coverage.ExpectedAt(new DateOnly(2027, 12, 31)).Should().Be(90m);
        Coverage.ExpectedAt(new DateOnly(2030, 6, 30)).Should().Be(90m, "after the last target, the target");
        var twoTargets = new IndicatorTrajectory(new Baseline(60m, 2024), [new TargetPoint(2027, 90m), new TargetPoint(2035, 100m)]);
        twoTargets.ExpectedAt(new DateOnly(2031, 12, 31)).Should().BeApproximately(95m, 0.01m);
    }

    [Theory]
    [InlineData(80, Light.Green)]
    [InlineData(70, Light.Green)] // 10 points below 80: on pace
    [InlineData(69.9, Light.Yellow)]
    [InlineData(50, Light.Yellow)] // exactly 30 points below
    [InlineData(49.9, Light.Red)]
    [InlineData(90, Light.Done)]
    public void Points_of_the_unit_below_the_trajectory_decide_the_light(double value, Light light)
    {
        // 2026-12-31 is 730 of 1,095 days: 80.00 %.
        var exact = new IndicatorTrajectory(new Baseline(60m, 2024), [new TargetPoint(2026, 80m)]);
        Judge((decimal)value, exact).Light.Should().Be(light);
    }

    [Fact]
    public void Without_a_baseline_there_is_no_trajectory_and_the_light_is_grey_unless_the_target_is_met()
    {
        var verdict = IndicatorLightRules.Judge(new IndicatorLightInput(Q4, Comparator.AtLeast, 90m, "%", null, new IndicatorFigure(Q4, 70m)), LightThresholds.Default);
        verdict.Light.Should().Be(Light.Grey);
        verdict.Reason.ToString().Should().Be("无基期值");
        verdict.Reason.ToString(CultureInfo.GetCultureInfo("en")).Should().Be("No baseline");
        IndicatorLightRules.Judge(new IndicatorLightInput(Q4, Comparator.AtLeast, 90m, "%", null, new IndicatorFigure(Q4, 91m)), LightThresholds.Default)
            .Light.Should().Be(Light.Done);
    }

    [Fact]
    public void A_target_that_should_fall_is_behind_when_the_value_is_above_the_trajectory()
    {
        var falling = new IndicatorTrajectory(new Baseline(60m, 2024), [new TargetPoint(2026, 20m)]);
        Judge(35m, falling, Comparator.AtMost, 20m).Light.Should().Be(Light.Yellow, "15 points above 20");
        Judge(15m, falling, Comparator.AtMost, 20m).Light.Should().Be(Light.Done);
        Judge(25m, falling, Comparator.AtMost, 20m).Light.Should().Be(Light.Green);
    }

    [Fact]
    public void The_reason_says_the_latest_and_the_expected_value_in_the_unit()
    {
        var exact = new IndicatorTrajectory(new Baseline(60m, 2024), [new TargetPoint(2026, 80m)]);
        Judge(72.5m, exact).Reason.ToString().Should().Be("最新值72.5%，序时目标值80%，落后7.5个百分点");
        Judge(72.5m, exact).Reason.ToString(CultureInfo.GetCultureInfo("en")).Should().Be("Latest value 72.5%, 80% expected by now: 7.5 percentage points behind");
        Judge(null).Reason.ToString().Should().Be("尚无审核通过的数值");
        Judge(75m, exact, valueQuarter: new Quarter(2026, 2)).Reasons[^1].ToString().Should().Be("按2026年第二季度的数值");
    }
}
