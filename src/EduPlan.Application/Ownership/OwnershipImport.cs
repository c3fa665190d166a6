using EduPlan.Application.Auditing;
using EduPlan.Application.Departments;
using EduPlan.Application.Progress;
using EduPlan.Application.Reporting;
using EduPlan.Core.Auditing;
using EduPlan.Core.Messages;
using EduPlan.Core.Ownership;
using EduPlan.Core.Plans;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Ownership;

/// <summary>
/// Sets the owners of many tasks from a CSV file (see <see cref="OwnershipCsv"/>), all or nothing: every row is checked
/// against the database first, and either all are applied in one transaction with one OwnershipImported audit entry (and
/// an OwnershipChanged entry per changed task), or nothing is written and every bad row is named as "file:line: reason".
/// </summary>
public sealed class OwnershipImport(EduPlanDbContext db, AuditLog audit, ReportingCalendar calendar)
{
    /// <summary>Reads and imports the file at <paramref name="path"/>; errors name the path as given.</summary>
    public async Task<OwnershipImportResult> ImportFileAsync(string path, bool dryRun = false, Quarter? from = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var content = await File.ReadAllBytesAsync(path, cancellationToken);
        return await ImportAsync(content, path, dryRun, from, cancellationToken);
    }

    /// <summary>Imports a file's bytes (UTF-8 with or without BOM, or GB18030); <paramref name="sourceName"/> names it in errors.</summary>
    public Task<OwnershipImportResult> ImportAsync(ReadOnlyMemory<byte> content, string sourceName, bool dryRun = false, Quarter? from = null, CancellationToken cancellationToken = default) =>
        ImportAsync(OwnershipCsv.Parse(content.Span, sourceName), dryRun, from, cancellationToken);

