using System.Globalization;
using EduPlan.Application.Auditing;
using EduPlan.Core.Auditing;
using EduPlan.Core.Messages;
using EduPlan.Core.Ownership;
using EduPlan.Core.Progress;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Progress;

/// <summary>A task's planning as the form shows it.</summary>
/// <param name="Version">The schedule's version (0 while the task has the defaults), posted back to detect a concurrent change.</param>
public sealed record TaskPlanning(
    int TaskId, string PlanCode, int Number, string Title, int PlanEndYear,
    DateOnly? StartDate, DateOnly? DueDate, decimal Weight, IReadOnlyList<PlannedPoint> Curve, int Version)
{
    public PlannedProgress Period => new(StartDate ?? PlannedProgress.DefaultStart, DueDate ?? new DateOnly(PlanEndYear, 12, 31), Curve);
}

/// <summary>What a coordinator typed for a task: dates (empty for the defaults), weight, and the curve as "2026Q4 30" lines.</summary>
public sealed record TaskPlanningInput(DateOnly? StartDate, DateOnly? DueDate, decimal Weight, string? Curve);

/// <summary>An indicator's baseline as the form shows it.</summary>
public sealed record IndicatorBaselineView(int IndicatorId, string PlanCode, string Name, string Unit, decimal Target, int? Year, decimal? Value, int? BaselineYear, int Version);

/// <summary>The outcome of a curve file: the tasks whose curve it set, or every bad line (then nothing was written).</summary>
public sealed record CurveImportResult(string SourceName, IReadOnlyList<CurveCsvError> Errors, IReadOnlyList<string> Tasks, bool Applied)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// A coordinator's planning of progress (ADR 15): a task's planned start and due date (完成时限), weight and
/// planned-progress curve (形象进度), by form or CSV file, and an indicator's baseline (基期值). Each change is checked
/// against the version the form was read at and audited with before and after. Lights are computed from these on
/// every read, so nothing else needs recomputing.
/// </summary>
public sealed class ProgressPlanning(EduPlanDbContext db, AuditLog audit, TimeProvider clock)
{
    public const string StartField = "StartDate";
    public const string DueField = "DueDate";
    public const string WeightField = "Weight";
    public const string CurveField = "Curve";
    public const string ValueField = "Value";
    public const string YearField = "Year";

    /// <summary>The earliest planned start or baseline year anyone may type.</summary>
    public static readonly DateOnly EarliestDate = new(2020, 1, 1);

    public async Task<TaskPlanning?> GetTaskAsync(string planCode, int number, CancellationToken cancellationToken = default)
    {
        var task = await db.Tasks.AsNoTracking()
            .Where(t => t.Plan!.Code == planCode && t.Number == number && t.WithdrawnAt == null)
            .Select(t => new { t.Id, PlanCode = t.Plan!.Code, t.Number, t.Title, t.Plan.EndYear })
            .SingleOrDefaultAsync(cancellationToken);
        if (task is null)
        {
            return null;
        }

        var schedule = await db.TaskSchedules.AsNoTracking().Include(s => s.Curve).SingleOrDefaultAsync(s => s.TaskId == task.Id, cancellationToken);
        return new TaskPlanning(
            task.Id, task.PlanCode, task.Number, task.Title, task.EndYear,
            schedule?.StartDate, schedule?.DueDate, schedule?.Weight ?? TaskSchedule.DefaultWeight,
            schedule?.Curve.OrderBy(p => p.Year).ThenBy(p => p.QuarterNumber).Select(p => new PlannedPoint(p.Quarter, p.PlannedPercent)).ToList() ?? [],
            schedule?.Version ?? 0);
    }

    /// <summary>The plan's current tasks' planning (two queries), for the overview page.</summary>
    public async Task<IReadOnlyList<TaskPlanning>> ListTasksAsync(string planCode, CancellationToken cancellationToken = default)
    {
        var tasks = await (
                from t in db.Tasks.AsNoTracking().Where(t => t.Plan!.Code == planCode && t.WithdrawnAt == null)
                join s in db.TaskSchedules on t.Id equals s.TaskId into schedules
                from s in schedules.DefaultIfEmpty()
                orderby t.Number
                select new { t.Id, t.Number, t.Title, t.Plan!.EndYear, Schedule = s })
            .ToListAsync(cancellationToken);
        var ids = tasks.Select(t => t.Id).ToList();
        var curves = (await db.TaskCurvePoints.AsNoTracking().Where(p => ids.Contains(p.TaskId)).ToListAsync(cancellationToken))
            .ToLookup(p => p.TaskId, p => new PlannedPoint(p.Quarter, p.PlannedPercent));
        return tasks
            .Select(t => new TaskPlanning(t.Id, planCode, t.Number, t.Title, t.EndYear, t.Schedule?.StartDate, t.Schedule?.DueDate,
                t.Schedule?.Weight ?? TaskSchedule.DefaultWeight, curves[t.Id].OrderBy(p => p.Quarter).ToList(), t.Schedule?.Version ?? 0))
            .ToList();
    }

