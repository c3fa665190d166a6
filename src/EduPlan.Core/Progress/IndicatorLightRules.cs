using EduPlan.Core.Messages;
using EduPlan.Core.Plans;
using EduPlan.Core.Reporting;

namespace EduPlan.Core.Progress;

/// <summary>An indicator's value as reported, and for which quarter.</summary>
public sealed record IndicatorFigure(Quarter Quarter, decimal Value);

/// <summary>Everything an indicator's light for a quarter depends on.</summary>
/// <param name="Trajectory">From the baseline to the targets; null without a baseline (无基期值).</param>
/// <param name="Latest">The latest value on the basis up to this quarter; null when none.</param>
public sealed record IndicatorLightInput(
    Quarter Quarter,
    Comparator Comparator,
    decimal Target,
    string Unit,
    IndicatorTrajectory? Trajectory,
    IndicatorFigure? Latest);

/// <summary>
/// The light of a quantitative target in a quarter: 完成 once the latest value meets the target; otherwise, against the
/// value expected on the way from the baseline (in points of the target's unit, in the target's direction), the
/// same thresholds as tasks; 灰 without a value, or without a baseline (无基期值: no trajectory to judge against).
/// </summary>
public static class IndicatorLightRules
{
    public static LightVerdict Judge(IndicatorLightInput input, LightThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(thresholds);
        if (input.Latest is not { } latest)
        {
            return new(Light.Grey, new Message("IndicatorLight_NoValue"));
        }

        var earlier = latest.Quarter != input.Quarter ? new Message("IndicatorLight_EarlierValue", latest.Quarter) : null;
        LightVerdict verdict;
        if (IsMet(input.Comparator, latest.Value, input.Target))
        {
            verdict = new(Light.Done, new Message("IndicatorLight_TargetMet", Amount(latest.Value, input.Unit), Amount(input.Target, input.Unit)));
        }
        else if (input.Trajectory is not { } trajectory)
        {
            verdict = new(Light.Grey, new Message("IndicatorLight_NoBaseline"));
        }
        else
        {
            var expected = trajectory.ExpectedAt(input.Quarter.EndDate);
            var shortfall = IndicatorTrajectory.Rises(input.Comparator) ? expected - latest.Value : latest.Value - expected;
            var light = shortfall > thresholds.RedBelowPoints ? Light.Red
                : shortfall > thresholds.YellowBelowPoints ? Light.Yellow
                : Light.Green;
            var key = shortfall > 0 ? "IndicatorLight_Behind" : shortfall < 0 ? "IndicatorLight_Ahead" : "IndicatorLight_Level";
            verdict = new(light, new Message(key, Amount(latest.Value, input.Unit), Amount(expected, input.Unit), Points(Math.Abs(shortfall), input.Unit)));
        }

        return earlier is null ? verdict : verdict with { Reasons = [.. verdict.Reasons, earlier] };
    }

    /// <summary>Whether a value meets a target the way the plan states it (≥ 90, &lt; 5 …).</summary>
    public static bool IsMet(Comparator comparator, decimal value, decimal target) => comparator switch
    {
        Comparator.Equal => value == target,
        Comparator.AtLeast => value >= target,
        Comparator.GreaterThan => value > target,
        Comparator.AtMost => value <= target,
        Comparator.LessThan => value < target,
        _ => throw new ArgumentOutOfRangeException(nameof(comparator), comparator, null),
    };

    /// <summary>A value with its unit, as a sentence argument: "86.5%", "2小时".</summary>
    public static Message Amount(decimal value, string unit) => new("Indicator_Amount", Round(value), unit);

    /// <summary>A difference in the unit's points: "2.5个百分点" for %, "0.3小时" otherwise.</summary>
    public static Message Points(decimal difference, string unit) =>
        unit.Trim() is "%" or "％" ? new Message("Points_Percent", Round(difference)) : new Message("Indicator_Amount", Round(difference), unit);

    /// <summary>Two decimals at most, no trailing zeros (86.50 → 86.5).</summary>
    public static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
