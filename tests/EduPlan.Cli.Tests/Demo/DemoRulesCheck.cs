using System.Globalization;
using System.Text.Json;
using EduPlan.Application.Auditing;
using EduPlan.Application.Reporting;
using EduPlan.Application.Reporting.Evidence;
using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduPlan.Cli.Tests.Demo;

/// <summary>
/// Reads a database the demo filled and checks every report against the portal's rules, with the rule functions the
/// portal itself uses: each revision is a step the workflow allows, taken while the entry window was open (or on a
/// returned report), with the content the report rules accept (a submission as complete, a save as a draft, against
/// the percent approved before it); each transition has its audit entry; the report as stored is its last revision;
/// every piece of evidence passes the evidence rule. Returns one line per breach; empty when every report is one a
/// user could have written.
/// </summary>
public static class DemoRulesCheck
{
    public static async Task<List<string>> ViolationsAsync(CliSandbox sandbox)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var graceDays = new ReportingOptions().GraceDays;
        var evidenceStore = new EvidenceStore(Options.Create(new ReportingOptions()), TimeProvider.System);
        var violations = new List<string>();

        var data = await DemoRun.QueryAsync(sandbox, async db => new
        {
            Reports = await db.ProgressReports.AsNoTracking()
                .Select(r => new StoredReport(
                    r.Id, r.TaskId, r.DepartmentId, new Quarter(r.Year, r.QuarterNumber), r.State, r.Status, r.Percent, r.Progress, r.Problems,
                    r.NextSteps, r.PercentDropExplanation, r.Revision, r.SubmittedAt, r.ApprovedAt,
                    r.IndicatorValues.OrderBy(v => v.IndicatorId).Select(v => v.IndicatorId).ToList(),
                    r.Evidence.OrderBy(e => e.Id).Select(e => e.Id).ToList()))
                .ToListAsync(),
            Revisions = (await db.ReportRevisions.AsNoTracking()
                    .Select(v => new StoredRevision(v.ReportId, v.Number, v.Action, v.StateAfter, v.At, v.ActorName, v.Snapshot))
                    .ToListAsync())
                .ToLookup(v => v.ReportId),
            Audit = (await db.AuditEntries.AsNoTracking()
                    .Where(e => e.TargetType == "Report")
                    .Select(e => new { e.TargetId, e.Action, e.OccurredAt, e.ActorName, e.Details })
                    .ToListAsync())
                .ToLookup(e => e.TargetId),
            Periods = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Action == AuditActions.PeriodReopened || e.Action == AuditActions.PeriodReset)
                .OrderBy(e => e.Id)
                .Select(e => new { e.Action, Quarter = e.TargetId, e.OccurredAt })
                .ToListAsync(),
            Indicators = await db.Indicators.AsNoTracking().Select(i => new ReportIndicatorRule(i.Id, i.Name, i.Unit)).ToDictionaryAsync(i => i.Id),
            TaskIndicators = await ReportIndicators.ByTaskAsync(db, await db.Tasks.Select(t => t.Id).ToListAsync()),
            Evidence = await db.ReportEvidence.AsNoTracking()
                .Select(e => new { e.Id, e.ReportId, e.Kind, e.Title, e.Url, e.Sha256, Bytes = e.Content == null ? null : e.Content.Bytes })
                .ToListAsync(),
        });

        // When a coordinator opened a quarter early (reopened, later reset): the steps between the two were inside a window.
        var earlyWindows = new List<(string Quarter, DateTime From, DateTime To)>();
        foreach (var reopened in data.Periods.Where(p => p.Action == AuditActions.PeriodReopened))
        {
            var reset = data.Periods.FirstOrDefault(p => p.Action == AuditActions.PeriodReset && p.Quarter == reopened.Quarter && p.OccurredAt >= reopened.OccurredAt);
            earlyWindows.Add((reopened.Quarter!, reopened.OccurredAt, reset?.OccurredAt ?? DateTime.MaxValue));
        }

        var history = data.Reports.ToDictionary(r => r.Id, r => data.Revisions[r.Id].OrderBy(v => v.Number).ToList());
        var byOwner = data.Reports.ToLookup(r => (r.TaskId, r.DepartmentId));
        foreach (var report in data.Reports)
        {
            var name = $"report {report.Id} ({report.Quarter}, task {report.TaskId}, department {report.DepartmentId})";
            var revisions = history[report.Id];
            if (!revisions.Select(v => v.Number).SequenceEqual(Enumerable.Range(1, report.Revision)))
            {
                violations.Add($"{name}: revisions {string.Join(",", revisions.Select(v => v.Number))} are not 1 to {report.Revision}");
                continue;
            }

            var rules = data.TaskIndicators[report.TaskId].Select(id => data.Indicators[id]).ToList();
            var audit = data.Audit[report.Id.ToString(CultureInfo.InvariantCulture)].ToList();
            ReportState? state = null;
            foreach (var revision in revisions)
            {
                var step = $"{name} revision {revision.Number} ({revision.Action})";
                if (ReportWorkflow.Refusal(state, revision.Action) is { } refusal)
                {
                    violations.Add($"{step}: the workflow refuses it after {state?.ToString() ?? "nothing"}: {refusal}");
                    break;
                }

                var snapshot = ReportSnapshot.FromJson(revision.Snapshot);
                if (revision.StateAfter != ReportWorkflow.After(state, revision.Action) || snapshot.State != revision.StateAfter)
                {
                    violations.Add($"{step}: state {revision.StateAfter} (snapshot {snapshot.State}) is not what the workflow gives");
                }

                if (revision.Action is ReportAction.Saved or ReportAction.Submitted)
                {
                    var lastApproved = LastApproved(byOwner[(report.TaskId, report.DepartmentId)], report.Quarter, revision.At, history);
                    var check = ReportRules.Check(InputOf(snapshot),
                        new ReportRuleContext(revision.Action == ReportAction.Submitted, lastApproved, rules, snapshot.Evidence.Count));
                    violations.AddRange(check.Errors.Select(e => $"{step}: {e.Field}: {e.Message}"));

                    var day = ChinaCalendar.DateOf(revision.At);
                    var open = state == ReportState.Returned
                        || ReportingWindow.Decide(report.Quarter, day, graceDays, null, null).IsOpen
                        || earlyWindows.Any(w => w.Quarter == report.Quarter.ToString() && w.From <= revision.At && revision.At <= w.To);
                    if (!open)
                    {
                        violations.Add($"{step}: saved on {ReportingWindow.Date(day)}, outside the entry window");
                    }
                }

                if (revision.Action != ReportAction.Saved)
                {
                    var entry = audit.FirstOrDefault(e => e.Action == AuditActionOf(revision.Action) && e.OccurredAt == revision.At
                        && e.ActorName == revision.ActorName && RevisionIn(e.Details) == revision.Number);
                    if (entry is null)
                    {
                        violations.Add($"{step}: no audit entry for it");
                    }
                }

                state = revision.StateAfter;
            }

            var last = ReportSnapshot.FromJson(revisions[^1].Snapshot);
            if (report.State != last.State || report.Status != last.Status || report.Percent != last.Percent || report.Progress != last.Progress
                || report.Problems != last.Problems || report.NextSteps != last.NextSteps || report.PercentDropExplanation != last.PercentDropExplanation
                || !report.IndicatorIds.SequenceEqual(last.IndicatorValues.Select(v => v.IndicatorId))
                || !report.EvidenceIds.SequenceEqual(last.Evidence.Select(e => e.Id)))
            {
                violations.Add($"{name}: the stored report is not its last revision");
            }

            var submitted = revisions.LastOrDefault(v => v.Action == ReportAction.Submitted)?.At;
            var approved = report.State == ReportState.Approved ? revisions[^1].At : (DateTime?)null;
            if (report.SubmittedAt != submitted || report.ApprovedAt != approved)
            {
                violations.Add($"{name}: submitted {report.SubmittedAt:o} / approved {report.ApprovedAt:o} do not match its history");
            }
        }

        foreach (var evidence in data.Evidence)
        {
            var ok = evidence.Kind == EvidenceKind.Link
                ? evidenceStore.ReadLink(evidence.Title, evidence.Url, "check") is { Succeeded: true } link
                    && link.Evidence!.Url == evidence.Url && link.Evidence.Title == evidence.Title
                : evidence.Bytes is { } bytes && EvidenceFileTypes.Check(evidence.Title, bytes).Type is not null
                    && Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)) == evidence.Sha256;
            if (!ok)
            {
                violations.Add($"evidence {evidence.Id} of report {evidence.ReportId} ({evidence.Kind} {evidence.Url ?? evidence.Title}) fails the evidence rule");
            }
        }

        return violations;
    }

    /// <summary>The department's percent approved for an earlier quarter as it stood at <paramref name="at"/>, the latest quarter first.</summary>
    private static ApprovedPercent? LastApproved(IEnumerable<StoredReport> sameOwner, Quarter quarter, DateTime at, Dictionary<int, List<StoredRevision>> history)
    {
        foreach (var earlier in sameOwner.Where(r => r.Quarter < quarter).OrderByDescending(r => r.Quarter))
        {
            var standing = history[earlier.Id].LastOrDefault(v => v.At <= at);
            if (standing?.StateAfter == ReportState.Approved)
            {
                return new ApprovedPercent(earlier.Quarter, ReportSnapshot.FromJson(standing.Snapshot).Percent);
            }
        }

        return null;
    }

    /// <summary>The form as the department would have posted it to reach <paramref name="snapshot"/>.</summary>
    private static ReportInput InputOf(ReportSnapshot snapshot) => new(
        snapshot.Status.ToString(),
        snapshot.Percent.ToString(CultureInfo.InvariantCulture),
        snapshot.Progress,
        snapshot.Problems,
        snapshot.NextSteps,
        snapshot.PercentDropExplanation,
        snapshot.IndicatorValues.Select(v => new IndicatorValueInput(v.IndicatorId, v.Value.ToString(CultureInfo.InvariantCulture), v.Note)).ToList());

    private static string AuditActionOf(ReportAction action) => action switch
    {
        ReportAction.Submitted => AuditActions.ReportSubmitted,
        ReportAction.Approved => AuditActions.ReportApproved,
        ReportAction.Returned => AuditActions.ReportReturned,
        ReportAction.Reopened => AuditActions.ReportReopened,
        _ => action.ToString(),
    };

    private static int? RevisionIn(string? details)
    {
        if (details is null)
        {
            return null;
        }

        using var json = JsonDocument.Parse(details);
        return json.RootElement.TryGetProperty("revision", out var revision) ? revision.GetInt32() : null;
    }

    private sealed record StoredReport(
        int Id, int TaskId, int DepartmentId, Quarter Quarter, ReportState State, ReportStatus Status, int Percent, string Progress, string? Problems,
        string? NextSteps, string? PercentDropExplanation, int Revision, DateTime? SubmittedAt, DateTime? ApprovedAt,
        List<int> IndicatorIds, List<int> EvidenceIds);

    private sealed record StoredRevision(int ReportId, int Number, ReportAction Action, ReportState StateAfter, DateTime At, string ActorName, string Snapshot);
}
