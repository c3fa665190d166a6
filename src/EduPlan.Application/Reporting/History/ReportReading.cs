using EduPlan.Application.Ownership;
using EduPlan.Application.Users;
using EduPlan.Core.Messages;
using EduPlan.Core.Organisation;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Reporting.History;

/// <summary>
/// Reading reports as a given viewer (<see cref="ReportVisibility"/> decides): one report with its history, two of its
/// versions compared, and a task's quarterly timeline. (The coordinators' queue is Review/ReviewQueueQuery's.)
/// </summary>
public sealed class ReportReading(EduPlanDbContext db)
{
    /// <summary>Characters of progress shown in lists before "…".</summary>
    public const int ExcerptLength = 120;

    /// <summary>The sentence on the 403 page for a report that is not approved and not the viewer's department's.</summary>
    public static Message NotYetApproved { get; } = new("Reading_NotYetApproved");

    /// <summary>The sentence for a version a viewer may not compare (a draft or a submission of another department).</summary>
    public static Message VersionNotVisible { get; } = new("Reading_VersionNotVisible");

    /// <summary>One report with its indicator values, evidence (without bytes) and history, or why the viewer may not read it.</summary>
    public async Task<Result<ReportDetails>> GetReportAsync(int reportId, ReportViewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var header = await HeaderAsync(reportId, cancellationToken);
        if (header is null)
        {
            return NotFound<ReportDetails>();
        }

        if (!ReportVisibility.CanRead(viewer, header.State, header.DepartmentId))
        {
            return Result<ReportDetails>.Forbidden(NotYetApproved);
        }

        var body = await db.ProgressReports
            .AsNoTracking()
            .Where(r => r.Id == reportId)
            .Select(r => new
            {
                r.Status,
                r.Percent,
                r.Progress,
                r.Problems,
                r.NextSteps,
                r.PercentDropExplanation,
                r.ReviewComment,
                r.ReviewField,
                r.CreatedAt,
                r.UpdatedAt,
                r.UpdatedByName,
                r.SubmittedAt,
                r.ApprovedAt,
                r.ApprovedByName,
            })
            .SingleAsync(cancellationToken);
        var values = await db.ReportIndicatorValues
            .AsNoTracking()
            .Where(v => v.ReportId == reportId)
            .OrderBy(v => v.IndicatorId)
            .Select(v => new ReportValueView(v.IndicatorId, v.Indicator!.Name, v.Indicator.Unit, v.Value, v.Note))
            .ToListAsync(cancellationToken);
        var evidence = await db.ReportEvidence
            .AsNoTracking()
            .Where(e => e.ReportId == reportId)
            .OrderBy(e => e.Id)
            .Select(e => new ReportEvidenceView(e.Id, e.Kind, e.Title, e.Url, e.ContentType, e.Length, e.AddedAt, e.AddedByName))
            .ToListAsync(cancellationToken);
        var names = await PersonNames.DisplayNamesAsync(
            db, evidence.Select(e => e.AddedByName).Append(body.UpdatedByName).Append(body.ApprovedByName), cancellationToken);
        var revisions = await RevisionsAsync(header, viewer, cancellationToken);
        var insider = IsInsider(viewer, header.DepartmentId);

        return Result<ReportDetails>.Found(new ReportDetails(
            header,
            body.Status,
            body.Percent,
            body.Progress,
            body.Problems,
            body.NextSteps,
            body.PercentDropExplanation,
            insider ? body.ReviewComment : null,
            insider ? body.ReviewField : null,
            body.CreatedAt,
            body.UpdatedAt,
            names.Shown(body.UpdatedByName),
            body.SubmittedAt,
            body.ApprovedAt,
            body.ApprovedByName is null ? null : names.Shown(body.ApprovedByName),
            values,
            evidence.Select(e => e with { AddedByName = names.Shown(e.AddedByName) }).ToList(),
            revisions,
            insider,
            viewer.ReporterDepartmentId == header.DepartmentId));
    }

