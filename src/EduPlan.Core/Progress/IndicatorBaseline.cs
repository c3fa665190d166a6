using EduPlan.Core.Plans;

namespace EduPlan.Core.Progress;

/// <summary>An indicator's baseline (基期值), set by a coordinator: its value at the end of a year before the targets.</summary>
public class IndicatorBaseline
{
    public int IndicatorId { get; set; }
    public Indicator? Indicator { get; set; }
    public decimal Value { get; set; }
    public int Year { get; set; }

    /// <summary>Concurrency token, raised by one on every change.</summary>
    public int Version { get; set; }

    public DateTime ChangedAt { get; set; }
    public string ChangedByName { get; set; } = "";
}
