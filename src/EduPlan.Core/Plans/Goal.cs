namespace EduPlan.Core.Plans;

/// <summary>One "——" line under a milestone.</summary>
public class Goal
{
    public int Id { get; set; }
    public int MilestoneId { get; set; }
    public Milestone? Milestone { get; set; }
    /// <summary>1-based position under its milestone.</summary>
    public int Number { get; set; }
    /// <summary>The text up to the first 。 (without it).</summary>
    public required string Title { get; set; }
    public required string Text { get; set; }
}
