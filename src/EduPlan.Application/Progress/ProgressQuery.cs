using EduPlan.Application.Departments;
using EduPlan.Application.Reporting;
using EduPlan.Core.Plans;
using EduPlan.Core.Progress;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace EduPlan.Application.Progress;

/// <summary>
/// The leaders' view (ADR 15): lights of tasks, sections, departments and indicators in a quarter, read from the read
/// model and the plan's settings with a fixed number of queries whatever the number of reports; the lights themselves
/// are computed here, on every read, because they depend on today's date (entry closing), the Lights settings and
/// the reader's basis. The dashboard, the read API, the task page and the targets page all read through this class.
/// </summary>
/// <remarks>
/// Results are kept in memory (<see cref="LightsOptions.CacheMinutes"/>) under a stamp read with one small query on every
/// call: the newest audit entry's id and each plan's content hash. Every change that can alter a light is audited in
/// its own transaction (ADR 8: reports' submissions and reviews, owners, schedules, baselines, periods, departments,
/// indicator links, read model rebuilds) and an import changes a plan's hash, so a changed stamp means new figures —
/// on every web instance, since the stamp is in the database. The China date is part of the key too.
/// </remarks>
public sealed class ProgressQuery(EduPlanDbContext db, ReportingCalendar calendar, IOptions<LightsOptions> lights, IMemoryCache? cache = null)
{
    /// <summary>How many quarters the dashboard's trend shows, the chosen one included.</summary>
    public const int TrendQuarters = 8;

    private LightThresholds Thresholds => lights.Value.ToThresholds();

    /// <summary>The quarter pages show when none is chosen: the latest whose entry has closed.</summary>
    public Quarter DefaultQuarter() => calendar.LatestClosedQuarter();

    /// <summary>A plan's progress in a quarter; null for an unknown plan. About ten queries whatever the data size.</summary>
    public Task<PlanProgress?> ForPlanAsync(ProgressRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CachedAsync(
            $"plan:{request.PlanCode}:{request.Quarter}:{request.Basis}:{request.SectionNumber}:{request.DepartmentId}",
            () => ComputePlanAsync(request, cancellationToken),
            cancellationToken);
    }

