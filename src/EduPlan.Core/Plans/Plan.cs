namespace EduPlan.Core.Plans;

/// <summary>A long-range plan document (规划), identified by a short stable code such as "national".</summary>
public class Plan
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Title { get; set; }
    public required string Issuer { get; set; }
    /// <summary>Year and month of issue as "yyyy-MM" when the text gives one.</summary>
    public string? IssuedOn { get; set; }
    /// <summary>A draft for comment (征求意见稿); the title does not carry the mark.</summary>
    public bool IsDraft { get; set; }
    /// <summary>The plan this one is made under (根据《…》), set on import: Chongqing's plan under the national outline.</summary>
    public int? ParentId { get; set; }
    public Plan? Parent { get; set; }
    public int StartYear { get; set; }
    public int EndYear { get; set; }
    /// <summary>The text before the first section (preamble), if any.</summary>
    public string Preamble { get; set; } = "";
    /// <summary>Display order among plans: the order the plans appear in their document.</summary>
    public int SortOrder { get; set; }
    /// <summary>SHA-256 of the normalised plan text last imported; an unchanged import is skipped on it.</summary>
    public string ContentHash { get; set; } = "";
    public string SourceName { get; set; } = "";
    public DateTimeOffset ImportedAt { get; set; }

    public List<Plan> Children { get; set; } = [];
    public List<Section> Sections { get; set; } = [];
    public List<PlanTask> Tasks { get; set; } = [];
    public List<Milestone> Milestones { get; set; } = [];
    public List<Indicator> Indicators { get; set; } = [];
}
