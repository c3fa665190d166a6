using EduPlan.Core.Plans;

namespace EduPlan.Core.Progress;

/// <summary>An indicator's starting point (基期值): its value at the end of a year, for example 2024.</summary>
public readonly record struct Baseline(decimal Value, int Year);

/// <summary>A target on an indicator's way: the value due by the end of a year (2027, 2029, 2035).</summary>
public readonly record struct TargetPoint(int Year, decimal Value);

/// <summary>
/// Where an indicator should stand at a date if it moved evenly from its baseline to its targets: linear by days from
/// the baseline (end of its year) to the next target (end of its year), then to the one after, and at the last target
/// from then on. The same line serves targets that rise (≥) and fall (≤): it simply runs from value to value.
/// </summary>
public sealed class IndicatorTrajectory
{
    private readonly List<(int Day, decimal Value)> nodes;

    public IndicatorTrajectory(Baseline baseline, IEnumerable<TargetPoint> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        Baseline = baseline;
        nodes = [(YearEnd(baseline.Year), baseline.Value)];
        foreach (var target in targets.Where(t => t.Year > baseline.Year).OrderBy(t => t.Year).DistinctBy(t => t.Year))
        {
            nodes.Add((YearEnd(target.Year), target.Value));
        }
    }

    public Baseline Baseline { get; }

    /// <summary>The expected value at the end of <paramref name="date"/>, to four decimals (the precision values are stored in).</summary>
    public decimal ExpectedAt(DateOnly date)
    {
        var day = date.DayNumber;
        if (day <= nodes[0].Day)
        {
            return nodes[0].Value;
        }

        for (var i = 1; i < nodes.Count; i++)
        {
            if (day <= nodes[i].Day)
            {
                var (fromDay, fromValue) = nodes[i - 1];
                var (toDay, toValue) = nodes[i];
                var share = (decimal)(day - fromDay) / (toDay - fromDay);
                return Math.Round(fromValue + ((toValue - fromValue) * share), 4, MidpointRounding.AwayFromZero);
            }
        }

        return nodes[^1].Value;
    }

    /// <summary>Whether an indicator with this comparator should rise to its target (≥, &gt;, =) or fall to it (≤, &lt;).</summary>
    public static bool Rises(Comparator comparator) => comparator is not (Comparator.AtMost or Comparator.LessThan);

    private static int YearEnd(int year) => new DateOnly(year, 12, 31).DayNumber;
}