    /// <summary>
    /// Checks every row and, unless <paramref name="dryRun"/> or a row is bad, applies them all. Rows that would change
    /// nothing are listed as unchanged. A dry run reports what would change and writes nothing. The owners take effect
    /// from <paramref name="from"/> (default: the open quarter); earlier quarters keep the owners they had.
    /// </summary>
    public async Task<OwnershipImportResult> ImportAsync(OwnershipCsvDocument document, bool dryRun = false, Quarter? from = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var source = document.SourceName;
        var errors = new List<OwnershipCsvError>(document.Errors);
        void Error(int line, Message reason) => errors.Add(new OwnershipCsvError(source, line, reason));
        var (effective, fromError) = await OwnershipRules.ResolveFromAsync(calendar, from, cancellationToken);
        if (fromError is not null)
        {
            // Not a row's fault: the whole file would rewrite closed quarters.
            return new OwnershipImportResult(source, [new OwnershipCsvError(source, 0, fromError.Message)], [], [], Applied: false) { From = effective };
        }

        var plans = await db.Plans.AsNoTracking().Select(p => new { p.Id, p.Code, p.Title }).ToListAsync(cancellationToken);
        var directory = await DepartmentDirectory.LoadAsync(db, cancellationToken);

        // Resolve each row's plan first, so the tasks of every plan named can be loaded in one query.
        var rows = new List<(OwnershipCsvRow Row, int PlanId, string PlanCode)>();
        foreach (var row in document.Rows)
        {
            var key = row.Plan.Trim().Trim('《', '》');
            var plan = plans.FirstOrDefault(p => string.Equals(p.Code, key, StringComparison.OrdinalIgnoreCase))
                ?? plans.FirstOrDefault(p => p.Title == key);
            if (plan is null)
            {
                Error(row.Line, new Message("OwnershipImport_PlanNotFound", row.Plan, MessageList.Of(plans.Select(p => p.Code))));
                continue;
            }

            rows.Add((row, plan.Id, plan.Code));
        }

        var planIds = rows.Select(r => r.PlanId).Distinct().ToList();
        // Tracked, with co-departments: these are the entities the import changes, and their versions guard the save.
        var tasks = (await db.Tasks
            .Include(t => t.CoDepartments)
            .Include(t => t.PastOwners)
            .AsSplitQuery()
            .Where(t => planIds.Contains(t.PlanId))
            .ToListAsync(cancellationToken))
            .ToDictionary(t => (t.PlanId, t.Number));
        var taskCounts = tasks.Values.Where(t => t.WithdrawnAt == null).GroupBy(t => t.PlanId).ToDictionary(g => g.Key, g => g.Count());

        var firstLineOfTask = new Dictionary<int, int>();
        var changes = new List<(ImportedOwnership Change, PlanTask Task, int? Lead, List<int> CoDepartments)>();
        var unchanged = new List<ImportedOwnership>();
        foreach (var (row, planId, planCode) in rows)
        {
            if (!tasks.TryGetValue((planId, row.TaskNumber), out var task))
            {
                Error(row.Line, new Message("OwnershipImport_TaskNotFound", planCode, row.TaskNumber, taskCounts.GetValueOrDefault(planId)));
                continue;
            }

            if (task.WithdrawnAt is not null)
            {
                Error(row.Line, new Message("OwnershipImport_TaskWithdrawn", planCode, row.TaskNumber));
                continue;
            }

            if (firstLineOfTask.TryGetValue(task.Id, out var firstLine))
            {
                Error(row.Line, new Message("OwnershipImport_TaskTwice", planCode, row.TaskNumber, firstLine));
                continue;
            }

            firstLineOfTask[task.Id] = row.Line;

            var resolved = true;
            int? lead = null;
            if (row.Lead is not null)
            {
                lead = Resolve(row.Lead, "OwnershipImport_LeadNotFound");
            }

            var coDepartments = new List<int>();
            foreach (var name in row.CoDepartments)
            {
                if (Resolve(name, "OwnershipImport_CoNotFound") is { } id)
                {
                    coDepartments.Add(id);
                }
            }

            if (!resolved)
            {
                continue;
            }

            var ruleErrors = OwnershipRules.Check(task, lead, coDepartments, directory.ById);
            foreach (var error in ruleErrors)
            {
                Error(row.Line, error.Message);
            }

            if (ruleErrors.Count > 0)
            {
                continue;
            }

            var before = OwnershipRules.Snapshot(task, directory.ById);
            var after = OwnershipRules.Snapshot(lead, coDepartments, directory.ById);
            var change = new ImportedOwnership(row.Line, planCode, task.Number, task.Title, before, after);
            if (OwnershipRules.IsSame(task, lead, coDepartments, effective))
            {
                unchanged.Add(change);
            }
            else
            {
                changes.Add((change, task, lead, coDepartments));
            }

            int? Resolve(string name, string notFoundKey)
            {
                var department = directory.Find(name);
                if (department is null)
                {
                    Error(row.Line, new Message(notFoundKey, name));
                    resolved = false;
                }

                return department?.Id;
            }
        }

        var changed = changes.Select(c => c.Change).ToList();
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return new OwnershipImportResult(source, errors.OrderBy(e => e.Line).ToList(), [], [], Applied: false) { From = effective };
        }

        if (dryRun)
        {
            db.ChangeTracker.Clear();
            return new OwnershipImportResult(source, [], changed, unchanged, Applied: false) { From = effective };
        }

        foreach (var (change, task, lead, coDepartments) in changes)
        {
            OwnershipRules.Apply(task, lead, coDepartments, effective);
            audit.Add(AuditActions.OwnershipChanged, AuditOutcome.Success, AuditTarget.Task(task.Id, change.PlanCode, change.TaskNumber),
                new { before = change.Before.ForAudit(), after = change.After.ForAudit(), from = effective.ToString(), file = source, line = change.Line });
        }

        audit.Add(AuditActions.OwnershipImported, AuditOutcome.Success, null, new
        {
            file = source,
            rows = document.Rows.Count,
            from = effective.ToString(),
            changed = changed.Select(c => $"{c.PlanCode}#{c.TaskNumber}").ToList(),
            unchanged = unchanged.Count,
        });

        try
        {
            // One transaction: every task, every audit entry and the leaders' figures of the tasks, or none.
            await ProgressReadModel.SaveChangesAsync(db, changes.Select(c => c.Task.Id).ToList(), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new OwnershipImportResult(source,
                [new OwnershipCsvError(source, 0, new Message("OwnershipImport_Conflict"))], [], [], Applied: false);
        }

        return new OwnershipImportResult(source, [], changed, unchanged, Applied: true) { From = effective };
    }
}
