using System.Globalization;
using EduPlan.Application.Auditing;
using EduPlan.Application.Reporting.Editing;
using EduPlan.Core.Organisation;
using EduPlan.Core.Plans;
using EduPlan.Core.Reporting;

namespace EduPlan.Cli.Demo;

/// <summary>A current task with its owners and the indicators it reports (found in its text or linked).</summary>
public sealed record DemoTask(int Id, string PlanCode, int Number, string Title, int LeadDepartmentId, IReadOnlyList<int> Owners, IReadOnlyList<int> IndicatorIds);

/// <summary>A coordinator's return: the comment and the report field it points at.</summary>
public sealed record DemoReturn(string Comment, string Field);

/// <summary>
/// What one department will do with one report in one quarter, decided before anything is written: the steps and
/// their times, the form as first filled in, the corrected form after a return, the evidence link of the first save.
/// </summary>
/// <param name="Corrected">The form the department saves after a coordinator's return; null when none comes.</param>
public sealed record DemoReportPlan(
    DemoTask Task,
    Department Department,
    Quarter Quarter,
    IAuditActor Reporter,
    IReadOnlyList<DemoStep> Steps,
    ReportInput Input,
    ReportInput? Corrected,
    DemoReturn? Return,
    EvidenceLinkInput? Link);

/// <summary>
/// The demo's random choices for a report, from the run's seed and the report's natural key, so that a report is the
/// same whatever else the run makes: its history (<see cref="DemoTimeline"/>), its texts (<see cref="DemoTexts"/>),
/// a percent that follows the task's 序时进度 at a pace of its own (<see cref="DemoProgress"/>), indicator values on their way
/// to the target, evidence.
/// </summary>
public static class DemoReportPlans
{
    /// <summary>The plan of <paramref name="department"/>'s report on <paramref name="task"/>; null when it writes none (not reported).</summary>
    /// <param name="isOpen">The quarter open for entry today (a mix of outcomes) rather than a filled one (reviewed).</param>
    /// <param name="pendingReview">The last filled quarter with none open after it: a few submissions still wait for review.</param>
    /// <param name="ahead">A quarter filled before its time (past the last closed one): its history is moved to just before now.</param>
    /// <param name="lastClosed">The latest closed quarter, which the demo's late departments mostly miss (<see cref="DemoProgress.MissesQuarter"/>).</param>
    public static DemoReportPlan? Make(
        int seed, DemoTask task, Department department, Quarter quarter, IAuditActor reporter, IReadOnlyDictionary<int, Indicator> indicators,
        DemoProgress demoProgress, int graceDays, DateTime nowUtc, bool isOpen, bool pendingReview, bool ahead, Quarter? lastClosed)
    {
        ArgumentNullException.ThrowIfNull(demoProgress);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(department);
        ArgumentNullException.ThrowIfNull(indicators);
        var random = new Random(StableSeed(seed, task.PlanCode, task.Number, department.ShortName, quarter));
        var trajectory = new Random(StableSeed(seed, task.PlanCode, task.Number, department.ShortName, null));
        var steps = isOpen
            ? DemoTimeline.Open(random, quarter, nowUtc, OpenOutcome(random), twoSaves: random.NextDouble() < 0.3)
            : FilledSteps(random, quarter, graceDays, nowUtc, pendingReview, ahead);
        if (!isOpen && DemoProgress.MissesQuarter(department.ShortName, quarter, lastClosed, random))
        {
            // A late department: a draft at most, never submitted before entry closed (逾期未报).
            steps = steps.Take(1).Where(s => s.Action == ReportAction.Saved).ToList();
        }

        if (steps.Count == 0)
        {
            return null;
        }

        var (percent, status) = demoProgress.Progress(task.Id, trajectory, quarter);
        var isDistrict = department.Kind == DepartmentKind.District;
        var progress = DemoTexts.Progress(random, task.Title, quarter, department.ShortName, isDistrict, percent);
        var problems = DemoTexts.Problems(random, status);
        var nextSteps = DemoTexts.NextSteps(random, status);

        // The lead department reports the task's indicators.
        var values = new List<IndicatorValueInput>();
        foreach (var indicatorId in task.LeadDepartmentId == department.Id ? task.IndicatorIds : [])
        {
            var indicator = indicators[indicatorId];
            // One value per indicator, department and quarter, whichever of its tasks' reports carries it (a coordinator
            // cannot approve two different ones): drawn from the indicator's key, not the report's.
            var shared = new Random(StableSeed(seed, "indicator", indicatorId, department.ShortName, quarter));
            var value = demoProgress.IndicatorValue(indicator, quarter, shared) ?? IndicatorValue(indicator, quarter, shared);
            var note = random.NextDouble() < 0.3 ? $"数据来源：{department.ShortName}统计台账" : null;
            values.Add(new IndicatorValueInput(indicatorId, value.ToString(CultureInfo.InvariantCulture), note));
        }

        // 已完成 needs evidence to be submitted; other reports sometimes attach a document too.
        EvidenceLinkInput? link = null;
        if (status == ReportStatus.Completed || random.NextDouble() < 0.15)
        {
            link = new EvidenceLinkInput(
                DemoTexts.EvidenceTitle(random, task.Title, quarter),
                $"https://{DemoGenerator.EmailDomain}/evidence/{task.PlanCode}-{task.Number.ToString(CultureInfo.InvariantCulture)}/{quarter}");
        }

        var input = new ReportInput(status.ToString(), percent.ToString(CultureInfo.InvariantCulture), progress, problems, nextSteps, null, values);
        if (!steps.Any(s => s.Action == ReportAction.Returned))
        {
            return new DemoReportPlan(task, department, quarter, reporter, steps, input, null, null, link);
        }

        // The first submission is vague where the coordinator's comment points; the correction comes with the second.
        var (comment, field) = DemoTexts.ReturnComment(random);
        var corrected = With(input, field, DemoTexts.Correction(random, field, TextOf(input, field)));
        return new DemoReportPlan(task, department, quarter, reporter, steps, With(input, field, DemoTexts.Vague(field)), corrected,
            new DemoReturn(comment, field), link);
    }

