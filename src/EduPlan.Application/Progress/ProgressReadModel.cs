using EduPlan.Application.Ownership;
using EduPlan.Core.Organisation;
using EduPlan.Core.Progress;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Progress;

/// <summary>
/// Keeps the progress read model (ADR 15: <see cref="TaskQuarterProgress"/>, <see cref="IndicatorQuarterValue"/>,
/// <see cref="ReportSubmission"/>) equal to what the reports say, in the same transaction as the change: a use case
/// that submits, approves, returns or reopens a report, or changes a task's lead, saves through
/// <see cref="SaveChangesAsync"/> instead of <c>db.SaveChangesAsync</c> (as <see cref="Reporting.ReportRevisions"/> is the one
/// way a report's history grows). <see cref="RebuildAsync"/> recomputes it all.
/// </summary>
/// <remarks>
/// A task's rows are recomputed whole from its reports (at most 44 quarters × its departments), so a refresh is
/// obviously the same computation as a rebuild; the property test holds them to that. Before anything is written the
/// transaction touches the row of each plan concerned (a no-op update): on a server database two transactions
/// refreshing the same plan's tasks or indicators then wait for each other, instead of both writing what they read
/// before the other committed, and always in the same order, so they cannot deadlock. SQLite serialises writers anyway.
/// </remarks>
public static class ProgressReadModel
{
    private static readonly Quarter[] Quarters = [.. Quarter.Range(Quarter.First, Quarter.Last)];

