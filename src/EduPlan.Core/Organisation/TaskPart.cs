using System.Linq.Expressions;
using EduPlan.Core.Plans;

namespace EduPlan.Core.Organisation;

/// <summary>A department's part in a task: it leads it (牵头单位), joins it (参与单位), or neither.</summary>
public enum TaskPart
{
    /// <summary>Neither leads nor joins the task (so may not report on it); for a report: its department no longer owns the task.</summary>
    None,

    /// <summary>牵头单位</summary>
    Lead,

    /// <summary>参与单位</summary>
    CoDepartment,
}

/// <summary>The one rule of who owns a task: its lead department and its co-departments.</summary>
public static class TaskOwners
{
    /// <summary>
    /// The tasks <paramref name="departmentId"/> leads or joins, as a query filter EF Core translates:
    /// <c>db.Tasks.Where(TaskOwners.OwnedBy(departmentId))</c>.
    /// </summary>
    public static Expression<Func<PlanTask, bool>> OwnedBy(int departmentId) =>
        t => t.LeadDepartmentId == departmentId || t.CoDepartments.Any(c => c.DepartmentId == departmentId);

    /// <summary>The department's part in a task whose owners are known.</summary>
    public static TaskPart PartOf(int departmentId, int? leadDepartmentId, IEnumerable<int> coDepartmentIds)
    {
        ArgumentNullException.ThrowIfNull(coDepartmentIds);
        return PartOf(departmentId == leadDepartmentId, coDepartmentIds.Contains(departmentId));
    }

    /// <summary>The part from what a query found: whether the department leads the task, and whether it joins it.</summary>
    public static TaskPart PartOf(bool leads, bool joins) =>
        leads ? TaskPart.Lead : joins ? TaskPart.CoDepartment : TaskPart.None;
}