    /// <summary>
    /// Compares two versions (revision numbers, in either order). Without numbers: the last two submissions the viewer
    /// may see, else the first and last such versions. A version the viewer may not see is refused, an unknown one is not found.
    /// </summary>
    public async Task<Result<ReportDiff>> DiffAsync(int reportId, int? fromNumber, int? toNumber, ReportViewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var header = await HeaderAsync(reportId, cancellationToken);
        if (header is null)
        {
            return NotFound<ReportDiff>();
        }

        if (!ReportVisibility.CanRead(viewer, header.State, header.DepartmentId))
        {
            return Result<ReportDiff>.Forbidden(NotYetApproved);
        }

        var all = await RevisionsAsync(header, viewer, cancellationToken);
        var visible = all.Where(r => r.ContentVisible).OrderBy(r => r.Number).ToList();
        RevisionView? from;
        RevisionView? to;
        if (fromNumber is null && toNumber is null)
        {
            (from, to) = DefaultComparison(visible);
        }
        else
        {
            from = all.FirstOrDefault(r => r.Number == (fromNumber ?? toNumber));
            to = all.FirstOrDefault(r => r.Number == (toNumber ?? fromNumber));
            if (from is null || to is null)
            {
                return NotFound<ReportDiff>();
            }

            if (!from.ContentVisible || !to.ContentVisible)
            {
                return Result<ReportDiff>.Forbidden(VersionNotVisible);
            }

            if (from.Number > to.Number)
            {
                (from, to) = (to, from);
            }
        }

        if (from is null || to is null)
        {
            return Result<ReportDiff>.Found(new ReportDiff(header, null, null, [], [], [], [], visible));
        }

        var numbers = new[] { from.Number, to.Number };
        var snapshots = await db.ReportRevisions
            .AsNoTracking()
            .Where(r => r.ReportId == reportId && numbers.Contains(r.Number))
            .Select(r => new { r.Number, r.Snapshot })
            .ToDictionaryAsync(r => r.Number, r => ReportSnapshot.FromJson(r.Snapshot), cancellationToken);
        var older = snapshots[from.Number];
        var newer = snapshots[to.Number];
        var (added, removed) = CompareEvidence(older, newer);
        return Result<ReportDiff>.Found(new ReportDiff(
            header,
            from,
            to,
            CompareFields(older, newer),
            CompareIndicators(older, newer),
            added,
            removed,
            visible));
    }

    /// <summary>
    /// A task's reports by quarter, newest first, only those the viewer may read: for each quarter the lead department's
    /// report and the other departments' beneath it (co-departments first). Quarters without a visible report are left out.
    /// </summary>
    public Task<TaskTimeline> TaskTimelineAsync(int taskId, ReportViewer viewer, CancellationToken cancellationToken = default) =>
        TimelineAsync(db.ProgressReports.Where(r => r.TaskId == taskId), taskId, viewer, cancellationToken);

    /// <summary>The same timeline for a task named by its plan and number (the task page's address); empty for an unknown task.</summary>
    public Task<TaskTimeline> TaskTimelineAsync(string planCode, int taskNumber, ReportViewer viewer, CancellationToken cancellationToken = default) =>
        TimelineAsync(db.ProgressReports.Where(r => r.Task!.Plan!.Code == planCode && r.Task.Number == taskNumber), null, viewer, cancellationToken);

    /// <summary>
    /// The newest <paramref name="quarters"/> quarters of that timeline only (the task page; older ones on request), with
    /// <see cref="TaskTimeline.OlderQuarters"/> saying how many more there are. Two queries whatever the number of quarters.
    /// </summary>
    public async Task<TaskTimeline> TaskTimelineAsync(string planCode, int taskNumber, ReportViewer viewer, int quarters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var reports = db.ProgressReports.Where(r => r.Task!.Plan!.Code == planCode && r.Task.Number == taskNumber);
        var visible = await reports.AsNoTracking()
            .Where(ReportVisibility.ReadableBy(viewer))
            .Select(r => (r.Year * 10) + r.QuarterNumber)
            .Distinct()
            .OrderByDescending(k => k)
            .ToListAsync(cancellationToken);
        if (visible.Count <= quarters)
        {
            return await TimelineAsync(reports, null, viewer, cancellationToken);
        }

        var oldest = visible[quarters - 1];
        var timeline = await TimelineAsync(reports.Where(r => (r.Year * 10) + r.QuarterNumber >= oldest), null, viewer, cancellationToken);
        return timeline with { OlderQuarters = visible.Count - quarters };
    }