    /// <summary>Sets a task's dates, weight and curve as read at <paramref name="expectedVersion"/>; all checked before anything is written.</summary>
    public async Task<Result<TaskPlanning>> SetTaskAsync(string planCode, int number, TaskPlanningInput input, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var current = await GetTaskAsync(planCode, number, cancellationToken);
        if (current is null)
        {
            return Result<TaskPlanning>.NotFound();
        }

        var errors = new List<FieldError>();
        var planEnd = new DateOnly(current.PlanEndYear, 12, 31);
        var start = input.StartDate ?? PlannedProgress.DefaultStart;
        var due = input.DueDate ?? planEnd;
        if (input.StartDate is { } s && (s < EarliestDate || s > planEnd))
        {
            errors.Add(Error(StartField, new Message("Planning_DateOutOfRange", EarliestDate, planEnd)));
        }

        if (input.DueDate is { } d && (d < EarliestDate || d > planEnd))
        {
            errors.Add(Error(DueField, new Message("Planning_DateOutOfRange", EarliestDate, planEnd)));
        }
        else if (due < start)
        {
            errors.Add(Error(DueField, new Message("Planning_DueBeforeStart", due, start)));
        }

        if (input.Weight <= 0 || input.Weight > TaskSchedule.MaxWeight || decimal.Round(input.Weight, 2) != input.Weight)
        {
            errors.Add(Error(WeightField, new Message("Planning_BadWeight", TaskSchedule.MaxWeight)));
        }

        var (points, curveError) = ParseCurve(input.Curve);
        if (curveError is not null)
        {
            errors.Add(Error(CurveField, curveError));
        }
        else if (errors.Count == 0 && CurveCsv.Check(new PlannedProgress(start, due), points) is { } rule)
        {
            errors.Add(Error(CurveField, rule));
        }

        if (errors.Count > 0)
        {
            return Result<TaskPlanning>.Invalid(errors, current);
        }

        if (current.Version != expectedVersion)
        {
            return Result<TaskPlanning>.Conflict(current, new Message("Planning_Conflict"));
        }

        var wanted = current with { StartDate = input.StartDate, DueDate = input.DueDate, Weight = input.Weight, Curve = points };
        if (Describe(wanted) == Describe(current))
        {
            return Result<TaskPlanning>.Saved(current);
        }

        await ApplyAsync(current.TaskId, input.StartDate, input.DueDate, input.Weight, points, expectedVersion, cancellationToken);
        audit.Add(AuditActions.TaskScheduleChanged, AuditOutcome.Success, AuditTarget.Task(current.TaskId, planCode, number),
            new { before = Describe(current), after = Describe(wanted) });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var now = await GetTaskAsync(planCode, number, cancellationToken);
            return Result<TaskPlanning>.Conflict(now, new Message("Planning_Conflict"));
        }

