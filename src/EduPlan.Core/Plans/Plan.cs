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