    private async Task<PlanProgress?> ComputePlanAsync(ProgressRequest request, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking()
            .Where(p => p.Code == request.PlanCode)
            .Select(p => new PlanHeading(p.Id, p.Code, p.Title, p.EndYear))
            .SingleOrDefaultAsync(cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var latestClosed = DefaultQuarter();
        var quarter = request.Quarter ?? latestClosed;
        var trend = Quarter.Range(Max(Quarter.First, Back(quarter, TrendQuarters - 1)), quarter).ToList();
        var tasks = await TasksAsync(db.Tasks.Where(t => t.PlanId == plan.Id && t.WithdrawnAt == null), cancellationToken);
        var taskIds = tasks.Select(t => t.Id).ToList();
        var first = trend[0];
        var rows = (await db.TaskQuarterProgress.AsNoTracking()
                .Where(p => taskIds.Contains(p.TaskId)
                    && (p.Year > first.Year || (p.Year == first.Year && p.QuarterNumber >= first.Number))
                    && (p.Year < quarter.Year || (p.Year == quarter.Year && p.QuarterNumber <= quarter.Number)))
                .ToListAsync(cancellationToken))
            .ToDictionary(p => (p.TaskId, new Quarter(p.Year, p.QuarterNumber)));
        var windows = await calendar.LoadAsync(trend, cancellationToken);

        var judged = trend.ToDictionary(
            q => q,
            q => tasks.Select(t => Judge(t, rows.GetValueOrDefault((t.Id, q)), q, windows[q], request.Basis)).ToList());
        bool Selected(TaskProgress t) =>
            (request.SectionNumber is null || t.SectionNumber == request.SectionNumber)
            && (request.DepartmentId is null || t.Lead?.Id == request.DepartmentId);

        var current = judged[quarter];
        var sections = await db.Sections.AsNoTracking()
            .Where(s => s.PlanId == plan.Id && s.WithdrawnAt == null)
            .OrderBy(s => s.Number)
            .Select(s => new { s.Number, s.Title })
            .ToListAsync(cancellationToken);
        var departments = await DepartmentsAsync(tasks, current, quarter, windows[quarter], cancellationToken);
        var indicators = await IndicatorsAsync(db.Indicators.Where(i => i.PlanId == plan.Id), quarter, request.Basis, cancellationToken);

        return new PlanProgress(
            plan,
            quarter,
            latestClosed,
            request.Basis,
            request,
            Picture(current.Where(Selected)),
            current.Where(Selected).ToList(),
            sections.Select(s => new SectionProgress(s.Number, s.Title, Picture(current.Where(t => t.SectionNumber == s.Number)))).ToList(),
            departments,
            indicators,
            trend.Select(q => new QuarterPicture(q, Picture(judged[q].Where(Selected)))).ToList());
    }

    /// <summary>A task's light in the default quarter and its whole series; null for an unknown task.</summary>
    public Task<TaskProgressDetails?> ForTaskAsync(string planCode, int number, ReportBasis basis, CancellationToken cancellationToken = default) =>
        CachedAsync($"task:{planCode}:{number}:{basis}", () => ComputeTaskAsync(planCode, number, basis, cancellationToken), cancellationToken);

    private async Task<TaskProgressDetails?> ComputeTaskAsync(string planCode, int number, ReportBasis basis, CancellationToken cancellationToken)
    {
        var task = (await TasksAsync(db.Tasks.Where(t => t.Plan!.Code == planCode && t.Number == number), cancellationToken)).SingleOrDefault();
        if (task is null)
        {
            return null;
        }

        var quarter = DefaultQuarter();
        var rows = (await db.TaskQuarterProgress.AsNoTracking().Where(p => p.TaskId == task.Id).ToListAsync(cancellationToken))
            .ToDictionary(p => new Quarter(p.Year, p.QuarterNumber));
        var windows = await calendar.LoadAsync([quarter], cancellationToken);
        var current = Judge(task, rows.GetValueOrDefault(quarter), quarter, windows[quarter], basis);

        // The chart runs to the quarter judged, or further when reports were made for later quarters.
        var last = rows.Values.Where(r => r.On(basis).ReportId is not null).Select(r => r.On(basis).ToFigures()!.Quarter).DefaultIfEmpty(quarter).Max();
        var series = Quarter.Range(Quarter.First, Max(quarter, last))
            .Select(q =>
            {
                var own = rows.GetValueOrDefault(q)?.On(basis).ToFigures();
                var percent = own is not null && own.Quarter == q ? own.Percent : (int?)null;
                return new TaskQuarterPoint(q, percent, task.Plan.ExpectedAt(q.EndDate), null);
            })
            .ToList();

        var (indicators, trajectories) = await JudgeIndicatorsAsync(ReportIndicators.ForTask(db, task.Id), quarter, basis, cancellationToken);
        var indicatorIds = indicators.Select(i => i.Id).ToList();
        var values = (await db.IndicatorQuarterValues.AsNoTracking().Where(v => indicatorIds.Contains(v.IndicatorId)).ToListAsync(cancellationToken))
            .ToLookup(v => v.IndicatorId);
        var indicatorSeries = indicators
            .Select(i => new IndicatorSeries(i, values[i.Id]
                .Where(v => v.Year <= series[^1].Quarter.Year)
                .OrderBy(v => v.Year).ThenBy(v => v.QuarterNumber)
                .Select(v =>
                {
                    var q = new Quarter(v.Year, v.QuarterNumber);
                    var figure = v.On(basis).ToFigure();
                    return new IndicatorQuarterPoint(q, figure is not null && figure.Quarter == q ? figure.Value : null, trajectories.GetValueOrDefault(i.Id)?.ExpectedAt(q.EndDate));
                })
                .Where(p => p.Quarter <= series[^1].Quarter)
                .ToList()))
            .ToList();
        return new TaskProgressDetails(current, quarter, series, indicatorSeries);
    }

    /// <summary>
    /// Every current indicator of every plan with its latest approved value, whatever its quarter, judged in the latest
    /// closed quarter or in the value's own quarter when that is later (the targets page), by id; with the department
    /// that reported each value, by id.
    /// </summary>
    public Task<(IReadOnlyDictionary<int, IndicatorProgress> Indicators, IReadOnlyDictionary<int, DepartmentReference> Departments)> LatestIndicatorsAsync(
        CancellationToken cancellationToken = default) =>
        CachedAsync("targets", () => ComputeLatestIndicatorsAsync(cancellationToken), cancellationToken);

    private async Task<(IReadOnlyDictionary<int, IndicatorProgress> Indicators, IReadOnlyDictionary<int, DepartmentReference> Departments)> ComputeLatestIndicatorsAsync(
        CancellationToken cancellationToken)
    {
        var latestClosed = DefaultQuarter();
        var indicators = await IndicatorsAsync(db.Indicators, Quarter.Last, ReportBasis.Approved, cancellationToken, latestClosed);
        var departmentIds = indicators.Where(i => i.LatestDepartmentId is not null).Select(i => i.LatestDepartmentId!.Value).Distinct().ToList();
        var departments = await db.Departments.AsNoTracking()
            .Where(d => departmentIds.Contains(d.Id))
            .Select(d => new DepartmentReference(d.Id, d.Name, d.ShortName, d.IsActive))
            .ToDictionaryAsync(d => d.Id, cancellationToken);
        return (indicators.ToDictionary(i => i.Id), departments);
    }

    /// <param name="judgeFrom">When given, each indicator is judged in the later of this quarter and its value's (the values are those of <paramref name="quarter"/>).</param>
    private async Task<List<IndicatorProgress>> IndicatorsAsync(IQueryable<Indicator> source, Quarter quarter, ReportBasis basis, CancellationToken cancellationToken, Quarter? judgeFrom = null) =>
        (await JudgeIndicatorsAsync(source, quarter, basis, cancellationToken, judgeFrom)).Indicators;

    /// <summary>Current indicators with their baseline and value in one query, and the targets of their measures in a second (only when one has a baseline).</summary>
    private async Task<(List<IndicatorProgress> Indicators, Dictionary<int, IndicatorTrajectory> Trajectories)> JudgeIndicatorsAsync(
        IQueryable<Indicator> source, Quarter quarter, ReportBasis basis, CancellationToken cancellationToken, Quarter? judgeFrom = null)
    {
        var current = source.Where(i => i.WithdrawnAt == null && (i.TaskId == null || i.Task!.WithdrawnAt == null));
        var indicators = await (
                from i in current.AsNoTracking()
                join b in db.IndicatorBaselines on i.Id equals b.IndicatorId into baselines
                from b in baselines.DefaultIfEmpty()
                join v in db.IndicatorQuarterValues.Where(v => v.Year == quarter.Year && v.QuarterNumber == quarter.Number)
                    on i.Id equals v.IndicatorId into values
                from v in values.DefaultIfEmpty()
                orderby i.Plan!.SortOrder, i.Id
                select new { Indicator = i, TaskNumber = i.TaskId == null ? (int?)null : i.Task!.Number, Baseline = b, Value = v })
            .ToListAsync(cancellationToken);
        var trajectories = await TrajectoriesAsync(
            indicators.Where(x => x.Baseline is not null).Select(x => (x.Indicator, x.Baseline!)).ToList(), cancellationToken);
        var thresholds = Thresholds;
        var judged = indicators
            .Select(x =>
            {
                var i = x.Indicator;
                var facts = x.Value?.On(basis);
                var trajectory = trajectories.GetValueOrDefault(i.Id);
                var figure = facts?.ToFigure();
                var at = judgeFrom is { } from ? (figure is not null && figure.Quarter > from ? figure.Quarter : from) : quarter;
                var verdict = IndicatorLightRules.Judge(
                    new IndicatorLightInput(at, i.Comparator, i.Target, i.Unit, trajectory, figure), thresholds);
                return new IndicatorProgress(
                    i.Id, i.Name, i.Comparator, i.Target, i.Unit, i.Year, x.TaskNumber,
                    x.Baseline is null ? null : new Baseline(x.Baseline.Value, x.Baseline.Year),
                    figure, facts?.DepartmentId, trajectory?.ExpectedAt(at.EndDate), verdict);
            })
            .ToList();
        return (judged, trajectories);
    }

    /// <summary>
    /// The trajectory of each indicator with a baseline: from it through the targets of the same measure (indicators of
    /// the plan with the same name and unit: 2027, 2029, 2035), a standing target counting as due by the plan's end.
    /// One query, only when some indicator has a baseline.
    /// </summary>
    private async Task<Dictionary<int, IndicatorTrajectory>> TrajectoriesAsync(List<(Indicator Indicator, IndicatorBaseline Baseline)> withBaseline, CancellationToken cancellationToken)
    {
        if (withBaseline.Count == 0)
        {
            return [];
        }

        var planIds = withBaseline.Select(i => i.Indicator.PlanId).Distinct().ToList();
        var targets = await db.Indicators.AsNoTracking()
            .Where(i => planIds.Contains(i.PlanId) && i.WithdrawnAt == null)
            .Select(i => new { i.PlanId, i.Name, i.Unit, i.Target, Year = i.Year ?? i.Plan!.EndYear })
            .ToListAsync(cancellationToken);
        return withBaseline.ToDictionary(
            x => x.Indicator.Id,
            x => new IndicatorTrajectory(
                new Baseline(x.Baseline.Value, x.Baseline.Year),
                targets.Where(t => t.PlanId == x.Indicator.PlanId && t.Name == x.Indicator.Name && t.Unit == x.Indicator.Unit).Select(t => new TargetPoint(t.Year, t.Target))));
    }

    /// <summary>The cached result under the current stamp, or a new one (the stamp is read before computing, never after).</summary>
    private async Task<T> CachedAsync<T>(string key, Func<Task<T>> compute, CancellationToken cancellationToken)
    {
        var minutes = lights.Value.CacheMinutes;
        if (cache is null || minutes <= 0)
        {
            return await compute();
        }

        var stamp = await db.Plans.AsNoTracking()
            .OrderBy(p => p.Id)
            .Select(p => new { p.ContentHash, Audit = db.AuditEntries.Max(a => (long?)a.Id) })
            .ToListAsync(cancellationToken);
        var full = $"progress:{key}:{calendar.Today()}:{stamp.FirstOrDefault()?.Audit}:{string.Join(",", stamp.Select(s => s.ContentHash))}";
        if (cache.TryGetValue(full, out T? hit))
        {
            return hit!;
        }

        var value = await compute();
        cache.Set(full, value, TimeSpan.FromMinutes(minutes));
        return value;
    }

    private LightVerdict Verdict(TaskRow task, TaskQuarterProgress? row, Quarter quarter, QuarterWindows windows, ReportBasis basis) =>
        TaskLightRules.Judge(
            new TaskLightInput(
                quarter,
                task.Plan,
                task.Lead is not null,
                row?.On(basis).ToFigures(),
                row?.ReportedThisQuarter ?? false,
                task.Lead is { } lead && windows.IsClosedFor(lead.Id),
                basis),
            Thresholds);

    private TaskProgress Judge(TaskRow task, TaskQuarterProgress? row, Quarter quarter, QuarterWindows windows, ReportBasis basis)
    {
        var verdict = Verdict(task, row, quarter, windows, basis);
        var figures = row?.On(basis).ToFigures();
        var expected = task.Plan.ExpectedAt(quarter.EndDate);
        return new TaskProgress(
            task.Id, task.Number, task.Title, task.SectionNumber, task.Lead, task.Plan, task.Weight,
            figures?.Percent, expected, figures is null ? null : figures.Percent - expected,
            figures?.Quarter, row?.On(basis).ReportId, verdict);
    }

    /// <summary>Tasks with their lead, schedule and curve: two queries.</summary>
    private async Task<List<TaskRow>> TasksAsync(IQueryable<PlanTask> source, CancellationToken cancellationToken)
    {
        var tasks = await (
                from t in source.AsNoTracking()
                join s in db.TaskSchedules on t.Id equals s.TaskId into schedules
                from s in schedules.DefaultIfEmpty()
                orderby t.Number
                select new
                {
                    t.Id,
                    t.Number,
                    t.Title,
                    t.Plan!.EndYear,
                    SectionNumber = t.Section!.Number,
                    Lead = t.LeadDepartment == null
                        ? null
                        : new DepartmentReference(t.LeadDepartment.Id, t.LeadDepartment.Name, t.LeadDepartment.ShortName, t.LeadDepartment.IsActive),
                    Start = s == null ? null : s.StartDate,
                    Due = s == null ? null : s.DueDate,
                    Weight = s == null ? TaskSchedule.DefaultWeight : s.Weight,
                })
            .ToListAsync(cancellationToken);
        var ids = tasks.Select(t => t.Id).ToList();
        var curves = (await db.TaskCurvePoints.AsNoTracking().Where(p => ids.Contains(p.TaskId)).ToListAsync(cancellationToken))
            .ToLookup(p => p.TaskId, p => new PlannedPoint(p.Quarter, p.PlannedPercent));
        return tasks
            .Select(t => new TaskRow(
                t.Id, t.Number, t.Title, t.SectionNumber, t.Lead,
                new PlannedProgress(t.Start ?? PlannedProgress.DefaultStart, t.Due ?? new DateOnly(t.EndYear, 12, 31), curves[t.Id].ToList()),
                t.Weight))
            .ToList();
    }

    /// <summary>Departments that lead or join the plan's tasks: their led tasks' picture and the quarter's timeliness, worst first.</summary>
    private async Task<List<DepartmentProgress>> DepartmentsAsync(
        List<TaskRow> tasks, List<TaskProgress> judged, Quarter quarter, QuarterWindows windows, CancellationToken cancellationToken)
    {
        var taskIds = tasks.Select(t => t.Id).ToList();
        var coDepartments = await db.TaskCoDepartments.AsNoTracking()
            .Where(c => taskIds.Contains(c.TaskId))
            .Select(c => new { c.TaskId, Department = new DepartmentReference(c.Department!.Id, c.Department.Name, c.Department.ShortName, c.Department.IsActive) })
            .ToListAsync(cancellationToken);
        var submissions = (await db.ReportSubmissions.AsNoTracking()
                .Where(s => taskIds.Contains(s.TaskId) && s.Year == quarter.Year && s.QuarterNumber == quarter.Number)
                .Select(s => new { s.TaskId, s.DepartmentId, s.FirstSubmittedAt })
                .ToListAsync(cancellationToken))
            .ToDictionary(s => (s.TaskId, s.DepartmentId), s => s.FirstSubmittedAt);

        var owed = tasks.Where(t => t.Lead is not null).Select(t => (t.Id, Department: t.Lead!))
            .Concat(coDepartments.Select(c => (Id: c.TaskId, c.Department)))
            .ToList();
        return owed
            .GroupBy(o => o.Department.Id)
            .Select(g =>
            {
                var department = g.First().Department;
                var deadline = windows.Deadline(department.Id);
                var closed = windows.IsClosedFor(department.Id);
                int onTime = 0, late = 0, overdue = 0, pending = 0;
                foreach (var (taskId, _) in g)
                {
                    if (submissions.TryGetValue((taskId, department.Id), out var at))
                    {
                        if (QuarterWindows.IsLate(at, deadline))
                        {
                            late++;
                        }
                        else
                        {
                            onTime++;
                        }
                    }
                    else if (closed)
                    {
                        overdue++;
                    }
                    else
                    {
                        pending++;
                    }
                }

                return new DepartmentProgress(department, Picture(judged.Where(t => t.Lead?.Id == department.Id)), new Timeliness(g.Count(), onTime, late, overdue, pending));
            })
            .OrderByDescending(d => d.Led.Counts.Attention)
            .ThenByDescending(d => d.Led.Counts.Red)
            .ThenByDescending(d => d.Reporting.Lateness)
            .ThenBy(d => d.Department.ShortName, StringComparer.Ordinal)
            .ToList();
    }

    private static ProgressPicture Picture(IEnumerable<TaskProgress> tasks) =>
        ProgressPicture.Of(tasks.Select(t => new RollupItem(t.Verdict.Light, t.Percent, t.Expected, t.Weight)));

    private static Quarter Back(Quarter quarter, int count)
    {
        for (var i = 0; i < count && quarter > Quarter.First; i++)
        {
            quarter = quarter.Previous;
        }

        return quarter;
    }

    private static Quarter Max(Quarter a, Quarter b) => a > b ? a : b;

    private sealed record TaskRow(int Id, int Number, string Title, int SectionNumber, DepartmentReference? Lead, PlannedProgress Plan, decimal Weight);
}
