using EduPlan.Core.Organisation;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Ownership;

/// <summary>
/// Who owns which task in a quarter, read from the database: every question "does this department own task T in
/// quarter Q" (填报情况, 我的任务, the report form, the lights) is answered here, with <see cref="OwnerSpan.Covers"/>'s one rule.
/// Three queries (lead departments, co-departments, past owners) whatever the number of tasks.
/// </summary>
public static class TaskOwnerSpans
{
    /// <summary>The owners in <paramref name="quarter"/>, optionally of one department, some tasks, or current (not withdrawn) tasks only.</summary>
    public static async Task<List<OwnerSpan>> InAsync(
        EduPlanDbContext db, Quarter quarter, int? departmentId = null, IReadOnlyCollection<int>? taskIds = null, bool currentTasksOnly = false, CancellationToken cancellationToken = default) =>
        (await LoadAsync(db, departmentId, taskIds, currentTasksOnly, cancellationToken)).Where(s => s.Covers(quarter)).ToList();

    /// <summary>Every span, current and past, optionally of one department, some tasks, or current (not withdrawn) tasks only.</summary>
    public static async Task<List<OwnerSpan>> LoadAsync(
        EduPlanDbContext db, int? departmentId = null, IReadOnlyCollection<int>? taskIds = null, bool currentTasksOnly = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var leads = db.Tasks.AsNoTracking().Where(t => t.LeadDepartmentId != null);
        var cos = db.TaskCoDepartments.AsNoTracking();
        var past = db.PastTaskOwners.AsNoTracking();
        if (departmentId is { } department)
        {
            leads = leads.Where(t => t.LeadDepartmentId == department);
            cos = cos.Where(c => c.DepartmentId == department);
            past = past.Where(p => p.DepartmentId == department);
        }

        if (taskIds is not null)
        {
            leads = leads.Where(t => taskIds.Contains(t.Id));
            cos = cos.Where(c => taskIds.Contains(c.TaskId));
            past = past.Where(p => taskIds.Contains(p.TaskId));
        }

        if (currentTasksOnly)
        {
            leads = leads.Where(t => t.WithdrawnAt == null);
            cos = cos.Where(c => c.Task!.WithdrawnAt == null);
            past = past.Where(p => p.Task!.WithdrawnAt == null);
        }

        var spans = await leads
            .Select(t => new OwnerSpan(t.Id, t.LeadDepartmentId!.Value, TaskPart.Lead, t.LeadFromQuarter, null))
            .ToListAsync(cancellationToken);
        spans.AddRange(await cos
            .Select(c => new OwnerSpan(c.TaskId, c.DepartmentId, TaskPart.CoDepartment, c.FromQuarter, null))
            .ToListAsync(cancellationToken));
        spans.AddRange(await past
            .Select(p => new OwnerSpan(p.TaskId, p.DepartmentId, p.Part, p.FromQuarter, p.UntilQuarter))
            .ToListAsync(cancellationToken));
        return spans;
    }
}
