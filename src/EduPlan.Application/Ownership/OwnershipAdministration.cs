using EduPlan.Application.Auditing;
using EduPlan.Application.Departments;
using EduPlan.Application.Progress;
using EduPlan.Application.Reporting;
using EduPlan.Core.Auditing;
using EduPlan.Core.Messages;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Ownership;

/// <summary>
/// Who owns each key task (任务分工): setting one task's owners, checked against
/// <see cref="Core.Plans.PlanTask.OwnershipVersion"/> and audited with before and after (reading them is
/// <see cref="OwnershipQueries"/>').
/// </summary>
public sealed class OwnershipAdministration(EduPlanDbContext db, AuditLog audit, OwnershipQueries queries, ReportingCalendar calendar)
{
    /// <summary>
    /// Sets one task's lead department and co-departments, as read at <paramref name="expectedVersion"/>. An unchanged
    /// choice writes nothing; a stale version is a conflict (the value is the task's owners now) and writes nothing.
    /// </summary>
    public async Task<Result<TaskOwnership>> SetOwnersAsync(string planCode, int number, OwnershipInput input, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var task = await db.Tasks
            .Include(t => t.CoDepartments)
            .Include(t => t.PastOwners)
            .AsSplitQuery()
            .SingleOrDefaultAsync(t => t.Plan!.Code == planCode && t.Number == number, cancellationToken);
        if (task is null)
        {
            return Result<TaskOwnership>.NotFound(new Message("Ownership_TaskNotFound", planCode, number));
        }

        if (task.WithdrawnAt is not null)
        {
            return Result<TaskOwnership>.Refused(new Message("Ownership_TaskWithdrawn"), await queries.GetTaskAsync(task.Id, cancellationToken));
        }

        if (task.OwnershipVersion != expectedVersion)
        {
            return await ConflictAsync(task.Id, cancellationToken);
        }

        var departments = (await DepartmentDirectory.LoadAsync(db, cancellationToken)).ById;
        var coDepartments = input.CoDepartmentIds.ToList();
        var errors = OwnershipRules.Check(task, input.LeadDepartmentId, coDepartments, departments);
        var (from, fromError) = await OwnershipRules.ResolveFromAsync(calendar, input.From, cancellationToken);
        if (fromError is not null)
        {
            errors.Add(fromError);
        }

        if (errors.Count > 0)
        {
            return Result<TaskOwnership>.Invalid(errors);
        }

        if (OwnershipRules.IsSame(task, input.LeadDepartmentId, coDepartments, from))
        {
            return Result<TaskOwnership>.Unchanged((await queries.GetTaskAsync(task.Id, cancellationToken))!);
        }

        var before = OwnershipRules.Snapshot(task, departments);
        OwnershipRules.Apply(task, input.LeadDepartmentId, coDepartments, from);
        var after = OwnershipRules.Snapshot(task, departments);
        audit.Add(AuditActions.OwnershipChanged, AuditOutcome.Success, AuditTarget.Task(task.Id, planCode, number),
            new { before = before.ForAudit(), after = after.ForAudit(), from = from.ToString() });
        try
        {
            // A new lead department changes whose reports the task's light is read from.
            await ProgressReadModel.SaveChangesAsync(db, [task.Id], cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(task.Id, cancellationToken);
        }

        return Result<TaskOwnership>.Saved((await queries.GetTaskAsync(task.Id, cancellationToken))!);
    }

    private async Task<Result<TaskOwnership>> ConflictAsync(int taskId, CancellationToken cancellationToken)
    {
        var current = await queries.GetTaskAsync(taskId, cancellationToken);
        return current is null
            ? Result<TaskOwnership>.NotFound()
            : Result<TaskOwnership>.Conflict(current, new Message("Ownership_Conflict", current.Owners));
    }
}
