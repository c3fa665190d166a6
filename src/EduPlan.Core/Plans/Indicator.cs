namespace EduPlan.Core.Plans;

/// <summary>A quantitative target found in a plan's text, e.g. 教共体覆盖率 ≥ 90% by 2027.</summary>
public class Indicator
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public Plan? Plan { get; set; }
    /// <summary>Natural key within the plan (name and year), stable across re-imports.</summary>
    public required string Key { get; set; }
    public required string Name { get; set; }
    public Comparator Comparator { get; set; }
    public decimal Target { get; set; }
    public required string Unit { get; set; }
    /// <summary>The year the target is due; null for a standing requirement.</summary>
    public int? Year { get; set; }
    /// <summary>The sentence the indicator was read from.</summary>
    public required string SourceText { get; set; }
    /// <summary>Where the plan starts from: a target table's base-year value, or a figure its 现实基础 reports.</summary>
    public decimal? Baseline { get; set; }
    public int? BaselineYear { get; set; }
    public int? TaskId { get; set; }
    public PlanTask? Task { get; set; }
    /// <summary>Set when the indicator left the imported document but reports hold values for it (it is kept, not deleted).</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }
    public int? MilestoneId { get; set; }
    public Milestone? Milestone { get; set; }
}
