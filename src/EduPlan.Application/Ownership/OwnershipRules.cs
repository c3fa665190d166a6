using EduPlan.Application.Departments;
using EduPlan.Application.Reporting;
using EduPlan.Core.Messages;
using EduPlan.Core.Organisation;
using EduPlan.Core.Plans;
using EduPlan.Core.Reporting;

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

    public const string FromField = nameof(OwnershipInput.From);

    /// <summary>
    /// The quarter a change of owners takes effect from: the one asked for, or by default the open quarter (the
    /// current one when none is open). An earlier quarter is refused: changing owners never alters a closed quarter's
    /// figures (who was expected to report, what was overdue).
    /// </summary>
    public static async Task<(Quarter From, FieldError? Error)> ResolveFromAsync(ReportingCalendar calendar, Quarter? requested, CancellationToken cancellationToken)
    {
        var earliest = await calendar.DefaultQuarterAsync(null, cancellationToken);
        if (requested is not { } from)
        {
            return (earliest, null);
        }

        if (from < earliest)
        {
            return (from, FieldError.Of(FromField, "Ownership_FromClosed", from.ToMessage(), earliest.ToMessage()));
        }

        return from > Quarter.Last
            ? (from, FieldError.Of(FromField, "Ownership_FromTooLate", Quarter.Last.ToMessage()))
            : (from, null);
    }

    /// <summary>True when the task's owners from <paramref name="from"/> on are already these (so saving changes nothing).</summary>
    public static bool IsSame(PlanTask task, int? lead, IReadOnlyCollection<int> coDepartments, Quarter from) =>
        TaskOwners.HasOwnersFrom(task, lead, coDepartments, from);

    public static OwnersSnapshot Snapshot(PlanTask task, IReadOnlyDictionary<int, DepartmentReference> departments) =>
        Snapshot(task.LeadDepartmentId, task.CoDepartments.Select(c => c.DepartmentId), departments);

    public static OwnersSnapshot Snapshot(int? lead, IEnumerable<int> coDepartments, IReadOnlyDictionary<int, DepartmentReference> departments) =>
        new(lead is { } id ? departments[id].Name : null,
            coDepartments.Select(id => departments[id].Name).Order(StringComparer.Ordinal).ToList());

    /// <summary>
    /// Sets the owners from <paramref name="from"/> on, on a tracked task loaded with its co-departments and past owners
    /// (<see cref="TaskOwners.Change"/>), and raises its version. The version's original value stays what the editor
    /// read, so the UPDATE matches no row if someone saved in between. Reports hang on the task, not on ownership rows.
    /// </summary>
    public static void Apply(PlanTask task, int? lead, IReadOnlyCollection<int> coDepartments, Quarter from)
    {
        TaskOwners.Change(task, lead, coDepartments, from);
        task.OwnershipVersion++;
    }
}
