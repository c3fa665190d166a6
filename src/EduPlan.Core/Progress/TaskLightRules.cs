using EduPlan.Core.Messages;
using EduPlan.Core.Reporting;

namespace EduPlan.Core.Progress;

/// <summary>Which reports a light is judged from: approved only (everyone), or submitted ones too (coordinators may switch).</summary>
public enum ReportBasis
{
    Approved = 0,
    Submitted = 1,
}

/// <summary>What the lead department's report said: percent complete, status, and whether evidence came with it.</summary>
/// <param name="Quarter">The quarter the report is for (an earlier one when this quarter's is not approved yet).</param>
public sealed record ReportFigures(Quarter Quarter, int Percent, ReportStatus Status, bool HasEvidence);

/// <summary>Everything a task's light for a quarter depends on.</summary>
/// <param name="Quarter">The quarter judged; the light is as at its last day.</param>
/// <param name="Plan">The task's planned period and curve (序时进度).</param>
/// <param name="HasLead">Whether the task has a lead department (牵头单位).</param>
/// <param name="Figures">The lead department's latest report on the basis, for this quarter or an earlier one; null when none.</param>
/// <param name="ReportedThisQuarter">The lead department submitted its report for this quarter at least once.</param>
/// <param name="EntryClosed">The lead department's entry window for this quarter has closed (a fact of today's date).</param>
public sealed record TaskLightInput(
    Quarter Quarter,
    PlannedProgress Plan,
    bool HasLead,
    ReportFigures? Figures,
    bool ReportedThisQuarter,
    bool EntryClosed,
    ReportBasis Basis = ReportBasis.Approved);

/// <summary>
/// The light of a key task in a quarter (ADR 15), from its lead department's report against 序时进度:
/// 完成 for 已完成 with evidence; 红 when more than <see cref="LightThresholds.RedBelowPoints"/> behind, 进度滞后, past
/// its due date, or not reported after entry closed (逾期未报); 黄 when more than
/// <see cref="LightThresholds.YellowBelowPoints"/> behind, 存在风险, or due within <see cref="LightThresholds.DueSoonDays"/>
/// days; 绿 otherwise; 灰 before the start, without a lead unit, or without a report while entry is open.
/// Every reason that applies is kept, worst first.
/// </summary>
public static class TaskLightRules
{
    public static LightVerdict Judge(TaskLightInput input, LightThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(thresholds);
        var quarter = input.Quarter;
        var asOf = quarter.EndDate;
        if (asOf < input.Plan.Start)
        {
            return new(Light.Grey, new Message("Light_NotStarted", input.Plan.Start));
        }

        if (!input.HasLead)
        {
            return new(Light.Grey, new Message("Light_NoLead"));
        }

        var figures = input.Figures;
        var earlier = figures is not null && figures.Quarter != quarter;
        if (figures is null || earlier)
        {
            if (!input.EntryClosed)
            {
                return new(Light.Grey, new Message(input.Basis == ReportBasis.Approved ? "Light_EntryOpen" : "Light_EntryOpenSubmitted", quarter));
            }

            if (!input.ReportedThisQuarter)
            {
                return new(Light.Red, new Message("Light_NotReported", quarter));
            }

            if (figures is null)
            {
                return new(Light.Grey, new Message("Light_AwaitingReview", quarter));
            }
        }

        var verdict = JudgeFigures(figures, input.Plan, asOf, thresholds);
        return earlier
            ? verdict with { Reasons = [.. verdict.Reasons, new Message("Light_EarlierReport", quarter, figures.Quarter)] }
            : verdict;
    }

    private static LightVerdict JudgeFigures(ReportFigures figures, PlannedProgress plan, DateOnly asOf, LightThresholds thresholds)
    {
        if (figures.Status == ReportStatus.Completed)
        {
            return figures.HasEvidence
                ? new(Light.Done, new Message("Light_Completed"))
                : new(Light.Yellow, new Message("Light_CompletedWithoutEvidence"));
        }

        var expected = plan.ExpectedAt(asOf);
        var behind = expected - figures.Percent;
        var reasons = new List<(Light Light, Message Reason)>();
        if (asOf > plan.Due)
        {
            reasons.Add((Light.Red, new Message("Light_PastDue", plan.Due)));
        }

        if (figures.Status == ReportStatus.Delayed)
        {
            reasons.Add((Light.Red, new Message("Light_StatusDelayed")));
        }

        var pace = Pace(figures.Percent, expected);
        reasons.Add((behind > thresholds.RedBelowPoints ? Light.Red : behind > thresholds.YellowBelowPoints ? Light.Yellow : Light.Green, pace));
        if (figures.Status == ReportStatus.AtRisk)
        {
            reasons.Add((Light.Yellow, new Message("Light_StatusAtRisk")));
        }

        var daysLeft = plan.Due.DayNumber - asOf.DayNumber;
        if (daysLeft >= 0 && daysLeft <= thresholds.DueSoonDays)
        {
            reasons.Add((Light.Yellow, new Message("Light_DueSoon", plan.Due, daysLeft)));
        }

        // Worst first; among equals, in the order above (the pace sentence before the others of its colour).
        var ordered = reasons.Select((r, i) => (r.Light, r.Reason, i))
            .OrderByDescending(r => r.Light.Severity())
            .ThenBy(r => r.i)
            .ToList();
        return new(ordered[0].Light, ordered.Select(r => r.Reason).ToList());
    }

    /// <summary>"完成60%，序时进度75%，落后15个百分点" (or 超前, or 与序时进度持平).</summary>
    public static Message Pace(int percent, int expected) =>
        percent < expected ? new Message("Light_PaceBehind", percent, expected, expected - percent)
        : percent > expected ? new Message("Light_PaceAhead", percent, expected, percent - expected)
        : new Message("Light_PaceLevel", percent, expected);
}