        return Result<TaskPlanning>.Saved((await GetTaskAsync(planCode, number, cancellationToken))!);
    }

    /// <summary>
    /// Sets the curves of the tasks in a CSV file (plan, task, quarter, planned %): every row checked first, each task's
    /// curve replaced by its rows, all tasks or none. Tasks not in the file keep theirs.
    /// </summary>
    public async Task<CurveImportResult> ImportCurvesAsync(byte[] content, string sourceName, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (rows, errors) = CurveCsv.Parse(content, sourceName);
        var found = new List<(TaskPlanning Task, List<PlannedPoint> Points)>();
        var all = errors.ToList();
        foreach (var group in rows.GroupBy(r => (Plan: r.Plan, r.TaskNumber)))
        {
            var task = await GetTaskAsync(group.Key.Plan, group.Key.TaskNumber, cancellationToken);
            if (task is null)
            {
                all.AddRange(group.Select(r => new CurveCsvError(sourceName, r.Line, new Message("Curve_NoSuchTask", r.Plan, r.TaskNumber))));
                continue;
            }

            var points = group.Select(r => new PlannedPoint(r.Quarter, r.PlannedPercent)).ToList();
            if (CurveCsv.Check(new PlannedProgress(task.Period.Start, task.Period.Due), points) is { } reason)
            {
                all.Add(new CurveCsvError(sourceName, group.Min(r => r.Line), reason));
                continue;
            }

            found.Add((task, points));
        }

        if (all.Count > 0)
        {
            return new CurveImportResult(sourceName, all.OrderBy(e => e.Line).ToList(), [], Applied: false);
        }

        var names = found.Select(f => $"{f.Task.PlanCode}#{f.Task.Number}").ToList();
        if (dryRun)
        {
            return new CurveImportResult(sourceName, [], names, Applied: false);
        }

        foreach (var (task, points) in found)
        {
            await ApplyAsync(task.TaskId, task.StartDate, task.DueDate, task.Weight, points, task.Version, cancellationToken);
            audit.Add(AuditActions.TaskScheduleChanged, AuditOutcome.Success, AuditTarget.Task(task.TaskId, task.PlanCode, task.Number),
                new { before = Describe(task), after = Describe(task with { Curve = points }), file = sourceName });
        }

        audit.Add(AuditActions.TaskCurvesImported, AuditOutcome.Success, null, new { file = sourceName, rows = rows.Count, tasks = names });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new CurveImportResult(sourceName, [new CurveCsvError(sourceName, 0, new Message("Planning_Conflict"))], [], Applied: false);
        }

        return new CurveImportResult(sourceName, [], names, Applied: true);
    }

    public async Task<IndicatorBaselineView?> GetBaselineAsync(int indicatorId, CancellationToken cancellationToken = default) =>
        await (
                from i in db.Indicators.AsNoTracking().Where(i => i.Id == indicatorId && i.WithdrawnAt == null)
                join b in db.IndicatorBaselines on i.Id equals b.IndicatorId into baselines
                from b in baselines.DefaultIfEmpty()
                select new IndicatorBaselineView(i.Id, i.Plan!.Code, i.Name, i.Unit, i.Target, i.Year,
                    b == null ? null : b.Value, b == null ? null : b.Year, b == null ? 0 : b.Version))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>Every current indicator of a plan with its baseline.</summary>
    public async Task<IReadOnlyList<IndicatorBaselineView>> ListBaselinesAsync(string planCode, CancellationToken cancellationToken = default) =>
        await (
                from i in db.Indicators.AsNoTracking().Where(i => i.Plan!.Code == planCode && i.WithdrawnAt == null)
                join b in db.IndicatorBaselines on i.Id equals b.IndicatorId into baselines
                from b in baselines.DefaultIfEmpty()
                orderby i.Id
                select new IndicatorBaselineView(i.Id, i.Plan!.Code, i.Name, i.Unit, i.Target, i.Year,
                    b == null ? null : b.Value, b == null ? null : b.Year, b == null ? 0 : b.Version))
            .ToListAsync(cancellationToken);

    /// <summary>Sets (or, with no value, removes) an indicator's baseline, as read at <paramref name="expectedVersion"/>.</summary>
    public async Task<Result<IndicatorBaselineView>> SetBaselineAsync(int indicatorId, decimal? value, int? year, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var current = await GetBaselineAsync(indicatorId, cancellationToken);
        if (current is null)
        {
            return Result<IndicatorBaselineView>.NotFound();
        }

        var errors = new List<FieldError>();
        var firstTarget = current.Year ?? 2035;
        if (value is not null || year is not null)
        {
            if (value is null)
            {
                errors.Add(Error(ValueField, new Message("Planning_BaselineValueRequired")));
            }
            else if (value < 0 || value > 1_000_000_000m || decimal.Round(value.Value, 4) != value)
            {
                errors.Add(Error(ValueField, new Message("Planning_BadBaselineValue")));
            }

            if (year is null || year < EarliestDate.Year || year >= firstTarget)
            {
                errors.Add(Error(YearField, new Message("Planning_BadBaselineYear", EarliestDate.Year, firstTarget)));
            }
        }

        if (errors.Count > 0)
        {
            return Result<IndicatorBaselineView>.Invalid(errors, current);
        }

        if (current.Version != expectedVersion)
        {
            return Result<IndicatorBaselineView>.Conflict(current, new Message("Planning_Conflict"));
        }

        if (current.Value == value && current.BaselineYear == year)
        {
            return Result<IndicatorBaselineView>.Saved(current);
        }

        var stored = await db.IndicatorBaselines.SingleOrDefaultAsync(b => b.IndicatorId == indicatorId, cancellationToken);
        if (value is null)
        {
            if (stored is not null)
            {
                db.Entry(stored).Property(b => b.Version).OriginalValue = expectedVersion;
                db.IndicatorBaselines.Remove(stored);
            }
        }
        else
        {
            if (stored is null)
            {
                stored = new IndicatorBaseline { IndicatorId = indicatorId };
                db.IndicatorBaselines.Add(stored);
            }
            else
            {
                db.Entry(stored).Property(b => b.Version).OriginalValue = expectedVersion;
            }

            stored.Value = value.Value;
            stored.Year = year!.Value;
            stored.Version = expectedVersion + 1;
            stored.ChangedAt = clock.GetUtcNow().UtcDateTime;
            stored.ChangedByName = audit.Actor.UserName;
        }

        audit.Add(AuditActions.IndicatorBaselineChanged, AuditOutcome.Success, AuditTarget.Indicator(indicatorId, current.PlanCode, current.Name),
            new { before = current.Value is null ? null : $"{Number(current.Value.Value)}@{current.BaselineYear}", after = value is null ? null : $"{Number(value.Value)}@{year}" });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Result<IndicatorBaselineView>.Conflict(await GetBaselineAsync(indicatorId, cancellationToken), new Message("Planning_Conflict"));
        }

        return Result<IndicatorBaselineView>.Saved((await GetBaselineAsync(indicatorId, cancellationToken))!);
    }

    /// <summary>Reads "2026Q4 30" lines (also "2026Q4,30", "2026Q4 30%"), one planned percent per quarter.</summary>
    public static (List<PlannedPoint> Points, Message? Error) ParseCurve(string? text)
    {
        var points = new List<PlannedPoint>();
        var lines = (text ?? "").Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var line in lines)
        {
            var parts = line.Split([' ', '\t', ',', '，', ':', '：'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2
                || !Quarter.TryParse(parts[0], out var quarter) || !quarter.IsReportingQuarter
                || !int.TryParse(parts[1].TrimEnd('%', '％'), NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
            {
                return (points, new Message("Planning_BadCurveLine", line));
            }

            points.Add(new PlannedPoint(quarter, percent));
        }

        return (points, null);
    }

    /// <summary>The curve as the form shows it: one "2026Q4 30" line per point.</summary>
    public static string FormatCurve(IEnumerable<PlannedPoint> points) =>
        string.Join("\n", points.OrderBy(p => p.Quarter).Select(p => $"{p.Quarter} {p.Percent.ToString(CultureInfo.InvariantCulture)}"));

    private async Task ApplyAsync(int taskId, DateOnly? start, DateOnly? due, decimal weight, List<PlannedPoint> points, int expectedVersion, CancellationToken cancellationToken)
    {
        var schedule = await db.TaskSchedules.Include(s => s.Curve).SingleOrDefaultAsync(s => s.TaskId == taskId, cancellationToken);
        if (schedule is null)
        {
            schedule = new TaskSchedule { TaskId = taskId };
            db.TaskSchedules.Add(schedule);
        }
        else
        {
            db.Entry(schedule).Property(s => s.Version).OriginalValue = expectedVersion;
        }

        schedule.StartDate = start;
        schedule.DueDate = due;
        schedule.Weight = weight;
        schedule.Version = expectedVersion + 1;
        schedule.ChangedAt = clock.GetUtcNow().UtcDateTime;
        schedule.ChangedByName = audit.Actor.UserName;
        db.TaskCurvePoints.RemoveRange(schedule.Curve);
        schedule.Curve.Clear();
        schedule.Curve.AddRange(points.Select(p => new TaskCurvePoint { TaskId = taskId, Year = p.Quarter.Year, QuarterNumber = p.Quarter.Number, PlannedPercent = p.Percent }));
    }

    private static string Describe(TaskPlanning t) =>
        $"start {Date(t.StartDate)}, due {Date(t.DueDate)}, weight {Number(t.Weight)}, curve [{FormatCurve(t.Curve).Replace("\n", "; ", StringComparison.Ordinal)}]";

    private static string Date(DateOnly? date) => date is { } d ? ReportingWindow.Date(d) : "default";

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static FieldError Error(string field, Message message) => new(field, message);
}
