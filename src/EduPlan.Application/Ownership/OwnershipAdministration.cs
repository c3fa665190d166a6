using EduPlan.Application.Auditing;
using EduPlan.Application.Departments;
using EduPlan.Core.Auditing;
using EduPlan.Core.Messages;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Ownership;

/// <summary>
/// Who owns each key task (任务分工): reading a plan's tasks with their lead and co-departments and setting one task's
/// owners, checked against <see cref="Core.Plans.PlanTask.OwnershipVersion"/> and audited with before and after.
/// </summary>
public sealed class OwnershipAdministration(EduPlanDbContext db, AuditLog audit)
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

    /// <summary>One task's owners by id, e.g. to authorise a reporter on it.</summary>
    public async Task<TaskOwnership?> GetTaskAsync(int taskId, CancellationToken cancellationToken = default) =>
        (await ReadAsync(db.Tasks.Where(t => t.Id == taskId), cancellationToken)).SingleOrDefault();

    /// <summary>
    /// Sets one task's lead department and co-departments, as read at <paramref name="expectedVersion"/>. An unchanged
    /// choice writes nothing; a stale version is a conflict (the value is the task's owners now) and writes nothing.
    /// </summary>
    public async Task<Result<TaskOwnership>> SetOwnersAsync(string planCode, int number, OwnershipInput input, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var task = await db.Tasks
            .Include(t => t.CoDepartments)
            .SingleOrDefaultAsync(t => t.Plan!.Code == planCode && t.Number == number, cancellationToken);
        if (task is null)
        {
            return Result<TaskOwnership>.NotFound(new Message("Ownership_TaskNotFound", planCode, number));
        }

        if (task.WithdrawnAt is not null)
        {
            return Result<TaskOwnership>.Refused(new Message("Ownership_TaskWithdrawn"), await GetTaskAsync(task.Id, cancellationToken));
        }

        if (task.OwnershipVersion != expectedVersion)
        {
            return await ConflictAsync(task.Id, cancellationToken);
        }

        var departments = (await DepartmentDirectory.LoadAsync(db, cancellationToken)).ById;
        var coDepartments = input.CoDepartmentIds.ToList();
        var errors = OwnershipRules.Check(task, input.LeadDepartmentId, coDepartments, departments);
        if (errors.Count > 0)
        {
            return Result<TaskOwnership>.Invalid(errors);
        }

        if (OwnershipRules.IsSame(task, input.LeadDepartmentId, coDepartments))
        {
            return Result<TaskOwnership>.Unchanged((await GetTaskAsync(task.Id, cancellationToken))!);
        }

        var before = OwnershipRules.Snapshot(task, departments);
        OwnershipRules.Apply(task, input.LeadDepartmentId, coDepartments);
        var after = OwnershipRules.Snapshot(task, departments);
        audit.Add(AuditActions.OwnershipChanged, AuditOutcome.Success, AuditTarget.Task(task.Id, planCode, number),
            new { before = before.ForAudit(), after = after.ForAudit() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(task.Id, cancellationToken);
        }

        return Result<TaskOwnership>.Saved((await GetTaskAsync(task.Id, cancellationToken))!);
    }

    private async Task<Result<TaskOwnership>> ConflictAsync(int taskId, CancellationToken cancellationToken)
    {
        var current = await GetTaskAsync(taskId, cancellationToken);
        return current is null
            ? Result<TaskOwnership>.NotFound()
            : Result<TaskOwnership>.Conflict(current, new Message("Ownership_Conflict", current.Owners));
    }

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
