namespace EduPlan.Core.Plans;

/// <summary>A numbered part of a plan (一、二、…) with its own body text and the key tasks under it.</summary>
public class Section
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public Plan? Plan { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    /// <summary>Body paragraphs of the section that are not key tasks, joined by newlines.</summary>
    public string Text { get; set; } = "";
    /// <summary>Set when the section is no longer in the imported document; cleared when it comes back.</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }
    public List<PlanTask> Tasks { get; set; } = [];
}
