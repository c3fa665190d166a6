namespace EduPlan.Core.Plans;

/// <summary>What a plan commits to by a year (到2027年…), with the goals listed under it.</summary>
public class Milestone
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public Plan? Plan { get; set; }
    public int Year { get; set; }
    public required string Text { get; set; }
    public List<Goal> Goals { get; set; } = [];
}
