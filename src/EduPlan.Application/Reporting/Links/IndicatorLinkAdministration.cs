using EduPlan.Application.Auditing;
using EduPlan.Core.Auditing;
using EduPlan.Core.Messages;
using EduPlan.Core.Plans;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Reporting.Links;

/// <summary>
/// 指标关联: which tasks report which indicators. The parser ties an indicator to the task whose text it was found in;
/// an administrator or coordinator links the goal indicators (教共体覆盖率…) to the tasks of the same plan that report
/// them. Each link and unlink is audited.
/// </summary>
public sealed class IndicatorLinkAdministration(EduPlanDbContext db, AuditLog audit, TimeProvider clock)
{
    /// <summary>The form field that names the task.</summary>
    public const string TaskField = "taskId";

    /// <summary>Every current indicator in plan order with the tasks that report it (two queries).</summary>
    public async Task<IReadOnlyList<IndicatorLinkRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        var indicators = await Current()
            .OrderBy(i => i.Plan!.SortOrder)
            .ThenBy(i => i.PlanId)
            .ThenBy(i => i.Id)
            .Select(i => new
            {
                i.Id,
                i.PlanId,
                PlanCode = i.Plan!.Code,
                PlanTitle = i.Plan.Title,
                i.Name,
                i.Comparator,
                i.Target,
                i.Unit,
                i.Year,
                i.SourceText,
                FoundIn = i.TaskId == null
                    ? null
                    : new IndicatorTaskReference(i.Task!.Id, i.Plan.Code, i.Task.Number, i.Task.Title, i.Task.WithdrawnAt != null),
            })
            .ToListAsync(cancellationToken);

        var links = (await db.IndicatorTaskLinks
            .AsNoTracking()
            .Select(l => new
            {
                l.IndicatorId,
                l.LinkedAt,
                l.LinkedByName,
                Task = new IndicatorTaskReference(l.Task!.Id, l.Task.Plan!.Code, l.Task.Number, l.Task.Title, l.Task.WithdrawnAt != null),
            })
            .ToListAsync(cancellationToken))
            .ToLookup(l => l.IndicatorId);

