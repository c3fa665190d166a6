using System.Globalization;
using EduPlan.Application.Auditing;
using EduPlan.Application.Departments;
using EduPlan.Application.Ownership;
using EduPlan.Application.Progress;
using EduPlan.Application.Reporting.Evidence;
using EduPlan.Application.Users;
using EduPlan.Core.Auditing;
using EduPlan.Core.Messages;
using EduPlan.Core.Organisation;
using EduPlan.Core.Plans;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduPlan.Application.Reporting.Editing;

/// <summary>
/// A department's quarterly report on one of its tasks: the form to fill in (pre-filled from the previous quarter so
/// updating takes little typing) and saving or submitting it, with its evidence, checked against ownership, the
/// entry window, the workflow and the rules, and against the revision the form was made from.
/// </summary>
public sealed class ProgressReporting(
    EduPlanDbContext db,
    AuditLog audit,
    ReportingCalendar calendar,
    TimeProvider clock,
    IOptions<ReportingOptions> options,
    EvidenceStore evidenceStore)
{
    /// <summary>The refusal for a department that neither leads nor joins the task.</summary>
    public static Message NotOwnerReason { get; } = new("Report_NotOwner");

    /// <summary>The refusal for a task no longer in the plan text.</summary>
    public static Message WithdrawnReason { get; } = new("Report_TaskWithdrawn");

    /// <summary>
    /// Why new files would take a department past <see cref="ReportingOptions.MaxEvidenceBytesPerDepartment"/> (files
    /// already on its reports, less those this save removes, plus the new ones); null when they fit or there is no quota.
    /// Two uploads at the same moment may both fit alone and pass the quota together by at most one file each: it is a
    /// bound against filling the database, not an exact allowance.
    /// </summary>
    private async Task<Message?> QuotaRefusalAsync(
        int departmentId, ProgressReport? report, HashSet<int> removing, List<ReportEvidence> added, CancellationToken cancellationToken)
    {
        var quota = options.Value.MaxEvidenceBytesPerDepartment;
        if (quota <= 0)
        {
            return null;
        }

        var used = await db.ReportEvidence.AsNoTracking()
            .Where(e => e.Report!.DepartmentId == departmentId && e.Kind == EvidenceKind.File)
            .SumAsync(e => (long?)e.Length, cancellationToken) ?? 0;
        var freed = report?.Evidence.Where(e => removing.Contains(e.Id) && e.Kind == EvidenceKind.File).Sum(e => e.Length) ?? 0;
        var adding = added.Where(e => e.Kind == EvidenceKind.File).Sum(e => e.Length);
        return used - freed + adding <= quota
            ? null
            : new Message("Report_DepartmentEvidenceQuotaFull", EvidenceStore.FormatSize(used - freed), EvidenceStore.FormatSize(adding), EvidenceStore.FormatSize(quota));
    }

    /// <summary>The form of one department's report on one task for one quarter; null when the task does not exist.</summary>
    public async Task<ReportForm?> GetFormAsync(int taskId, Quarter quarter, int departmentId, CancellationToken cancellationToken = default)
    {
        var task = await ReadTaskAsync(taskId, cancellationToken);
        if (task is null)
        {
            return null;
        }

        var department = await db.Departments.AsNoTracking()
            .Where(d => d.Id == departmentId)
            .Select(d => new DepartmentReference(d.Id, d.Name, d.ShortName, d.IsActive))
            .SingleOrDefaultAsync(cancellationToken);
        var part = department is null ? TaskPart.None : await PartInAsync(taskId, departmentId, quarter, cancellationToken);
        var window = await calendar.GetWindowAsync(quarter, departmentId, cancellationToken);
        var report = part == TaskPart.None ? null : await ReadSavedAsync(taskId, departmentId, quarter, cancellationToken);
        var previous = part == TaskPart.None ? null : await ReadPreviousAsync(taskId, departmentId, quarter, cancellationToken);
        var lastApproved = part == TaskPart.None ? null : await LastApprovedAsync(taskId, departmentId, quarter, cancellationToken);
        var indicators = await ReadIndicatorsAsync(taskId, previous?.Values, cancellationToken);

        ReportInput values;
        Quarter? prefilledFrom = null;
        if (report is not null)
        {
            values = Align(report.Values, indicators.Select(i => i.Id).ToList());
        }
        else if (previous is { } earlier)
        {
            values = Prefill(earlier.Report, earlier.Values, indicators);
            prefilledFrom = earlier.Report.Quarter;
        }
        else
        {
            values = Align(ReportInput.Empty, indicators.Select(i => i.Id).ToList());
        }

        var refusal = part == TaskPart.None ? NotOwnerReason
            : task.IsWithdrawn ? WithdrawnReason
            : !window.IsOpen && report?.State != ReportState.Returned ? window.Reason
            : ReportWorkflow.Refusal(report?.State, ReportAction.Saved);
        int? daysLeft = window is { IsOpen: true, OpenUntil: { } until } ? until.DayNumber - calendar.Today().DayNumber : null;

        return new ReportForm(task, department, part, quarter, window, daysLeft, report, values, prefilledFrom,
            previous?.Report, lastApproved, indicators, refusal is null, refusal);
    }

    /// <summary>
    /// Saves (or submits) a report. Checks, in order: the task exists, the department owns it, the window is open for
    /// the department, the workflow allows the step, the input and evidence meet the rules; then writes the report,
    /// its values and evidence, a revision in its history and, on submit, an audit entry, in one transaction.
    /// A stale revision writes nothing and returns the current version. Whatever happened, the value holds what was typed.
    /// </summary>
    public async Task<Result<ReportSave>> SaveAsync(SaveReportCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var action = command.Submit ? ReportAction.Submitted : ReportAction.Saved;
        var fileName = command.File is null ? null : EvidenceNames.CleanFileName(command.File.FileName);

        var task = await db.Tasks.AsNoTracking()
            .Where(t => t.Id == command.TaskId)
            .Select(t => new
            {
                t.Id,
                PlanCode = t.Plan!.Code,
                t.Number,
                Withdrawn = t.WithdrawnAt != null,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (task is null)
        {
            return Result<ReportSave>.NotFound(new Message("Report_TaskNotFound")) with { Value = Unsaved(command.Input, fileName) };
        }

        var department = await db.Departments.AsNoTracking()
            .Where(d => d.Id == command.DepartmentId)
            .Select(d => new { d.Id, d.ShortName })
            .SingleOrDefaultAsync(cancellationToken);
        if (department is null || await PartInAsync(task.Id, department.Id, command.Quarter, cancellationToken) == TaskPart.None)
        {
            return Result<ReportSave>.Forbidden(NotOwnerReason, Unsaved(command.Input, fileName));
        }

        if (task.Withdrawn)
        {
            return Result<ReportSave>.Refused(WithdrawnReason, Unsaved(command.Input, fileName));
        }

        var window = await calendar.GetWindowAsync(command.Quarter, department.Id, cancellationToken);
        var quarter = command.Quarter;
        var report = await db.ProgressReports
            .Include(r => r.IndicatorValues).ThenInclude(v => v.Indicator)
            .Include(r => r.Evidence)
            .AsSplitQuery()
            .SingleOrDefaultAsync(r => r.TaskId == task.Id && r.DepartmentId == department.Id
                && r.Year == quarter.Year && r.QuarterNumber == quarter.Number, cancellationToken);

        // A coordinator's return asks for a correction: it can be made and resubmitted after the deadline too,
        // otherwise a report returned on the last day (or reopened later) could never be fixed.
        if (!window.IsOpen && report?.State != ReportState.Returned)
        {
            return Result<ReportSave>.Refused(window.Reason, Unsaved(command.Input, fileName));
        }
        if (ReportWorkflow.Refusal(report?.State, action) is { } refusal)
        {
            return Result<ReportSave>.Refused(refusal, Unsaved(command.Input, fileName));
        }

        // Tracked: the values added below point at these same instances, and the snapshot reads their names and units.
        var indicators = await ReportIndicators.ForTask(db, task.Id).OrderBy(i => i.Year).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        var typed = Align(command.Input, indicators.Select(i => i.Id).ToList());
        var rules = indicators.Select(i => new ReportIndicatorRule(i.Id, i.Name, i.Unit)).ToList();

        var errors = new List<FieldError>();
        var removing = command.RemoveEvidenceIds.ToHashSet();
        var kept = report?.Evidence.Count(e => !removing.Contains(e.Id)) ?? 0;
        var added = new List<ReportEvidence>();
        var actor = audit.Actor;
        if (command.File is not null)
        {
            var read = await evidenceStore.ReadFileAsync(command.File.FileName, command.File.Content, actor.UserName, cancellationToken);
            if (read.Succeeded)
            {
                added.Add(read.Evidence!);
            }
            else
            {
                errors.Add(new FieldError(ReportFields.EvidenceFile, read.Error!));
            }
        }

        if (command.Link is { IsEmpty: false } link)
        {
            var read = evidenceStore.ReadLink(link.Title, link.Url, actor.UserName);
            if (read.Succeeded)
            {
                added.Add(read.Evidence!);
            }
            else
            {
                errors.Add(new FieldError(ReportFields.EvidenceLink, read.Error!));
            }
        }

        var max = options.Value.MaxEvidencePerReport;
        if (added.Count > 0 && kept + added.Count > max)
        {
            errors.Add(FieldError.Of(command.File is not null ? ReportFields.EvidenceFile : ReportFields.EvidenceLink,
                "Report_TooMuchEvidence", max, kept));
            added.Clear();
        }

        if (added.Any(e => e.Kind == EvidenceKind.File) && await QuotaRefusalAsync(department.Id, report, removing, added, cancellationToken) is { } full)
        {
            errors.Add(new FieldError(ReportFields.EvidenceFile, full));
            added.RemoveAll(e => e.Kind == EvidenceKind.File);
        }

        var lastApproved = await LastApprovedAsync(task.Id, department.Id, quarter, cancellationToken);
        var check = ReportRules.Check(typed, new ReportRuleContext(command.Submit, lastApproved, rules, kept + added.Count));
        errors.AddRange(check.Errors);
        if (errors.Count > 0)
        {
            return Result<ReportSave>.Invalid(errors, new ReportSave(typed, command.Submit, report?.Id, report?.Revision ?? 0, null,
                command.File is not null && errors.Any(e => e.Field != ReportFields.EvidenceFile) ? fileName : null));
        }

        // Someone saved since the form was read (or created the report while this form was a new one).
        if (report is not null && report.Revision != command.PostedRevision)
        {
            return await ConflictAsync(task.Id, department.Id, quarter, typed, fileName, cancellationToken);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var creating = report is null;
        if (report is null)
        {
            report = new ProgressReport
            {
                TaskId = task.Id,
                DepartmentId = department.Id,
                Year = quarter.Year,
                QuarterNumber = quarter.Number,
                CreatedAt = now,
            };
            db.ProgressReports.Add(report);
        }
        else
        {
            db.Entry(report).Property(r => r.Revision).OriginalValue = command.PostedRevision;
        }

        report.State = ReportWorkflow.After(creating ? null : report.State, action);
        report.Status = check.Status;
        report.Percent = check.Percent;
        report.Progress = check.Progress;
        report.Problems = check.Problems;
        report.NextSteps = check.NextSteps;
        report.PercentDropExplanation = check.PercentDropExplanation;
        report.UpdatedById = actor.UserId;
        report.UpdatedByName = actor.UserName;
        if (command.Submit)
        {
            report.SubmittedAt = now;
        }

        ApplyValues(report, indicators, check.Values);
        foreach (var evidence in report.Evidence.Where(e => removing.Contains(e.Id)).ToList())
        {
            report.Evidence.Remove(evidence);
            db.ReportEvidence.Remove(evidence);
        }

        report.Evidence.AddRange(added);
        var revision = ReportRevisions.Append(db, report, action, actor, now);

        try
        {
            // A new report's id (for the audit entry) and new evidence's ids (for the snapshot) exist only after a
            // first save; then two saves go in one transaction, so the report and its audit entry stand or fall together
            // (the caller's, when it runs one: the demo writes ten years of reports in one).
            var twoSaves = added.Count > 0 || (creating && command.Submit);
            await using var transaction = twoSaves && db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            if (twoSaves)
            {
                if (command.Submit)
                {
                    await ProgressReadModel.LockAsync(db, [task.Id], cancellationToken);
                }

                // A revision is written once, with its final snapshot: report history is never updated (ADR 23). It
                // waits out the first save and is added again once the new ids are known.
                db.Entry(revision).State = EntityState.Detached;
                report.Revisions.Remove(revision);
                await db.SaveChangesAsync(cancellationToken);
                revision.Snapshot = ReportSnapshot.Of(report).ToJson();
                db.ReportRevisions.Add(revision);
            }

            if (command.Submit)
            {
                var target = AuditTarget.Report(report.Id, task.PlanCode, task.Number, quarter.ToString(), department.ShortName);
                audit.Add(AuditActions.ReportSubmitted, AuditOutcome.Success, target,
                    new { revision = revision.Number, status = report.Status.ToString(), percent = report.Percent });
            }

            if (command.Submit)
            {
                // A submission is what coordinators see in the leaders' figures (ADR 15); a draft changes none of them.
                await ProgressReadModel.SaveChangesAsync(db, [task.Id], cancellationToken);
            }
            else
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(task.Id, department.Id, quarter, typed, fileName, cancellationToken);
        }
        catch (DbUpdateException e) when (!creating && e is not DbUpdateConcurrencyException)
        {
            // Someone else's save of this report can also surface as the unique revision number of ReportRevisions,
            // when the provider sends the revision's INSERT before the report's checked UPDATE (PostgreSQL does).
            db.ChangeTracker.Clear();
            if (await ReadSavedAsync(task.Id, department.Id, quarter, cancellationToken) is not { } saved || saved.Revision == command.PostedRevision)
            {
                throw;
            }

            return await ConflictAsync(task.Id, department.Id, quarter, typed, fileName, cancellationToken);
        }
        catch (DbUpdateException) when (creating)
        {
            // Two people created the same report at once: the unique index let only the first in.
            db.ChangeTracker.Clear();
            if (await ReadSavedAsync(task.Id, department.Id, quarter, cancellationToken) is null)
            {
                throw;
            }

            return await ConflictAsync(task.Id, department.Id, quarter, typed, fileName, cancellationToken);
        }

        return Result<ReportSave>.Saved(new ReportSave(typed, command.Submit, report.Id, report.Revision, null, null));
    }

    /// <summary>What a refused save gives back: the input as typed, and the file to choose again.</summary>
    private static ReportSave Unsaved(ReportInput typed, string? fileName) => new(typed, false, null, 0, null, fileName);

    private async Task<Result<ReportSave>> ConflictAsync(int taskId, int departmentId, Quarter quarter, ReportInput typed, string? fileName, CancellationToken cancellationToken)
    {
        var current = await ReadSavedAsync(taskId, departmentId, quarter, cancellationToken);
        var reason = current is null
            ? new Message("Report_Conflict")
            : new Message("Report_ConflictBy", current.UpdatedByName, ChinaCalendar.ToChina(current.UpdatedAt));
        return Result<ReportSave>.Conflict(new ReportSave(typed, false, current?.Id, current?.Revision ?? 0, current, fileName), reason);
    }

    /// <summary>Sets the values of the task's current indicators; a value left empty removes the stored one. Values of indicators no longer linked stay.</summary>
    private void ApplyValues(ProgressReport report, IReadOnlyList<Indicator> indicators, IReadOnlyList<CheckedIndicatorValue> values)
    {
        var given = values.ToDictionary(v => v.IndicatorId);
        foreach (var indicator in indicators)
        {
            var stored = report.IndicatorValues.FirstOrDefault(v => v.IndicatorId == indicator.Id);
            if (given.TryGetValue(indicator.Id, out var value))
            {
                if (stored is null)
                {
                    report.IndicatorValues.Add(new ReportIndicatorValue { IndicatorId = indicator.Id, Indicator = indicator, Value = value.Value, Note = value.Note });
                }
                else
                {
                    stored.Value = value.Value;
                    stored.Note = value.Note;
                }
            }
            else if (stored is not null)
            {
                report.IndicatorValues.Remove(stored);
                db.ReportIndicatorValues.Remove(stored);
            }
        }
    }

    /// <summary>
    /// The input with one indicator row per indicator, in the form's order (rows for other indicators dropped, missing
    /// ones empty), so error keys like "Indicators[1].Value" name the row the form shows.
    /// </summary>
    private static ReportInput Align(ReportInput input, IReadOnlyList<int> indicatorIds)
    {
        var rows = input.Indicators.GroupBy(r => r.IndicatorId).ToDictionary(g => g.Key, g => g.First());
        return input with
        {
            Indicators = indicatorIds.Select(id => rows.TryGetValue(id, out var row) ? row : new IndicatorValueInput(id, null, null)).ToList(),
        };
    }

    /// <summary>
    /// A new report's values from the previous one: status, percent, next steps and indicator values carry over
    /// (they change slowly); this quarter's progress and problems start empty, since they are this quarter's news.
    /// </summary>
    private static ReportInput Prefill(PreviousReport previous, IReadOnlyList<IndicatorValueInput> values, IReadOnlyList<ReportFormIndicator> indicators) =>
        Align(new ReportInput(previous.Status.ToString(), Number(previous.Percent), null, null, previous.NextSteps, null, values),
            indicators.Select(i => i.Id).ToList());

    /// <summary>The department's part in the task in the report's quarter: a quarter is reported by who owned the task then.</summary>
    private async Task<TaskPart> PartInAsync(int taskId, int departmentId, Quarter quarter, CancellationToken cancellationToken) =>
        TaskOwners.PartIn(await TaskOwnerSpans.InAsync(db, quarter, departmentId, [taskId], cancellationToken: cancellationToken), departmentId, quarter);

    private async Task<ReportTaskInfo?> ReadTaskAsync(int taskId, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.AsNoTracking()
            .Where(t => t.Id == taskId)
            .Select(t => new
            {
                t.Id,
                PlanCode = t.Plan!.Code,
                PlanTitle = t.Plan.Title,
                t.Number,
                t.Title,
                SectionNumber = t.Section!.Number,
                SectionTitle = t.Section.Title,
                Withdrawn = t.WithdrawnAt != null,
                Lead = t.LeadDepartment == null
                    ? null
                    : new DepartmentReference(t.LeadDepartment.Id, t.LeadDepartment.Name, t.LeadDepartment.ShortName, t.LeadDepartment.IsActive),
                CoDepartments = t.CoDepartments
                    .Select(c => new DepartmentReference(c.Department!.Id, c.Department.Name, c.Department.ShortName, c.Department.IsActive))
                    .ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return task is null
            ? null
            : new ReportTaskInfo(task.Id, task.PlanCode, task.PlanTitle, task.Number, task.Title, task.SectionNumber, task.SectionTitle,
                task.Withdrawn, task.Lead, task.CoDepartments.OrderBy(d => d.Name, StringComparer.Ordinal).ToList());
    }

    private async Task<SavedReport?> ReadSavedAsync(int taskId, int departmentId, Quarter quarter, CancellationToken cancellationToken)
    {
        var report = await db.ProgressReports.AsNoTracking()
            .Where(r => r.TaskId == taskId && r.DepartmentId == departmentId && r.Year == quarter.Year && r.QuarterNumber == quarter.Number)
            .Select(r => new
            {
                r.Id,
                r.State,
                r.Revision,
                r.Status,
                r.Percent,
                r.Progress,
                r.Problems,
                r.NextSteps,
                r.PercentDropExplanation,
                r.CreatedAt,
                r.UpdatedAt,
                r.UpdatedByName,
                r.SubmittedAt,
                r.ApprovedAt,
                r.ApprovedByName,
                r.ReviewComment,
                r.ReviewField,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (report is null)
        {
            return null;
        }

        var values = await ReadValuesAsync(report.Id, cancellationToken);
        var evidence = await db.ReportEvidence.AsNoTracking()
            .Where(e => e.ReportId == report.Id)
            .OrderBy(e => e.Id)
            .Select(e => new ReportEvidenceView(e.Id, e.Kind, e.Title, e.Url, e.ContentType, e.Length, e.AddedAt, e.AddedByName))
            .ToListAsync(cancellationToken);
        var names = await PersonNames.DisplayNamesAsync(
            db, evidence.Select(e => e.AddedByName).Append(report.UpdatedByName).Append(report.ApprovedByName), cancellationToken);
        var input = new ReportInput(report.Status.ToString(), Number(report.Percent), report.Progress, report.Problems, report.NextSteps,
            report.PercentDropExplanation, values);
        return new SavedReport(report.Id, report.State, report.Revision, input,
            evidence.Select(e => e with { AddedByName = names.Shown(e.AddedByName) }).ToList(), report.CreatedAt, report.UpdatedAt,
            names.Shown(report.UpdatedByName), report.SubmittedAt, report.ApprovedAt,
            report.ApprovedByName is null ? null : names.Shown(report.ApprovedByName), report.ReviewComment, report.ReviewField);
    }

    private async Task<List<IndicatorValueInput>> ReadValuesAsync(int reportId, CancellationToken cancellationToken) =>
        (await db.ReportIndicatorValues.AsNoTracking()
            .Where(v => v.ReportId == reportId)
            .OrderBy(v => v.IndicatorId)
            .Select(v => new { v.IndicatorId, v.Value, v.Note })
            .ToListAsync(cancellationToken))
        .Select(v => new IndicatorValueInput(v.IndicatorId, Number(v.Value), v.Note))
        .ToList();

    /// <summary>The department's latest report on the task before <paramref name="quarter"/>, in any state, with its values.</summary>
    private async Task<(PreviousReport Report, List<IndicatorValueInput> Values)?> ReadPreviousAsync(int taskId, int departmentId, Quarter quarter, CancellationToken cancellationToken)
    {
        var previous = await db.ProgressReports.AsNoTracking()
            .Where(r => r.TaskId == taskId && r.DepartmentId == departmentId
                && (r.Year < quarter.Year || (r.Year == quarter.Year && r.QuarterNumber < quarter.Number)))
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.QuarterNumber)
            .Select(r => new { r.Id, r.Year, r.QuarterNumber, r.State, r.Status, r.Percent, r.Progress, r.Problems, r.NextSteps })
            .FirstOrDefaultAsync(cancellationToken);
        if (previous is null)
        {
            return null;
        }

        var report = new PreviousReport(new Quarter(previous.Year, previous.QuarterNumber), previous.State, previous.Status, previous.Percent,
            previous.Progress, previous.Problems, previous.NextSteps);
        return (report, await ReadValuesAsync(previous.Id, cancellationToken));
    }

    private async Task<ApprovedPercent?> LastApprovedAsync(int taskId, int departmentId, Quarter quarter, CancellationToken cancellationToken)
    {
        var approved = await db.ProgressReports.AsNoTracking()
            .Where(r => r.TaskId == taskId && r.DepartmentId == departmentId && r.State == ReportState.Approved
                && (r.Year < quarter.Year || (r.Year == quarter.Year && r.QuarterNumber < quarter.Number)))
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.QuarterNumber)
            .Select(r => new { r.Year, r.QuarterNumber, r.Percent })
            .FirstOrDefaultAsync(cancellationToken);
        return approved is null ? null : new ApprovedPercent(new Quarter(approved.Year, approved.QuarterNumber), approved.Percent);
    }

    private async Task<List<ReportFormIndicator>> ReadIndicatorsAsync(int taskId, IReadOnlyList<IndicatorValueInput>? previousValues, CancellationToken cancellationToken)
    {
        var previous = (previousValues ?? []).ToDictionary(v => v.IndicatorId, v => v.Value);
        var indicators = await ReportIndicators.ForTask(db, taskId).AsNoTracking()
            .OrderBy(i => i.Year).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.Name, i.Unit, i.Comparator, i.Target, i.Year })
            .ToListAsync(cancellationToken);
        return indicators
            .Select(i => new ReportFormIndicator(i.Id, i.Name, i.Unit, i.Comparator, i.Target, i.Year,
                previous.TryGetValue(i.Id, out var value) && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : null))
            .ToList();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>86.5000 as "86.5": the value as a person would type it.</summary>
    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