    /// <summary>One query whatever the number of quarters and departments (the task page's query budget counts it).</summary>
    private async Task<TaskTimeline> TimelineAsync(IQueryable<ProgressReport> reports, int? taskId, ReportViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var rows = await reports
            .AsNoTracking()
            .Where(ReportVisibility.ReadableBy(viewer))
            .Select(r => new
            {
                r.Id,
                r.TaskId,
                r.Year,
                r.QuarterNumber,
                r.DepartmentId,
                DepartmentName = r.Department!.Name,
                r.Department.ShortName,
                r.State,
                r.Status,
                r.Percent,
                Excerpt = r.Progress.Length > ExcerptLength ? r.Progress.Substring(0, ExcerptLength) + "…" : r.Progress,
                r.UpdatedAt,
                r.ApprovedAt,
            })
            .ToListAsync(cancellationToken);
        // Each report's part is its department's part in the task in that quarter (ownership has effect dates).
        var owners = (await TaskOwnerSpans.LoadAsync(db, taskIds: rows.Select(r => r.TaskId).Distinct().ToList(), cancellationToken: cancellationToken))
            .ToLookup(o => o.TaskId);

        var quarters = rows
            .Select(r => new
            {
                Quarter = new Quarter(r.Year, r.QuarterNumber),
                Entry = new TimelineEntry(
                    r.Id, r.DepartmentId, r.DepartmentName, r.ShortName,
                    TaskOwners.PartIn(owners[r.TaskId], r.DepartmentId, new Quarter(r.Year, r.QuarterNumber)),
                    r.State, r.Status, r.Percent, r.Excerpt, r.UpdatedAt, r.ApprovedAt),
            })
            .GroupBy(r => r.Quarter)
            .OrderByDescending(g => g.Key)
            .Select(g => new TimelineQuarter(
                g.Key,
                g.Select(r => r.Entry).FirstOrDefault(e => e.Role == TaskPart.Lead),
                g.Select(r => r.Entry)
                    .Where(e => e.Role != TaskPart.Lead)
                    .OrderBy(e => e.Role == TaskPart.None) // co-departments first, then departments that did not own it that quarter
                    .ThenBy(e => e.DepartmentName, StringComparer.Ordinal)
                    .ToList()))
            .ToList();
        return new TaskTimeline(taskId ?? rows.FirstOrDefault()?.TaskId ?? 0, quarters);
    }

    private static Result<T> NotFound<T>() => Result<T>.NotFound(new Message("Reading_NotFound"));

    private static bool IsInsider(ReportViewer viewer, int departmentId) =>
        viewer.IsCoordinator || viewer.ReporterDepartmentId == departmentId;

