using System.Globalization;
using EduPlan.Application;
using EduPlan.Application.Progress;
using EduPlan.Cli.Infrastructure;
using EduPlan.Core.Plans;
using EduPlan.Core.Progress;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Cli.Demo;

/// <summary>
/// The demo's leaders' view (ADR 15): a few due dates, curves and weights set through the coordinators' use case, the
/// goal indicators' baselines, and reports whose percentages follow each task's 序时进度 at a pace of their own —
/// mostly on pace, some behind, a few far behind — so that 总览 shows a believable mix of lights rather than
/// everything green; two departments miss half their reports on the latest closed quarter (逾期未报).
/// </summary>
public sealed class DemoProgress
{
    /// <summary>Departments that miss most of their reports on the latest closed quarter.</summary>
    public static readonly IReadOnlyList<string> LateDepartments = ["市人力社保局", "荣昌区教委"];

    /// <summary>Due dates set by "the coordinator": tasks tied to 2027 goals, one due late 2026, one already past due.</summary>
    private static readonly (string Plan, int Number, DateOnly Due)[] DueDates =
    [
        .. new[] { 9, 10, 12, 21, 23, 28, 30, 36, 38 }.Select(n => ("chongqing", n, new DateOnly(2027, 12, 31))),
        .. new[] { 11, 13, 14, 22, 24, 29, 31, 35, 37, 41 }.Select(n => ("chongqing", n, new DateOnly(2029, 12, 31))),
        ("chongqing", 26, new(2027, 6, 30)), ("chongqing", 20, new(2026, 12, 15)), ("chongqing", 39, new(2026, 6, 30)),
        .. new[] { 3, 8, 15, 27 }.Select(n => ("national", n, new DateOnly(2027, 12, 31))),
    ];

    /// <summary>Planned-progress curves (形象进度) of two tasks: slow in the first year, faster after.</summary>
    private static readonly (string Plan, int Number, (Quarter Quarter, int Percent)[] Points)[] Curves =
    [
        ("chongqing", 9, [(new(2025, 4), 15), (new(2026, 2), 35), (new(2026, 4), 60), (new(2027, 2), 80)]),
        ("chongqing", 26, [(new(2025, 4), 30), (new(2026, 4), 70)]),
    ];

    /// <summary>Tasks that weigh double in the mean gap.</summary>
    private static readonly (string Plan, int Number)[] Heavy = [("chongqing", 10), ("chongqing", 12), ("national", 5)];

    /// <summary>Baselines (2024) as a share of the target, and how fast each indicator's values move along its way (1: on trajectory).</summary>
    private static readonly Dictionary<string, (decimal ShareOfTarget, double Pace)> Indicators = new(StringComparer.Ordinal)
    {
        ["教共体覆盖率"] = (0.55m, 0.55),
        ["智慧教育平台应用覆盖率"] = (0.5m, 1.05),
        ["职业教育“双师型”教师占比"] = (0.7m, 0.9),
        ["普通本科高校专任教师博士学位占比"] = (0.75m, 1.0),
        ["中小学生每天综合体育活动时间"] = (0.7m, 1.3),
        ["国家财政性教育经费支出占国内生产总值比例"] = (0.98m, 1.0),
    };

    private readonly Dictionary<int, PlannedProgress> plans;
    private readonly Dictionary<int, (decimal Baseline, double Pace, int Year)> indicatorWays;

    private DemoProgress(Dictionary<int, PlannedProgress> plans, Dictionary<int, (decimal, double, int)> indicatorWays)
    {
        this.plans = plans;
        this.indicatorWays = indicatorWays;
    }

