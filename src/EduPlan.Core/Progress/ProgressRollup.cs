namespace EduPlan.Core.Progress;

/// <summary>How many tasks (or indicators) have each light.</summary>
public sealed record LightCounts(int Green, int Yellow, int Red, int Done, int Grey)
{
    public static LightCounts Zero { get; } = new(0, 0, 0, 0, 0);

    public int Total => Green + Yellow + Red + Done + Grey;

    /// <summary>Red and yellow together: what a leader asks about first.</summary>
    public int Attention => Red + Yellow;

    public int this[Light light] => light switch
    {
        Light.Green => Green,
        Light.Yellow => Yellow,
        Light.Red => Red,
        Light.Done => Done,
        _ => Grey,
    };

    public LightCounts Add(Light light) => light switch
    {
        Light.Green => this with { Green = Green + 1 },
        Light.Yellow => this with { Yellow = Yellow + 1 },
        Light.Red => this with { Red = Red + 1 },
        Light.Done => this with { Done = Done + 1 },
        _ => this with { Grey = Grey + 1 },
    };

    public static LightCounts Of(IEnumerable<Light> lights) => (lights ?? []).Aggregate(Zero, (counts, light) => counts.Add(light));
}

/// <summary>One task's part in a section's, plan's or department's picture.</summary>
/// <param name="Percent">The percent complete judged (null when there is no report to judge).</param>
/// <param name="Expected">序时进度 at the quarter's end.</param>
/// <param name="Weight">The task's weight (1 unless a coordinator set another).</param>
public readonly record struct RollupItem(Light Light, int? Percent, int Expected, decimal Weight);

/// <summary>A group of tasks at a glance: the count in each light and the weighted mean of percent minus 序时进度.</summary>
/// <param name="MeanGap">Σ weight × (percent − expected) ÷ Σ weight over the tasks with a percent, to one decimal; null when none has one.</param>
public sealed record ProgressPicture(LightCounts Counts, decimal? MeanGap)
{
    public static ProgressPicture Of(IEnumerable<RollupItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var counts = LightCounts.Zero;
        decimal weights = 0, sum = 0;
        foreach (var item in items)
        {
            counts = counts.Add(item.Light);
            if (item.Percent is { } percent && item.Weight > 0)
            {
                weights += item.Weight;
                sum += item.Weight * (percent - item.Expected);
            }
        }

        return new(counts, weights == 0 ? null : Math.Round(sum / weights, 1, MidpointRounding.AwayFromZero));
    }
}