    private static DemoOpenOutcome OpenOutcome(Random random) => random.NextDouble() switch
    {
        < 0.30 => DemoOpenOutcome.Unreported,
        < 0.55 => DemoOpenOutcome.Draft,
        < 0.82 => DemoOpenOutcome.Submitted,
        < 0.88 => DemoOpenOutcome.Returned,
        _ => DemoOpenOutcome.Approved,
    };

    /// <summary>
    /// A filled quarter: nearly every report approved (about one in fourteen after a return), a few drafts that missed
    /// the deadline and a rare task not reported at all; with no open quarter, a few of the last still wait for review.
    /// </summary>
    private static List<DemoStep> FilledSteps(Random random, Quarter quarter, int graceDays, DateTime now, bool pendingReview, bool ahead)
    {
        var roll = random.NextDouble();
        if (roll < 0.005)
        {
            return [];
        }

        var submit = roll >= 0.02;
        var approve = !(pendingReview && random.NextDouble() < 0.05);
        return DemoTimeline.Filled(random, quarter, graceDays, now,
            twoSaves: random.NextDouble() < 0.3, returnFirst: submit && random.NextDouble() < 0.07, submit: submit, approve: approve, ahead: ahead);
    }

    /// <summary>
    /// A value on its way to the target: from a baseline well short of it in 2025Q1 to the target by its year (2035 for
    /// a standing one), a little noise, never outside 0–100 for a percentage; downwards for an "at most" target.
    /// </summary>
    public static decimal IndicatorValue(Indicator indicator, Quarter quarter, Random random)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(random);
        var target = (double)indicator.Target;
        var dueQuarters = Math.Max(1, Quarter.Range(Quarter.First, new Quarter(indicator.Year ?? Quarter.Last.Year, 4)).Count() - 1);
        var elapsed = Quarter.Range(Quarter.First, quarter).Count() - 1;
        var share = Math.Min(1.0, elapsed / (double)dueQuarters);
        var downwards = indicator.Comparator is Comparator.AtMost or Comparator.LessThan;
        var start = target * (downwards ? 1.3 : 0.78);
        var end = target * (downwards ? 0.97 : 1.02);
        var value = start + ((end - start) * share) + (target * 0.01 * ((random.NextDouble() * 2) - 1));
        var isPercentage = indicator.Unit.Trim() is "%" or "％";
        if (isPercentage)
        {
            value = Math.Clamp(value, 0, 100);
        }

        var decimals = indicator.Unit.Trim() is "所" or "个" or "人" ? 0 : isPercentage ? 1 : 2;
        return Math.Max(0, Math.Round((decimal)value, decimals));
    }

    /// <summary>The text of the field a return comment points at (progress for the others, such as percent and indicator values).</summary>
    private static string? TextOf(ReportInput input, string field) => field switch
    {
        ReportFields.Problems => input.Problems,
        ReportFields.NextSteps => input.NextSteps,
        _ => input.Progress,
    };

    private static ReportInput With(ReportInput input, string field, string? text) => field switch
    {
        ReportFields.Problems => input with { Problems = text },
        ReportFields.NextSteps => input with { NextSteps = text },
        _ => input with { Progress = text },
    };

    /// <summary>A seed from the run's seed and a report's natural key, so a report is the same whatever else the run makes.</summary>
    private static int StableSeed(int seed, string planCode, int taskNumber, string department, Quarter? quarter)
    {
        // FNV-1a: string.GetHashCode differs from one process to the next.
        var hash = 2166136261u;
        foreach (var c in $"{seed}|{planCode}|{taskNumber}|{department}|{quarter}")
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7FFFFFFF);
    }
}
