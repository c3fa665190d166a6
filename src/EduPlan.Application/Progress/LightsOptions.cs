using EduPlan.Core.Progress;

namespace EduPlan.Application.Progress;

/// <summary>Settings of the light rules (configuration section "Lights"); see <see cref="LightThresholds"/>.</summary>
public sealed class LightsOptions
{
    public const string SectionName = "Lights";

    /// <summary>More than this many points behind 序时进度 is yellow (10).</summary>
    public int YellowBelowPoints { get; set; } = LightThresholds.Default.YellowBelowPoints;

    /// <summary>More than this many points behind is red (30).</summary>
    public int RedBelowPoints { get; set; } = LightThresholds.Default.RedBelowPoints;

    /// <summary>Due within this many days and not complete is yellow (90).</summary>
    public int DueSoonDays { get; set; } = LightThresholds.Default.DueSoonDays;

    /// <summary>Minutes computed lights stay in memory while nothing changes (ProgressQuery's stamp); 0 computes them on every request.</summary>
    public int CacheMinutes { get; set; } = 10;

    /// <summary>The thresholds, or the reason they make no sense (said at start-up, naming the key).</summary>
    public LightThresholds ToThresholds()
    {
        if (YellowBelowPoints is < 0 or > 100)
        {
            throw new InvalidOperationException($"Lights:YellowBelowPoints must be between 0 and 100 (it is {YellowBelowPoints}).");
        }

        if (RedBelowPoints < YellowBelowPoints || RedBelowPoints > 100)
        {
            throw new InvalidOperationException($"Lights:RedBelowPoints must be between Lights:YellowBelowPoints ({YellowBelowPoints}) and 100 (it is {RedBelowPoints}).");
        }

        if (DueSoonDays is < 0 or > 366)
        {
            throw new InvalidOperationException($"Lights:DueSoonDays must be between 0 and 366 (it is {DueSoonDays}).");
        }

        return new LightThresholds(YellowBelowPoints, RedBelowPoints, DueSoonDays);
    }
}