    /// <summary>
    /// Saves the context's pending changes, then refreshes the read model of <paramref name="taskIds"/> (and of the
    /// indicators their reports give values for), all in one transaction: the caller's own when one is open (it
    /// commits), otherwise a new one committed here. An exception from the first save leaves everything unwritten.
    /// </summary>
    public static async Task SaveChangesAsync(EduPlanDbContext db, IReadOnlyCollection<int> taskIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(taskIds);
        var ids = taskIds.Distinct().Order().ToList();
        var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (transaction)
        {
            await LockAsync(db, ids, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await RefreshAsync(db, ids, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// Takes the lock <see cref="SaveChangesAsync"/> takes (the plans' rows) inside the caller's open transaction; a use
    /// case that saves more than once in its transaction calls it before its first save, so that every transaction
    /// locks the plan before it locks any report.
    /// </summary>
    public static async Task LockAsync(EduPlanDbContext db, IReadOnlyCollection<int> taskIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(taskIds);
        var planIds = await db.Tasks.Where(t => taskIds.Contains(t.Id)).Select(t => t.PlanId).Distinct().OrderBy(p => p).ToListAsync(cancellationToken);
        foreach (var planId in planIds)
        {
            await db.Plans.Where(p => p.Id == planId).ExecuteUpdateAsync(s => s.SetProperty(p => p.SortOrder, p => p.SortOrder), cancellationToken);
        }
    }

    /// <summary>Stages the refresh of these tasks' rows (and their indicators') in the context, for the caller's SaveChanges.</summary>
    private static async Task RefreshAsync(EduPlanDbContext db, List<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var reports = await ReadReportsAsync(db, db.ProgressReports.Where(r => ids.Contains(r.TaskId)), ids, cancellationToken);
        Replace(
            db,
            await db.TaskQuarterProgress.Where(p => ids.Contains(p.TaskId)).ToListAsync(cancellationToken),
            TaskRows(reports),
            p => (p.TaskId, p.Year, p.QuarterNumber),
            (stored, wanted) => stored.ReportedThisQuarter == wanted.ReportedThisQuarter && stored.Approved.SameAs(wanted.Approved) && stored.Submitted.SameAs(wanted.Submitted),
            (stored, wanted) =>
            {
                stored.ReportedThisQuarter = wanted.ReportedThisQuarter;
                stored.Approved = wanted.Approved;
                stored.Submitted = wanted.Submitted;
            });
        Replace(
            db,
            await db.ReportSubmissions.Where(s => ids.Contains(s.TaskId)).ToListAsync(cancellationToken),
            Submissions(reports),
            s => s.ReportId,
            (stored, wanted) => stored.FirstSubmittedAt == wanted.FirstSubmittedAt,
            (stored, wanted) => stored.FirstSubmittedAt = wanted.FirstSubmittedAt);

        var indicatorIds = await db.ReportIndicatorValues
            .Where(v => ids.Contains(v.Report!.TaskId))
            .Select(v => v.IndicatorId)
            .Distinct()
            .ToListAsync(cancellationToken);
        if (indicatorIds.Count == 0)
        {
            return;
        }

        var values = await ReadValuesAsync(db, db.ReportIndicatorValues.Where(v => indicatorIds.Contains(v.IndicatorId)), cancellationToken);
        Replace(
            db,
            await db.IndicatorQuarterValues.Where(v => indicatorIds.Contains(v.IndicatorId)).ToListAsync(cancellationToken),
            IndicatorRows(values),
            v => (v.IndicatorId, v.Year, v.QuarterNumber),
            (stored, wanted) => stored.Approved.SameAs(wanted.Approved) && stored.Submitted.SameAs(wanted.Submitted),
            (stored, wanted) =>
            {
                stored.Approved = wanted.Approved;
                stored.Submitted = wanted.Submitted;
            });
    }

    /// <summary>Recomputes the whole read model from the reports, in one transaction; returns how many rows it holds.</summary>
    public static async Task<ReadModelSize> RebuildAsync(EduPlanDbContext db, CancellationToken cancellationToken = default)
    {
        var contents = await ComputeAsync(db, cancellationToken);
        var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (transaction)
        {
            await db.TaskQuarterProgress.ExecuteDeleteAsync(cancellationToken);
            await db.IndicatorQuarterValues.ExecuteDeleteAsync(cancellationToken);
            await db.ReportSubmissions.ExecuteDeleteAsync(cancellationToken);
            var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            try
            {
                db.TaskQuarterProgress.AddRange(contents.Tasks);
                db.IndicatorQuarterValues.AddRange(contents.Indicators);
                db.ReportSubmissions.AddRange(contents.Submissions);
                await db.SaveChangesAsync(cancellationToken);
            }
            finally
            {
                db.ChangeTracker.Clear();
                db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }

        return new ReadModelSize(contents.Tasks.Count, contents.Indicators.Count, contents.Submissions.Count);
    }

    /// <summary>The read model as a rebuild would write it, computed from the reports without writing anything.</summary>
    public static async Task<ReadModelContents> ComputeAsync(EduPlanDbContext db, CancellationToken cancellationToken = default)
    {
        var reports = await ReadReportsAsync(db, db.ProgressReports, null, cancellationToken);
        var values = await ReadValuesAsync(db, db.ReportIndicatorValues, cancellationToken);
        return new ReadModelContents(TaskRows(reports).ToList(), IndicatorRows(values).ToList(), Submissions(reports).ToList());
    }

    /// <summary>The read model as stored, ordered like <see cref="ComputeAsync"/>'s (to compare the two).</summary>
    public static async Task<ReadModelContents> ReadAsync(EduPlanDbContext db, CancellationToken cancellationToken = default) => new(
        await db.TaskQuarterProgress.AsNoTracking().OrderBy(p => p.TaskId).ThenBy(p => p.Year).ThenBy(p => p.QuarterNumber).ToListAsync(cancellationToken),
        await db.IndicatorQuarterValues.AsNoTracking().OrderBy(v => v.IndicatorId).ThenBy(v => v.Year).ThenBy(v => v.QuarterNumber).ToListAsync(cancellationToken),
        await db.ReportSubmissions.AsNoTracking().OrderBy(s => s.ReportId).ToListAsync(cancellationToken));

    // A task's light is read from its lead department's reports: the lead of each report's quarter, not today's.
    private static async Task<List<ReportRow>> ReadReportsAsync(EduPlanDbContext db, IQueryable<ProgressReport> reports, IReadOnlyCollection<int>? taskIds, CancellationToken cancellationToken)
    {
        var rows = await ReportRows(reports).ToListAsync(cancellationToken);
        var owners = (await TaskOwnerSpans.LoadAsync(db, taskIds: taskIds, cancellationToken: cancellationToken)).ToLookup(s => s.TaskId);
        return rows.Select(r => r with { IsLead = TaskOwners.PartIn(owners[r.TaskId], r.DepartmentId, new Quarter(r.Year, r.QuarterNumber)) == TaskPart.Lead }).ToList();
    }

    private static async Task<List<ValueRow>> ReadValuesAsync(EduPlanDbContext db, IQueryable<Core.Reporting.ReportIndicatorValue> values, CancellationToken cancellationToken)
    {
        var rows = await ValueRows(values).ToListAsync(cancellationToken);
        var taskIds = rows.Select(v => v.TaskId).Distinct().ToList();
        var owners = (await TaskOwnerSpans.LoadAsync(db, taskIds: taskIds, cancellationToken: cancellationToken)).ToLookup(s => s.TaskId);
        return rows.Select(v => v with { IsLead = TaskOwners.PartIn(owners[v.TaskId], v.DepartmentId, new Quarter(v.Year, v.QuarterNumber)) == TaskPart.Lead }).ToList();
    }

    private static IQueryable<ReportRow> ReportRows(IQueryable<ProgressReport> reports) => reports
        .AsNoTracking()
        .Select(r => new ReportRow(
            r.Id,
            r.TaskId,
            r.DepartmentId,
            r.Year,
            r.QuarterNumber,
            r.State,
            r.Percent,
            r.Status,
            r.Evidence.Any(),
            false,
            r.Revisions.Where(v => v.Action == ReportAction.Submitted).Min(v => (DateTime?)v.At)));

    private static IQueryable<ValueRow> ValueRows(IQueryable<Core.Reporting.ReportIndicatorValue> values) => values
        .AsNoTracking()
        .Where(v => v.Report!.State == ReportState.Approved || v.Report.State == ReportState.Submitted)
        .Select(v => new ValueRow(
            v.Report!.TaskId,
            v.IndicatorId,
            v.Value,
            v.ReportId,
            v.Report!.DepartmentId,
            v.Report.Year,
            v.Report.QuarterNumber,
            v.Report.State,
            false,
            v.Report.SubmittedAt,
            v.Report.ApprovedAt));

    /// <summary>Each task's 44 rows, for tasks whose lead department has submitted anything.</summary>
    private static IEnumerable<TaskQuarterProgress> TaskRows(IEnumerable<ReportRow> reports)
    {
        foreach (var task in reports.Where(r => r.IsLead && Quarters.Contains(new Quarter(r.Year, r.QuarterNumber))).GroupBy(r => r.TaskId).OrderBy(g => g.Key))
        {
            var byQuarter = task.ToDictionary(r => new Quarter(r.Year, r.QuarterNumber));
            if (!task.Any(r => r.FirstSubmittedAt is not null || r.State is ReportState.Submitted or ReportState.Approved))
            {
                continue;
            }

            ReportRow? approved = null, submitted = null;
            foreach (var quarter in Quarters)
            {
                var own = byQuarter.GetValueOrDefault(quarter);
                if (own?.State == ReportState.Approved)
                {
                    approved = own;
                }

                if (own?.State is ReportState.Approved or ReportState.Submitted)
                {
                    submitted = own;
                }

                yield return new TaskQuarterProgress
                {
                    TaskId = task.Key,
                    Year = quarter.Year,
                    QuarterNumber = quarter.Number,
                    ReportedThisQuarter = own?.FirstSubmittedAt is not null || own?.State is ReportState.Submitted or ReportState.Approved,
                    Approved = Facts(approved),
                    Submitted = Facts(submitted),
                };
            }
        }
    }

    private static ReportFacts Facts(ReportRow? report) => report is null
        ? new ReportFacts()
        : new ReportFacts
        {
            ReportId = report.Id,
            Year = report.Year,
            QuarterNumber = report.QuarterNumber,
            Percent = report.Percent,
            Status = report.Status,
            HasEvidence = report.HasEvidence,
        };

    private static IEnumerable<ReportSubmission> Submissions(IEnumerable<ReportRow> reports) => reports
        .Where(r => r.FirstSubmittedAt is not null)
        .OrderBy(r => r.Id)
        .Select(r => new ReportSubmission
        {
            ReportId = r.Id,
            TaskId = r.TaskId,
            DepartmentId = r.DepartmentId,
            Year = r.Year,
            QuarterNumber = r.QuarterNumber,
            FirstSubmittedAt = r.FirstSubmittedAt!.Value,
        });

    /// <summary>
    /// Each indicator's 44 rows: per quarter the value the pages show (the lead department's report first, else the one
    /// approved — or submitted — last), carried forward to later quarters until a newer one comes.
    /// </summary>
    private static IEnumerable<IndicatorQuarterValue> IndicatorRows(IEnumerable<ValueRow> values)
    {
        foreach (var indicator in values.GroupBy(v => v.IndicatorId).OrderBy(g => g.Key))
        {
            var byQuarter = indicator.ToLookup(v => new Quarter(v.Year, v.QuarterNumber));
            ValueFacts approved = new(), submitted = new();
            foreach (var quarter in Quarters)
            {
                var here = byQuarter[quarter].ToList();
                var bestApproved = here.Where(v => v.State == ReportState.Approved)
                    .OrderByDescending(v => v.IsLead).ThenByDescending(v => v.ApprovedAt).ThenByDescending(v => v.ReportId).FirstOrDefault();
                var bestSubmitted = here
                    .OrderByDescending(v => v.IsLead).ThenByDescending(v => v.SubmittedAt).ThenByDescending(v => v.ReportId).FirstOrDefault();
                approved = bestApproved is null ? approved : Facts(bestApproved);
                submitted = bestSubmitted is null ? submitted : Facts(bestSubmitted);
                yield return new IndicatorQuarterValue
                {
                    IndicatorId = indicator.Key,
                    Year = quarter.Year,
                    QuarterNumber = quarter.Number,
                    Approved = Copy(approved),
                    Submitted = Copy(submitted),
                };
            }
        }
    }

    private static ValueFacts Facts(ValueRow value) => new()
    {
        Value = value.Value,
        Year = value.Year,
        QuarterNumber = value.QuarterNumber,
        ReportId = value.ReportId,
        DepartmentId = value.DepartmentId,
    };

    private static ValueFacts Copy(ValueFacts facts) => new()
    {
        Value = facts.Value,
        Year = facts.Year,
        QuarterNumber = facts.QuarterNumber,
        ReportId = facts.ReportId,
        DepartmentId = facts.DepartmentId,
    };

    /// <summary>Makes the tracked <paramref name="stored"/> rows equal <paramref name="wanted"/>: updates, adds and removes only what differs.</summary>
    private static void Replace<TRow, TKey>(
        EduPlanDbContext db,
        List<TRow> stored, IEnumerable<TRow> wanted, Func<TRow, TKey> key, Func<TRow, TRow, bool> same, Action<TRow, TRow> copy)
        where TRow : class
        where TKey : notnull
    {
        var existing = stored.ToDictionary(key);
        foreach (var row in wanted)
        {
            if (existing.Remove(key(row), out var current))
            {
                if (!same(current, row))
                {
                    copy(current, row);
                }
            }
            else
            {
                db.Add(row);
            }
        }

        db.RemoveRange(existing.Values);
    }

    private sealed record ReportRow(
        int Id, int TaskId, int DepartmentId, int Year, int QuarterNumber, ReportState State, int Percent, ReportStatus Status,
        bool HasEvidence, bool IsLead, DateTime? FirstSubmittedAt);

    private sealed record ValueRow(
        int TaskId,
        int IndicatorId, decimal Value, int ReportId, int DepartmentId, int Year, int QuarterNumber, ReportState State,
        bool IsLead, DateTime? SubmittedAt, DateTime? ApprovedAt);
}

/// <summary>The read model's rows, as stored or as computed from the reports.</summary>
public sealed record ReadModelContents(
    IReadOnlyList<TaskQuarterProgress> Tasks,
    IReadOnlyList<IndicatorQuarterValue> Indicators,
    IReadOnlyList<ReportSubmission> Submissions);

/// <summary>How many rows the read model holds after a rebuild.</summary>
public sealed record ReadModelSize(int TaskQuarters, int IndicatorQuarters, int Submissions);