        return indicators
            .Select(i => new IndicatorLinkRow(
                i.Id,
                i.PlanId,
                i.PlanCode,
                i.PlanTitle,
                i.Name,
                i.Comparator,
                i.Target,
                i.Unit,
                i.Year,
                i.SourceText,
                i.FoundIn,
                links[i.Id]
                    .OrderBy(l => l.Task.Number)
                    .Select(l => new LinkedIndicatorTask(l.Task, l.LinkedAt, l.LinkedByName))
                    .ToList()))
            .ToList();
    }

    /// <summary>The current tasks of every plan that can be linked, by plan id, in task order (one query).</summary>
    public async Task<ILookup<int, IndicatorTaskReference>> ListTaskChoicesAsync(CancellationToken cancellationToken = default) =>
        (await db.Tasks
            .AsNoTracking()
            .Where(t => t.WithdrawnAt == null)
            .OrderBy(t => t.Number)
            .Select(t => new { t.PlanId, Task = new IndicatorTaskReference(t.Id, t.Plan!.Code, t.Number, t.Title, false) })
            .ToListAsync(cancellationToken))
            .ToLookup(t => t.PlanId, t => t.Task);

    /// <summary>States that <paramref name="taskId"/> reports the indicator; the task must be a current one of the same plan.</summary>
    public async Task<Result<IndicatorLink>> LinkAsync(int indicatorId, int taskId, CancellationToken cancellationToken = default)
    {
        var indicator = await FindIndicatorAsync(indicatorId, cancellationToken);
        if (indicator is null)
        {
            return NotFound(indicatorId);
        }

        var task = await db.Tasks
            .AsNoTracking()
            .Where(t => t.Id == taskId)
            .Select(t => new { t.PlanId, Reference = new IndicatorTaskReference(t.Id, t.Plan!.Code, t.Number, t.Title, t.WithdrawnAt != null) })
            .SingleOrDefaultAsync(cancellationToken);
        if (task is null || task.PlanId != indicator.PlanId)
        {
            return Invalid(indicator.Name, task?.Reference, new Message("Link_ChooseTaskOfPlan", indicator.PlanTitle.Trim('《', '》')));
        }

        if (task.Reference.IsWithdrawn)
        {
            return Invalid(indicator.Name, task.Reference, new Message("Link_TaskWithdrawn", task.Reference.Label));
        }

        if (indicator.TaskId == taskId)
        {
            return Refused(indicator.Name, task.Reference, new Message("Link_FoundInTask", indicator.Name, task.Reference.Label));
        }

        if (await db.IndicatorTaskLinks.AnyAsync(l => l.IndicatorId == indicatorId && l.TaskId == taskId, cancellationToken))
        {
            return AlreadyLinked(indicator.Name, task.Reference);
        }

        db.IndicatorTaskLinks.Add(new IndicatorTaskLink
        {
            IndicatorId = indicatorId,
            TaskId = taskId,
            LinkedAt = clock.GetUtcNow().UtcDateTime,
            LinkedByName = audit.Actor.UserName,
        });
        audit.Add(AuditActions.IndicatorLinked, AuditOutcome.Success, AuditTarget.Indicator(indicatorId, indicator.PlanCode, indicator.Name),
            new { task = Describe(task.Reference) });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone linked the same pair a moment earlier: the outcome they wanted is there.
            db.ChangeTracker.Clear();
            if (await db.IndicatorTaskLinks.AnyAsync(l => l.IndicatorId == indicatorId && l.TaskId == taskId, cancellationToken))
            {
                return AlreadyLinked(indicator.Name, task.Reference);
            }

            throw;
        }

        return Result<IndicatorLink>.Saved(new IndicatorLink(indicator.Name, task.Reference));
    }

    /// <summary>Removes a link an administrator or coordinator made; the task the indicator was found in cannot be removed.</summary>
    public async Task<Result<IndicatorLink>> UnlinkAsync(int indicatorId, int taskId, CancellationToken cancellationToken = default)
    {
        var indicator = await FindIndicatorAsync(indicatorId, cancellationToken);
        if (indicator is null)
        {
            return NotFound(indicatorId);
        }

        if (indicator.TaskId == taskId)
        {
            var foundIn = await db.Tasks.AsNoTracking()
                .Where(t => t.Id == taskId)
                .Select(t => new IndicatorTaskReference(t.Id, t.Plan!.Code, t.Number, t.Title, t.WithdrawnAt != null))
                .SingleAsync(cancellationToken);
            return Invalid(indicator.Name, foundIn, new Message("Link_CannotUnlinkFoundIn", indicator.Name, foundIn.Label));
        }

        var link = await db.IndicatorTaskLinks
            .Include(l => l.Task)
            .SingleOrDefaultAsync(l => l.IndicatorId == indicatorId && l.TaskId == taskId, cancellationToken);
        if (link is null)
        {
            return Result<IndicatorLink>.NotFound(new Message("Link_NotLinked", indicator.Name)) with { Value = new IndicatorLink(indicator.Name, null) };
        }

        var reference = new IndicatorTaskReference(link.TaskId, indicator.PlanCode, link.Task!.Number, link.Task.Title, link.Task.WithdrawnAt != null);
        db.IndicatorTaskLinks.Remove(link);
        audit.Add(AuditActions.IndicatorUnlinked, AuditOutcome.Success, AuditTarget.Indicator(indicatorId, indicator.PlanCode, indicator.Name),
            new { task = Describe(reference), linkedBy = link.LinkedByName });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Removed by someone else meanwhile: it is gone either way, and their removal is the one audited.
            db.ChangeTracker.Clear();
            return Result<IndicatorLink>.NotFound(new Message("Link_UnlinkedMeanwhile", indicator.Name, reference.Label))
                with
            { Value = new IndicatorLink(indicator.Name, reference) };
        }

        return Result<IndicatorLink>.Saved(new IndicatorLink(indicator.Name, reference));
    }

    /// <summary>
    /// Indicators on the page: not withdrawn, and not read from a task that has left the document
    /// (the targets page leaves those out too).
    /// </summary>
    private IQueryable<Indicator> Current() =>
        db.Indicators.AsNoTracking().Where(i => i.WithdrawnAt == null && (i.TaskId == null || i.Task!.WithdrawnAt == null));

    private Task<IndicatorFacts?> FindIndicatorAsync(int indicatorId, CancellationToken cancellationToken) =>
        Current()
            .Where(i => i.Id == indicatorId)
            .Select(i => new IndicatorFacts(i.Id, i.PlanId, i.Plan!.Code, i.Plan.Title, i.Name, i.TaskId))
            .SingleOrDefaultAsync(cancellationToken);

    private static string Describe(IndicatorTaskReference task) => $"{task.PlanCode}#{task.Number} {task.Label}";

    /// <summary>No such current indicator: the value is null (a link that is missing has the indicator's name).</summary>
    private static Result<IndicatorLink> NotFound(int indicatorId) => Result<IndicatorLink>.NotFound(new Message("Link_IndicatorNotFound", indicatorId));

    private static Result<IndicatorLink> AlreadyLinked(string indicator, IndicatorTaskReference task) =>
        Refused(indicator, task, new Message("Link_AlreadyLinked", task.Label, indicator));

    private static Result<IndicatorLink> Refused(string indicator, IndicatorTaskReference? task, Message reason) =>
        Result<IndicatorLink>.Refused(reason, new IndicatorLink(indicator, task));

    private static Result<IndicatorLink> Invalid(string indicator, IndicatorTaskReference? task, Message message) =>
        Result<IndicatorLink>.Invalid(new FieldError(TaskField, message), new IndicatorLink(indicator, task));

    private sealed record IndicatorFacts(int Id, int PlanId, string PlanCode, string PlanTitle, string Name, int? TaskId);
}