    /// <summary>Sets the due dates, curves, weights and baselines the demo wants (as a coordinator would), and reads every task's plan.</summary>
    public static async Task<DemoProgress> PlanAsync(EduPlanDbContext db, ProgressPlanning planning, CultureInfo culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(planning);
        foreach (var (plan, number, due) in DueDates)
        {
            var task = await planning.GetTaskAsync(plan, number, cancellationToken);
            if (task is null || task.DueDate is not null)
            {
                continue;
            }

            var curve = Curves.FirstOrDefault(c => c.Plan == plan && c.Number == number).Points?.Select(p => new PlannedPoint(p.Quarter, p.Percent)) ?? [];
            var weight = Heavy.Contains((plan, number)) ? 2m : task.Weight;
            Check(await planning.SetTaskAsync(plan, number, new TaskPlanningInput(null, due, weight, ProgressPlanning.FormatCurve(curve)), task.Version, cancellationToken),
                $"{plan} task {number}", culture);
        }

        foreach (var (plan, number) in Heavy)
        {
            if (await planning.GetTaskAsync(plan, number, cancellationToken) is { Weight: TaskSchedule.DefaultWeight, Version: 0 } task)
            {
                Check(await planning.SetTaskAsync(plan, number, new TaskPlanningInput(null, null, 2m, null), task.Version, cancellationToken),
                    $"{plan} task {number}", culture);
            }
        }

        var indicators = await db.Indicators.AsNoTracking()
            .Where(i => i.WithdrawnAt == null)
            .Select(i => new { i.Id, i.Name, i.Target, i.Unit, Year = i.Year ?? i.Plan!.EndYear })
            .ToListAsync(cancellationToken);
        var ways = new Dictionary<int, (decimal, double, int)>();
        foreach (var indicator in indicators)
        {
            if (!Indicators.TryGetValue(indicator.Name, out var way))
            {
                continue;
            }

            var decimals = indicator.Unit.Trim() is "所" or "个" or "人" ? 0 : 2;
            var baseline = Math.Round(indicator.Target * way.ShareOfTarget, decimals);
            ways[indicator.Id] = (baseline, way.Pace, indicator.Year);
            var current = await planning.GetBaselineAsync(indicator.Id, cancellationToken);
            if (current is { Value: null })
            {
                Check(await planning.SetBaselineAsync(indicator.Id, baseline, 2024, current.Version, cancellationToken), indicator.Name, culture);
            }
        }

        db.ChangeTracker.Clear();
        var schedules = await db.TaskSchedules.AsNoTracking().Include(s => s.Curve).ToDictionaryAsync(s => s.TaskId, cancellationToken);
        var tasks = await db.Tasks.AsNoTracking().Select(t => new { t.Id, t.Plan!.EndYear }).ToListAsync(cancellationToken);
        return new DemoProgress(tasks.ToDictionary(t => t.Id, t => TaskSchedule.Plan(schedules.GetValueOrDefault(t.Id), t.EndYear)), ways);
    }

    private static void Check<T>(Result<T> result, string what, CultureInfo culture)
    {
        if (!result.Succeeded)
        {
            throw new CliException($"could not plan {what}: {string.Join(" ", result.Messages.Select(m => m.ToString(culture)))}");
        }
    }

    /// <summary>
    /// Where a department's task stands at the end of a quarter: its 序时进度 times a pace drawn once per task and
    /// department (most at or ahead of pace, some behind, a few far behind), never falling from one quarter to the next;
    /// the status follows how far behind it is, with a little chance either way; 100 % is 已完成.
    /// </summary>
    public (int Percent, ReportStatus Status) Progress(int taskId, Random trajectory, Quarter quarter)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var plan = plans[taskId];
        var roll = trajectory.NextDouble();
        var pace = roll < 0.62 ? 1.0 + (0.3 * trajectory.NextDouble())
            : roll < 0.82 ? 0.8 + (0.2 * trajectory.NextDouble())
            : roll < 0.94 ? 0.55 + (0.25 * trajectory.NextDouble())
            : 0.3 + (0.25 * trajectory.NextDouble());
        var percent = 0;
        var status = ReportStatus.NotStarted;
        for (var q = Quarter.First; q <= quarter; q = q.Next)
        {
            var expected = plan.ExpectedAt(q.EndDate);
            var wanted = (int)Math.Round((expected * pace) + (trajectory.NextDouble() * 4) - 2);
            percent = Math.Clamp(Math.Max(percent, wanted), 0, 100);
            var behind = expected - percent;
            var chance = trajectory.NextDouble();
            status = percent >= 100 ? ReportStatus.Completed
                : percent == 0 ? ReportStatus.NotStarted
                : behind > 25 && chance < 0.5 ? ReportStatus.Delayed
                : behind > 5 && chance < 0.35 ? ReportStatus.AtRisk
                : chance < 0.06 ? ReportStatus.AtRisk
                : chance < 0.08 ? ReportStatus.Delayed
                : ReportStatus.OnTrack;
            if (q == Quarter.Last)
            {
                break;
            }
        }

        return (percent, status);
    }

    /// <summary>An indicator's value at a quarter's end: from its baseline towards its target at its own pace, a little noise.</summary>
    public decimal? IndicatorValue(Indicator indicator, Quarter quarter, Random random)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(random);
        if (!indicatorWays.TryGetValue(indicator.Id, out var way))
        {
            return null;
        }

        var trajectory = new IndicatorTrajectory(new Baseline(way.Baseline, 2024), [new TargetPoint(way.Year, indicator.Target)]);
        var expected = trajectory.ExpectedAt(quarter.EndDate);
        var value = (double)way.Baseline + (((double)expected - (double)way.Baseline) * way.Pace) + ((double)indicator.Target * 0.005 * ((random.NextDouble() * 2) - 1));
        if (indicator.Unit.Trim() is "%" or "％")
        {
            value = Math.Clamp(value, 0, 100);
        }

        var decimals = indicator.Unit.Trim() is "所" or "个" or "人" ? 0 : indicator.Unit.Trim() is "%" or "％" ? 1 : 2;
        return Math.Max(0, Math.Round((decimal)value, decimals));
    }

    /// <summary>Whether a department misses this quarter: the late ones do on the latest closed quarter, most of the time.</summary>
    public static bool MissesQuarter(string departmentShortName, Quarter quarter, Quarter? latestClosed, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return latestClosed == quarter && LateDepartments.Contains(departmentShortName) && random.NextDouble() < 0.5;
    }
}
