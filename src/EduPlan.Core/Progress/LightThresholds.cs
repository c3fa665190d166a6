namespace EduPlan.Core.Progress;

/// <summary>
/// The three numbers of the light rules (settings Lights:YellowBelowPoints, Lights:RedBelowPoints, Lights:DueSoonDays):
/// yellow when more than <see cref="YellowBelowPoints"/> behind 序时进度, red when more than <see cref="RedBelowPoints"/>
/// behind, yellow when due within <see cref="DueSoonDays"/> days and not complete.
/// </summary>
public sealed record LightThresholds(int YellowBelowPoints, int RedBelowPoints, int DueSoonDays)
{
    /// <summary>10, 30 and 90: the thresholds published rules use (for example 银川's 10–30 points for yellow).</summary>
    public static LightThresholds Default { get; } = new(10, 30, 90);
}
