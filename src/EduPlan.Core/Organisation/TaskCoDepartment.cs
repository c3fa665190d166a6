using EduPlan.Core.Plans;

namespace EduPlan.Core.Organisation;

/// <summary>A co-department (参与单位) of a task; the lead department is <see cref="PlanTask.LeadDepartmentId"/>.</summary>
public class TaskCoDepartment
{
    public int TaskId { get; set; }
    public PlanTask? Task { get; set; }
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }

    /// <summary>The first quarter (<see cref="Reporting.Quarter.Key"/>) the department joins the task; null: since the beginning.</summary>
    public int? FromQuarter { get; set; }
}
