namespace EduPlan.Core.Plans;

/// <summary>A numbered part of a plan (一、二、… or 第一章 …) with its own body text and the key tasks under it.</summary>
public class Section
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public Plan? Plan { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    /// <summary>The marker as the document writes it (一、, 第三章, §2); empty for an unnumbered block (实施) or rows imported before labels.</summary>
    public string Label { get; set; } = "";
    /// <summary>The part (第一部分 总体战略) this section belongs to in a two-level plan; null otherwise.</summary>
    public string? Part { get; set; }
    /// <summary>Body paragraphs of the section that are not key tasks, joined by newlines.</summary>
    public string Text { get; set; } = "";
    /// <summary>Set when the section is no longer in the imported document; cleared when it comes back.</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }
    public List<PlanTask> Tasks { get; set; } = [];
}
