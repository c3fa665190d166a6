using EduPlan.Core.Plans;

namespace EduPlan.Core.Organisation;

/// <summary>
/// A department that led or joined a task from <see cref="FromQuarter"/> to <see cref="UntilQuarter"/> (both included,
/// as <see cref="Reporting.Quarter.Key"/>s) and no longer does: kept so past quarters are judged by who owned the task then.
/// </summary>
public class PastTaskOwner
{
    public int Id { get; set; }
    public int TaskId { get; set; }
    public PlanTask? Task { get; set; }
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }

    /// <summary><see cref="TaskPart.Lead"/> or <see cref="TaskPart.CoDepartment"/>.</summary>
    public TaskPart Part { get; set; }

    /// <summary>The first quarter it owned the task; null: since the beginning.</summary>
    public int? FromQuarter { get; set; }

    /// <summary>The last quarter it owned the task.</summary>
    public int UntilQuarter { get; set; }
}
