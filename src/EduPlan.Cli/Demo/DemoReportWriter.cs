using System.Globalization;
using EduPlan.Application;
using EduPlan.Application.Auditing;
using EduPlan.Application.Reporting;
using EduPlan.Application.Reporting.Editing;
using EduPlan.Application.Reporting.Periods;
using EduPlan.Application.Reporting.Review;
using EduPlan.Cli.Infrastructure;
using EduPlan.Core.Messages;
using EduPlan.Core.Plans;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Cli.Demo;

/// <summary>What the demo's report phase wrote.</summary>
public sealed class DemoReportCounts
{
    public Dictionary<ReportState, int> ByState { get; } = [];
    public int Unreported { get; set; }
    public int Skipped { get; set; }
    public int Revisions { get; set; }
    public int AuditEntries { get; set; }
}

/// <summary>
/// Writes the demo's quarterly reports through the portal's own use cases, so that every report is one a user could
/// have written: each save and submission is <see cref="ProgressReporting.SaveAsync"/> by the department's reporter,
/// each approval and return is <see cref="ReportReview"/> by the coordinator, at the step's time on the
/// <see cref="DemoClock"/>. The rules, the entry windows, the evidence checks, the history and the audit entries are
/// therefore the portal's. A quarter filled ahead of its time (--through past the last closed quarter) is opened early
/// by the coordinator and given back its default dates afterwards (<see cref="ReportingPeriodAdministration"/>).
/// Everything runs in one transaction: a step the portal refuses stops the run and nothing is written.
/// </summary>
public sealed class DemoReportWriter(
    EduPlanDbContext db,
    ProgressReporting reporting,
    ReportReview review,
    ReportingPeriodAdministration periodAdministration,
    ReportingCalendar calendar,
    DemoClock clock,
    DemoActor actor)
{
    /// <summary>The language of the use cases' messages in an error: the run's <see cref="DemoSettings.Culture"/>.</summary>
    private CultureInfo culture = MessageTexts.English;

    public async Task<DemoReportCounts> WriteAsync(
        DemoSettings settings, DemoPeriods periods, DateTime nowUtc, IReadOnlyDictionary<int, IAuditActor> reporters, IAuditActor coordinator,
        DemoProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(reporters);
        culture = settings.Culture;
        var counts = new DemoReportCounts();
        var quarters = periods.Filled.Select(q => (Quarter: q, Open: false)).ToList();
        if (periods.Open is { } open)
        {
            quarters.Add((open, true));
        }

        if (quarters.Count == 0)
        {
            return counts;
        }

        var work = await LoadWorkAsync(cancellationToken);
        var departmentsById = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, cancellationToken);
        var indicators = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Id, cancellationToken);
        var existing = (await db.ProgressReports.AsNoTracking()
                .Select(r => new { r.TaskId, r.DepartmentId, r.Year, r.QuarterNumber })
                .ToListAsync(cancellationToken))
            .Select(r => (r.TaskId, r.DepartmentId, new Quarter(r.Year, r.QuarterNumber)))
            .ToHashSet();
        var lastFilled = periods.Filled.Count > 0 ? periods.Filled[^1] : (Quarter?)null;
        var revisionsBefore = await db.ReportRevisions.CountAsync(cancellationToken);
        var auditBefore = await db.AuditEntries.CountAsync(cancellationToken);

        // Every quarter's reports in one transaction: a failed run leaves no half-written history. A failed step ends the
        // run, so the savepoint EF Core would set around each SaveChanges inside it is only cost.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            foreach (var (quarter, isOpen) in quarters)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var ahead = !isOpen && (periods.LastClosed is not { } closed || quarter > closed);
                var plans = new List<DemoReportPlan>();
                foreach (var task in work)
                {
                    foreach (var departmentId in task.Owners)
                    {
                        if (existing.Contains((task.Id, departmentId, quarter)))
                        {
                            counts.Skipped++;
                            continue;
                        }

                        // Every department has a demo reporter (see DemoGenerator), unless it was added while this ran.
                        if (!reporters.TryGetValue(departmentId, out var reporter))
                        {
                            continue;
                        }

                        var plan = DemoReportPlans.Make(settings.Seed, task, departmentsById[departmentId], quarter, reporter, indicators, progress,
                            calendar.GraceDays, nowUtc, isOpen, pendingReview: quarter == lastFilled && periods.Open is null, ahead, periods.LastClosed);
                        if (plan is null)
                        {
                            counts.Unreported++;
                        }
                        else
                        {
                            plans.Add(plan);
                        }
                    }
                }

                var openedEarly = ahead && plans.Count > 0 && await OpenEarlyAsync(quarter, plans, nowUtc, coordinator, cancellationToken);
                foreach (var plan in plans)
                {
                    var state = await PlayAsync(plan, coordinator, cancellationToken);
                    counts.ByState[state] = counts.ByState.GetValueOrDefault(state) + 1;
                }

                if (openedEarly)
                {
                    await RestoreDefaultDatesAsync(quarter, plans, nowUtc, coordinator, cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            clock.Release();
            actor.Release();
            db.ChangeTracker.Clear();
            db.Database.AutoSavepointsEnabled = savepoints;
        }

        counts.Revisions = await db.ReportRevisions.CountAsync(cancellationToken) - revisionsBefore;
        counts.AuditEntries = await db.AuditEntries.CountAsync(cancellationToken) - auditBefore;
        return counts;
    }

    /// <summary>Plays a report's steps through the portal's use cases, each at its time, as its reporter or the coordinator; returns its final state.</summary>
    private async Task<ReportState> PlayAsync(DemoReportPlan plan, IAuditActor coordinator, CancellationToken cancellationToken)
    {
        int? reportId = null;
        var revision = 0;
        ReportState? state = null;
        var input = plan.Input;
        var link = plan.Link;
        foreach (var step in plan.Steps)
        {
            clock.Set(step.At);
            switch (step.Action)
            {
                case ReportAction.Saved or ReportAction.Submitted:
                    actor.Current = plan.Reporter;
                    if (state == ReportState.Returned && plan.Corrected is { } corrected)
                    {
                        input = corrected;
                    }

                    var saved = await SaveAsync(plan, revision, input, step.Action == ReportAction.Submitted, link, cancellationToken);
                    (reportId, revision, link) = (saved.Value!.ReportId, saved.Value.Revision, null);
                    break;
                case ReportAction.Approved:
                    actor.Current = coordinator;
                    revision = Reviewed(plan, step, await review.ApproveAsync(reportId!.Value, revision, cancellationToken));
                    break;
                case ReportAction.Returned:
                    actor.Current = coordinator;
                    revision = Reviewed(plan, step, await review.ReturnAsync(reportId!.Value, revision, plan.Return!.Comment, plan.Return.Field, cancellationToken));
                    break;
                default:
                    throw new InvalidOperationException($"the demo does not play {step.Action}");
            }

            state = ReportWorkflow.After(state, step.Action);
            db.ChangeTracker.Clear();
        }

        return state!.Value;
    }

    private async Task<Result<ReportSave>> SaveAsync(DemoReportPlan plan, int revision, ReportInput input, bool submit, EvidenceLinkInput? link, CancellationToken cancellationToken)
    {
        var result = await reporting.SaveAsync(new SaveReportCommand(plan.Task.Id, plan.Quarter, plan.Department.Id, revision, input, submit) { Link = link }, cancellationToken);
        if (!result.Succeeded && submit && result.Errors.Count == 1 && result.Errors[0].Field == ReportFields.PercentDropExplanation)
        {
            // Below an approved percent written by an earlier run (another seed): explained, as a reporter would.
            db.ChangeTracker.Clear();
            result = await reporting.SaveAsync(new SaveReportCommand(plan.Task.Id, plan.Quarter, plan.Department.Id, revision,
                input with { PercentDropExplanation = DemoTexts.PercentDropExplanation }, submit)
            { Link = link }, cancellationToken);
        }

        return result.Succeeded
            ? result
            : throw Refused(plan, submit ? ReportAction.Submitted : ReportAction.Saved, result);
    }

    private int Reviewed(DemoReportPlan plan, DemoStep step, Result<ReviewedReport> result) =>
        result.Succeeded ? result.Value!.Revision : throw Refused(plan, step.Action, result);

    private CliException Refused<T>(DemoReportPlan plan, ReportAction action, Result<T> result) =>
        new($"the portal refused the demo's {action.ToString().ToLowerInvariant()} of {plan.Task.PlanCode}#{plan.Task.Number.ToString(CultureInfo.InvariantCulture)} "
            + $"{plan.Quarter} {plan.Department.ShortName}: {Describe(result)} (nothing was written)");

    private string Describe<T>(Result<T> result) => string.Join(" ", result.Messages.Select(m => m.ToString(culture)));

    /// <summary>
    /// A quarter filled ahead of its time is written before its window opens: the coordinator opens it from the first
    /// step until today, as the 填报期 page does. Not when a coordinator has already changed the quarter's dates.
    /// </summary>
    private async Task<bool> OpenEarlyAsync(Quarter quarter, List<DemoReportPlan> plans, DateTime nowUtc, IAuditActor coordinator, CancellationToken cancellationToken)
    {
        if ((await periodAdministration.GetAsync(quarter, cancellationToken))?.Override is not null)
        {
            return false;
        }

        actor.Current = coordinator;
        clock.Set(plans.Min(p => p.Steps[0].At) - TimeSpan.FromHours(1));
        var result = await periodAdministration.ReopenAsync(quarter, ChinaCalendar.DateOf(nowUtc),
            DemoTexts.EarlyOpeningReason, cancellationToken);
        db.ChangeTracker.Clear();
        return result.Succeeded
            ? true
            : throw new CliException($"the portal refused to open {quarter} early for the demo: {Describe(result)}");
    }

    /// <summary>After the quarter's reports: its default dates again (恢复默认), so it opens for entry when its time comes.</summary>
    private async Task RestoreDefaultDatesAsync(Quarter quarter, List<DemoReportPlan> plans, DateTime nowUtc, IAuditActor coordinator, CancellationToken cancellationToken)
    {
        actor.Current = coordinator;
        var last = plans.Max(p => p.Steps[^1].At) + TimeSpan.FromMinutes(1);
        clock.Set(last < nowUtc ? last : nowUtc);
        var result = await periodAdministration.ResetAsync(quarter, cancellationToken);
        db.ChangeTracker.Clear();
        if (!result.Succeeded)
        {
            throw new CliException($"the portal refused to restore {quarter}'s default dates for the demo: {Describe(result)}");
        }
    }

    /// <summary>Current tasks with their owners and the indicators each reports (found in its text or linked).</summary>
    private async Task<List<DemoTask>> LoadWorkAsync(CancellationToken cancellationToken)
    {
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.WithdrawnAt == null && t.LeadDepartmentId != null)
            .OrderBy(t => t.Plan!.SortOrder).ThenBy(t => t.Number)
            .Select(t => new
            {
                t.Id,
                PlanCode = t.Plan!.Code,
                t.Number,
                t.Title,
                Lead = t.LeadDepartmentId!.Value,
                Co = t.CoDepartments.OrderBy(c => c.DepartmentId).Select(c => c.DepartmentId).ToList(),
            })
            .ToListAsync(cancellationToken);
        var indicators = await ReportIndicators.ByTaskAsync(db, tasks.Select(t => t.Id).ToList(), cancellationToken);
        return tasks.Select(t => new DemoTask(t.Id, t.PlanCode, t.Number, t.Title, t.Lead, [t.Lead, .. t.Co], [.. indicators[t.Id].Order()])).ToList();
    }
}
