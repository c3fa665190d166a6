using EduPlan.Application.Departments;
using EduPlan.Core.Organisation;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Ownership;

/// <summary>Who owns each key task (任务分工), as the pages read it: the plans with their counts, a plan's tasks, one task.</summary>
public sealed class OwnershipQueries(EduPlanDbContext db)
{
    /// <summary>Every plan with its count of current tasks and of those without a lead department.</summary>
    public async Task<IReadOnlyList<PlanOwnershipSummary>> ListPlansAsync(CancellationToken cancellationToken = default) =>
        await db.Plans
            .AsNoTracking()
            .OrderBy(p => p.SortOrder)
            .ThenBy(p => p.Id)
            .Select(p => new PlanOwnershipSummary(
                p.Code,
                p.Title,
                p.Tasks.Count(t => t.WithdrawnAt == null),
                p.Tasks.Count(t => t.WithdrawnAt == null && t.LeadDepartmentId == null)))
            .ToListAsync(cancellationToken);

    /// <summary>A plan's current tasks with their owners (two queries whatever the number of tasks); null for an unknown plan.</summary>
    public async Task<PlanOwnership?> GetPlanAsync(string planCode, CancellationToken cancellationToken = default)
    {
        var plan = await db.Plans
            .AsNoTracking()
            .Where(p => p.Code == planCode)
            .Select(p => new { p.Id, p.Code, p.Title })
            .SingleOrDefaultAsync(cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var tasks = await ReadAsync(db.Tasks.Where(t => t.PlanId == plan.Id && t.WithdrawnAt == null), cancellationToken);
        return new PlanOwnership(plan.Code, plan.Title, tasks);
    }

    /// <summary>One task with its owners, withdrawn or not; null when the plan has no such task.</summary>
    public async Task<TaskOwnership?> GetTaskAsync(string planCode, int number, CancellationToken cancellationToken = default) =>
        (await ReadAsync(db.Tasks.Where(t => t.Plan!.Code == planCode && t.Number == number), cancellationToken)).SingleOrDefault();

    /// <summary>Who owned the task in <paramref name="quarter"/> (its lead and co-departments then), e.g. to authorise a reporter on that quarter's report.</summary>
    public Task<List<OwnerSpan>> OwnersInAsync(int taskId, Quarter quarter, CancellationToken cancellationToken = default) =>
        TaskOwnerSpans.InAsync(db, quarter, taskIds: [taskId], cancellationToken: cancellationToken);

    /// <summary>One task's owners by id, e.g. to authorise a reporter on it.</summary>
    public async Task<TaskOwnership?> GetTaskAsync(int taskId, CancellationToken cancellationToken = default) =>
        (await ReadAsync(db.Tasks.Where(t => t.Id == taskId), cancellationToken)).SingleOrDefault();

    /// <summary>The tasks with their lead in one query and all their co-departments in a second.</summary>
    private async Task<IReadOnlyList<TaskOwnership>> ReadAsync(IQueryable<Core.Plans.PlanTask> tasks, CancellationToken cancellationToken)
    {
        var rows = await tasks
            .AsNoTracking()
            .OrderBy(t => t.Number)
            .Select(t => new
            {
                t.Id,
                PlanCode = t.Plan!.Code,
                t.Number,
                t.Title,
                SectionNumber = t.Section!.Number,
                SectionTitle = t.Section.Title,
                Withdrawn = t.WithdrawnAt != null,
                Lead = t.LeadDepartment == null
                    ? null
                    : new DepartmentReference(t.LeadDepartment.Id, t.LeadDepartment.Name, t.LeadDepartment.ShortName, t.LeadDepartment.IsActive),
                t.OwnershipVersion,
            })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.Id).ToList();
        var coDepartments = (await db.TaskCoDepartments
            .AsNoTracking()
            .Where(c => ids.Contains(c.TaskId))
            .Select(c => new { c.TaskId, Department = new DepartmentReference(c.Department!.Id, c.Department.Name, c.Department.ShortName, c.Department.IsActive) })
            .ToListAsync(cancellationToken))
            .ToLookup(c => c.TaskId, c => c.Department);

        return rows
            .Select(r => new TaskOwnership(
                r.Id,
                r.PlanCode,
                r.Number,
                r.Title,
                r.SectionNumber,
                r.SectionTitle,
                r.Withdrawn,
                r.Lead,
                coDepartments[r.Id].OrderBy(d => d.Name, StringComparer.Ordinal).ToList(),
                r.OwnershipVersion))
            .ToList();
    }
}
