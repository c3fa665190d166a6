using EduPlan.Core.Plans;
using EduPlan.Core.Reporting;

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

/// <summary>
/// A department's part in a task over a span of quarters (<see cref="Quarter.Key"/>s, both ends included; null: open at
/// that end): a current owner has no <see cref="UntilQuarter"/>, a past one (<see cref="PastTaskOwner"/>) has one.
/// </summary>
public sealed record OwnerSpan(int TaskId, int DepartmentId, TaskPart Part, int? FromQuarter, int? UntilQuarter)
{
    /// <summary>True when the department owned the task in <paramref name="quarter"/>.</summary>
    public bool Covers(Quarter quarter) => TaskOwners.Covers(FromQuarter, UntilQuarter, quarter.Key);
}

/// <summary>
/// The one rule of who owns a task in a quarter: the lead department and co-departments whose span of quarters includes
/// it. Current owners (<see cref="PlanTask.LeadDepartmentId"/>, <see cref="PlanTask.CoDepartments"/>) own from their
/// first quarter on; <see cref="PlanTask.PastOwners"/> for the quarters they covered. Past quarters are thus judged by who
/// owned the task then, and a change of owners from a quarter on (<see cref="Change"/>) leaves earlier quarters as they were.
/// </summary>
public static class TaskOwners
{
    /// <summary>True when a span from <paramref name="from"/> to <paramref name="until"/> (null: open) includes quarter <paramref name="key"/>.</summary>
    public static bool Covers(int? from, int? until, int key) => (from is null || from <= key) && (until is null || until >= key);

    /// <summary>The spans of a task loaded with its co-departments and past owners.</summary>
    public static IEnumerable<OwnerSpan> Spans(PlanTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.LeadDepartmentId is { } lead)
        {
            yield return new OwnerSpan(task.Id, lead, TaskPart.Lead, task.LeadFromQuarter, null);
        }

        foreach (var co in task.CoDepartments)
        {
            yield return new OwnerSpan(task.Id, co.DepartmentId, TaskPart.CoDepartment, co.FromQuarter, null);
        }

        foreach (var past in task.PastOwners)
        {
            yield return new OwnerSpan(task.Id, past.DepartmentId, past.Part, past.FromQuarter, past.UntilQuarter);
        }
    }

    /// <summary>The department's part in a task in <paramref name="quarter"/>, from the task's spans.</summary>
    public static TaskPart PartIn(IEnumerable<OwnerSpan> spans, int departmentId, Quarter quarter)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var parts = spans.Where(s => s.DepartmentId == departmentId && s.Covers(quarter)).Select(s => s.Part).ToList();
        return parts.Contains(TaskPart.Lead) ? TaskPart.Lead : parts.Contains(TaskPart.CoDepartment) ? TaskPart.CoDepartment : TaskPart.None;
    }

    /// <summary>
    /// The department's part among a task's owners now (the latest owners, whatever quarter they start in): for what
    /// looks forward, such as the task page's hint. Reports and counts for a quarter use <see cref="PartIn"/>.
    /// </summary>
    public static TaskPart PartOf(int departmentId, int? leadDepartmentId, IEnumerable<int> coDepartmentIds)
    {
        ArgumentNullException.ThrowIfNull(coDepartmentIds);
        return PartOf(departmentId == leadDepartmentId, coDepartmentIds.Contains(departmentId));
    }

    /// <summary>True when the owners from <paramref name="from"/> on are already exactly <paramref name="lead"/> and <paramref name="coDepartments"/>.</summary>
    public static bool HasOwnersFrom(PlanTask task, int? lead, IReadOnlyCollection<int> coDepartments, Quarter from)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(coDepartments);
        var key = from.Key;
        return task.LeadDepartmentId == lead
            && task.CoDepartments.Select(c => c.DepartmentId).ToHashSet().SetEquals(coDepartments)
            && (task.LeadDepartmentId is null || task.LeadFromQuarter is null || task.LeadFromQuarter <= key)
            && task.CoDepartments.All(c => c.FromQuarter is null || c.FromQuarter <= key)
            && task.PastOwners.All(p => p.UntilQuarter < key);
    }

    /// <summary>
    /// Makes <paramref name="lead"/> and <paramref name="coDepartments"/> the task's owners from <paramref name="from"/> on
    /// (on a task loaded with its co-departments and past owners), keeping who owned it before: an owner that stays in
    /// the same part keeps its first quarter; one that leaves (or changes part) becomes a past owner up to the quarter
    /// before; past spans reaching into <paramref name="from"/> are cut there. Quarters before <paramref name="from"/> keep their owners.
    /// </summary>
    public static void Change(PlanTask task, int? lead, IReadOnlyCollection<int> coDepartments, Quarter from)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(coDepartments);
        var key = from.Key;
        var until = from.Previous.Key;

        // Past spans from `from` on are replaced by the new owners.
        task.PastOwners.RemoveAll(p => p.FromQuarter >= key);
        foreach (var past in task.PastOwners.Where(p => p.UntilQuarter >= key))
        {
            past.UntilQuarter = until;
        }

        if (task.LeadDepartmentId is { } oldLead && oldLead != lead)
        {
            End(task, oldLead, TaskPart.Lead, task.LeadFromQuarter, key);
        }

        task.LeadFromQuarter = task.LeadDepartmentId == lead && lead is not null
            ? (task.LeadFromQuarter is { } since && since > key ? key : task.LeadFromQuarter)
            : lead is null ? null : key;
        task.LeadDepartmentId = lead;

        foreach (var gone in task.CoDepartments.Where(c => !coDepartments.Contains(c.DepartmentId)).ToList())
        {
            End(task, gone.DepartmentId, TaskPart.CoDepartment, gone.FromQuarter, key);
            task.CoDepartments.Remove(gone);
        }

        foreach (var kept in task.CoDepartments.Where(c => c.FromQuarter > key))
        {
            kept.FromQuarter = key;
        }

        foreach (var id in coDepartments.Where(id => task.CoDepartments.All(c => c.DepartmentId != id)))
        {
            task.CoDepartments.Add(new TaskCoDepartment { TaskId = task.Id, DepartmentId = id, FromQuarter = key });
        }
    }

    /// <summary>A current owner that leaves from quarter <paramref name="key"/> on: kept as a past owner if it owned any quarter before.</summary>
    private static void End(PlanTask task, int departmentId, TaskPart part, int? since, int key)
    {
        if (since is null || since < key)
        {
            task.PastOwners.Add(new PastTaskOwner
            {
                TaskId = task.Id,
                DepartmentId = departmentId,
                Part = part,
                FromQuarter = since,
                UntilQuarter = Quarter.FromKey(key).Previous.Key,
            });
        }
    }

    /// <summary>The part from what a query found: whether the department leads the task, and whether it joins it.</summary>
    public static TaskPart PartOf(bool leads, bool joins) =>
        leads ? TaskPart.Lead : joins ? TaskPart.CoDepartment : TaskPart.None;
}
