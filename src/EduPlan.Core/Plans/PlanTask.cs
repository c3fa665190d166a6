namespace EduPlan.Core.Plans;

/// <summary>A key task (重点任务): （一）（二）… through the whole plan, or as the plan numbers them (see <see cref="Label"/>).</summary>
public class PlanTask
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public Plan? Plan { get; set; }
    public int SectionId { get; set; }
    public Section? Section { get; set; }
    public int Number { get; set; }
    /// <summary>The marker as the document writes it: （一）, 【重点任务3】, 2., 一是; empty for rows imported before labels.</summary>
    public string Label { get; set; } = "";
    /// <summary>The text up to the first 。 (without it).</summary>
    public required string Title { get; set; }
    /// <summary>The full text of the task after its number marker, title sentence included.</summary>
    public required string Text { get; set; }
    /// <summary>Set when the task is no longer in the imported document; cleared when it comes back.</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }
    public List<Indicator> Indicators { get; set; } = [];

    /// <summary>The lead department (牵头单位); null until an administrator or coordinator assigns one.</summary>
    public int? LeadDepartmentId { get; set; }
    public Organisation.Department? LeadDepartment { get; set; }

    /// <summary>
    /// The first quarter (<see cref="Reporting.Quarter.Key"/>) the lead department leads the task; null: since the
    /// beginning. Earlier owners are in <see cref="PastOwners"/>.
    /// </summary>
    public int? LeadFromQuarter { get; set; }

    /// <summary>The co-departments (参与单位), in no particular order.</summary>
    public List<Organisation.TaskCoDepartment> CoDepartments { get; set; } = [];

    /// <summary>Departments that led or joined the task for a span of quarters that has ended (ownership history).</summary>
    public List<Organisation.PastTaskOwner> PastOwners { get; set; } = [];

    /// <summary>Concurrency token for ownership edits: raised by one on every ownership change.</summary>
    public int OwnershipVersion { get; set; }
}
