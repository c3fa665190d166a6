using EduPlan.Application.Departments;
using EduPlan.Core.Messages;
using EduPlan.Core.Organisation;
using EduPlan.Core.Plans;

namespace EduPlan.Application.Ownership;

/// <summary>The rules for a task's owners and applying them, shared by the one-task form and the CSV import.</summary>
internal static class OwnershipRules
{
    public const string LeadField = nameof(OwnershipInput.LeadDepartmentId);
    public const string CoField = nameof(OwnershipInput.CoDepartmentIds);

    /// <summary>
    /// Checks a choice of owners for <paramref name="task"/>. A department must exist and be active, except one the task
    /// already has in the same role: retiring a department must not make its tasks uneditable (or a re-upload of the
    /// downloaded template fail). The lead cannot also be a co-department, and a co-department is named once.
    /// </summary>
    public static List<FieldError> Check(PlanTask task, int? lead, IReadOnlyList<int> coDepartments, IReadOnlyDictionary<int, DepartmentReference> departments)
    {
        var errors = new List<FieldError>();
        if (lead is { } leadId)
        {
            if (!departments.TryGetValue(leadId, out var department))
            {
                errors.Add(FieldError.Of(LeadField, "Ownership_LeadNotFound"));
            }
            else if (!department.IsActive && task.LeadDepartmentId != leadId)
            {
                errors.Add(FieldError.Of(LeadField, "Ownership_LeadInactive", department.Name));
            }
        }

        var current = task.CoDepartments.Select(c => c.DepartmentId).ToHashSet();
        var seen = new HashSet<int>();
        foreach (var id in coDepartments)
        {
            if (!departments.TryGetValue(id, out var department))
            {
                errors.Add(FieldError.Of(CoField, "Ownership_CoNotFound"));
                continue;
            }

            if (!seen.Add(id))
            {
                errors.Add(FieldError.Of(CoField, "Ownership_CoTwice", department.Name));
            }
            else if (id == lead)
            {
                errors.Add(FieldError.Of(CoField, "Ownership_CoIsLead", department.Name));
            }
            else if (!department.IsActive && !current.Contains(id))
            {
                errors.Add(FieldError.Of(CoField, "Ownership_CoInactive", department.Name));
            }
        }

        return errors;
    }

    public static bool IsSame(PlanTask task, int? lead, IReadOnlyCollection<int> coDepartments) =>
        task.LeadDepartmentId == lead && task.CoDepartments.Select(c => c.DepartmentId).ToHashSet().SetEquals(coDepartments);

    public static OwnersSnapshot Snapshot(PlanTask task, IReadOnlyDictionary<int, DepartmentReference> departments) =>
        Snapshot(task.LeadDepartmentId, task.CoDepartments.Select(c => c.DepartmentId), departments);

    public static OwnersSnapshot Snapshot(int? lead, IEnumerable<int> coDepartments, IReadOnlyDictionary<int, DepartmentReference> departments) =>
        new(lead is { } id ? departments[id].Name : null,
            coDepartments.Select(id => departments[id].Name).Order(StringComparer.Ordinal).ToList());

    /// <summary>
    /// Sets the owners on a tracked task (loaded with its co-departments) and raises its version. The version's original
    /// value stays what the editor read, so the UPDATE matches no row if someone saved in between.
    /// Only co-department rows of this task are removed: nothing else hangs on ownership.
    /// </summary>
    public static void Apply(PlanTask task, int? lead, IReadOnlyCollection<int> coDepartments)
    {
        task.LeadDepartmentId = lead;
        task.CoDepartments.RemoveAll(c => !coDepartments.Contains(c.DepartmentId));
        foreach (var id in coDepartments.Where(id => task.CoDepartments.All(c => c.DepartmentId != id)))
        {
            task.CoDepartments.Add(new TaskCoDepartment { TaskId = task.Id, DepartmentId = id });
        }

        task.OwnershipVersion++;
    }
}