    private async Task<ReportHeader?> HeaderAsync(int reportId, CancellationToken cancellationToken)
    {
        var row = await db.ProgressReports
            .AsNoTracking()
            .Where(r => r.Id == reportId)
            .Select(r => new
            {
                r.Id,
                r.TaskId,
                PlanCode = r.Task!.Plan!.Code,
                PlanTitle = r.Task.Plan.Title,
                TaskNumber = r.Task.Number,
                TaskTitle = r.Task.Title,
                r.DepartmentId,
                DepartmentName = r.Department!.Name,
                r.Department.ShortName,
                r.Year,
                r.QuarterNumber,
                r.State,
                r.Revision,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var quarter = new Quarter(row.Year, row.QuarterNumber);
        var owners = await TaskOwnerSpans.InAsync(db, quarter, row.DepartmentId, [row.TaskId], cancellationToken: cancellationToken);
        return new ReportHeader(
            row.Id, row.TaskId, row.PlanCode, row.PlanTitle, row.TaskNumber, row.TaskTitle, row.DepartmentId, row.DepartmentName, row.ShortName,
            TaskOwners.PartIn(owners, row.DepartmentId, quarter), quarter, row.State, row.Revision);
    }

    /// <summary>The history, newest first, with each actor's current display name and department where the account still exists.</summary>
    private async Task<IReadOnlyList<RevisionView>> RevisionsAsync(ReportHeader report, ReportViewer viewer, CancellationToken cancellationToken)
    {
        var rows = await db.ReportRevisions
            .AsNoTracking()
            .Where(r => r.ReportId == report.Id)
            .OrderByDescending(r => r.Number)
            .Select(r => new { r.Number, r.Action, r.StateAfter, r.At, r.ActorId, r.ActorName, r.Comment })
            .ToListAsync(cancellationToken);
        var actorIds = rows.Where(r => r.ActorId != null).Select(r => r.ActorId!).Distinct().ToList();
        var actors = actorIds.Count == 0
            ? []
            : await db.Users
                .AsNoTracking()
                .Where(u => actorIds.Contains(u.Id))
                .Select(u => new
                {
                    u.Id,
                    u.DisplayName,
                    u.UserName,
                    Department = db.Departments.Where(d => d.Id == u.DepartmentId).Select(d => d.Name).FirstOrDefault(),
                })
                .ToDictionaryAsync(u => u.Id, cancellationToken);

        return rows
            .Select(r =>
            {
                var visible = ReportVisibility.CanRead(viewer, r.StateAfter, report.DepartmentId);
                var actor = r.ActorId is not null && actors.TryGetValue(r.ActorId, out var user) ? user : null;
                var name = actor is null ? r.ActorName : string.IsNullOrWhiteSpace(actor.DisplayName) ? actor.UserName ?? r.ActorName : actor.DisplayName;
                return new RevisionView(r.Number, r.Action, r.StateAfter, r.At, name, actor?.Department, visible ? r.Comment : null, visible);
            })
            .ToList();
    }

    /// <summary>
    /// The versions compared when none are chosen: the last two submissions among <paramref name="visible"/> (oldest
    /// first), else the last two approvals, else the first and the last version; nulls when there is only one.
    /// </summary>
    public static (RevisionView? From, RevisionView? To) DefaultComparison(IReadOnlyList<RevisionView> visible)
    {
        ArgumentNullException.ThrowIfNull(visible);
        var submissions = visible.Where(r => r.Action == ReportAction.Submitted).ToList();
        if (submissions.Count < 2)
        {
            // A viewer who sees approved versions only compares the last two approvals.
            submissions = visible.Where(r => r.Action == ReportAction.Approved).ToList();
        }

        if (submissions.Count >= 2)
        {
            return (submissions[^2], submissions[^1]);
        }

        return visible.Count >= 2 ? (visible[0], visible[^1]) : (null, null);
    }

    private static List<FieldChange> CompareFields(ReportSnapshot older, ReportSnapshot newer)
    {
        var changes = new List<FieldChange>();
        if (older.Status != newer.Status)
        {
            changes.Add(new FieldChange(ReportFields.Status, older.Status.ToString(), newer.Status.ToString(), [], []));
        }

        if (older.Percent != newer.Percent)
        {
            changes.Add(new FieldChange(ReportFields.Percent, Number(older.Percent), Number(newer.Percent), [], []));
        }

        void Text(string field, string? before, string? after)
        {
            if (!string.Equals(before ?? "", after ?? "", StringComparison.Ordinal))
            {
                var (oldPieces, newPieces) = TextDiff.Compare(before, after);
                changes.Add(new FieldChange(field, before, after, oldPieces, newPieces));
            }
        }

        Text(ReportFields.Progress, older.Progress, newer.Progress);
        Text(ReportFields.Problems, older.Problems, newer.Problems);
        Text(ReportFields.NextSteps, older.NextSteps, newer.NextSteps);
        Text(ReportFields.PercentDropExplanation, older.PercentDropExplanation, newer.PercentDropExplanation);
        return changes;
    }

    private static List<IndicatorChange> CompareIndicators(ReportSnapshot older, ReportSnapshot newer)
    {
        var before = older.IndicatorValues.ToDictionary(v => v.IndicatorId);
        var after = newer.IndicatorValues.ToDictionary(v => v.IndicatorId);
        var changes = new List<IndicatorChange>();
        foreach (var id in before.Keys.Union(after.Keys).Order())
        {
            before.TryGetValue(id, out var o);
            after.TryGetValue(id, out var n);
            var kind = o is null ? ChangeKind.Added : n is null ? ChangeKind.Removed : ChangeKind.Changed;
            if (kind == ChangeKind.Changed && o!.Value == n!.Value && string.Equals(o.Note ?? "", n.Note ?? "", StringComparison.Ordinal))
            {
                continue;
            }

            var named = n ?? o!;
            changes.Add(new IndicatorChange(id, named.Name, named.Unit, kind, o?.Value, n?.Value, o?.Note, n?.Note));
        }

        return changes;
    }

    private static (List<SnapshotEvidence> Added, List<SnapshotEvidence> Removed) CompareEvidence(ReportSnapshot older, ReportSnapshot newer)
    {
        var removed = older.Evidence.ToList();
        var added = new List<SnapshotEvidence>();
        foreach (var evidence in newer.Evidence)
        {
            // By id where both versions know it; a snapshot taken in the step that added the evidence (before it was
            // saved) has id 0, so such an item is matched by what it is.
            var match = removed.FirstOrDefault(o => o.Id != 0 && o.Id == evidence.Id)
                ?? removed.FirstOrDefault(o => (o.Id == 0 || evidence.Id == 0)
                    && o.Kind == evidence.Kind && o.Title == evidence.Title && o.Url == evidence.Url && o.Length == evidence.Length);
            if (match is null)
            {
                added.Add(evidence);
            }
            else
            {
                removed.Remove(match);
            }
        }

        return (added, removed);
    }

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
