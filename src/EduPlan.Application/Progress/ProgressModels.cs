using EduPlan.Application.Departments;
using EduPlan.Core.Plans;
using EduPlan.Core.Progress;
using EduPlan.Core.Reporting;

namespace EduPlan.Application.Progress;

/// <summary>What the dashboard is asked for: a plan, a quarter (null: the latest closed one), the basis and filters.</summary>
/// <param name="SectionNumber">Only the tasks of this section (null: all).</param>
/// <param name="DepartmentId">Only the tasks this department leads (null: all).</param>
public sealed record ProgressRequest(string PlanCode, Quarter? Quarter = null, ReportBasis Basis = ReportBasis.Approved, int? SectionNumber = null, int? DepartmentId = null);

/// <summary>A plan's progress in a quarter, as the dashboard and the read API show it.</summary>
/// <param name="Tasks">The plan's current tasks (filtered), in plan order.</param>
/// <param name="Picture">The count of the tasks in each light and their weighted mean gap.</param>
/// <param name="Sections">Every section with the picture of its tasks (unfiltered: they are the way in).</param>
/// <param name="Departments">Departments that lead or join tasks: their led tasks' picture and reporting timeliness, worst first.</param>
/// <param name="Trend">The picture of each of the last quarters up to this one, oldest first (filtered like Tasks).</param>
public sealed record PlanProgress(
    PlanHeading Plan,
    Quarter Quarter,
    Quarter LatestClosed,
    ReportBasis Basis,
    ProgressRequest Request,
    ProgressPicture Picture,
    IReadOnlyList<TaskProgress> Tasks,
    IReadOnlyList<SectionProgress> Sections,
    IReadOnlyList<DepartmentProgress> Departments,
    IReadOnlyList<IndicatorProgress> Indicators,
    IReadOnlyList<QuarterPicture> Trend)
{
    /// <summary>The red and yellow tasks, red first, most behind first.</summary>
    public IEnumerable<TaskProgress> NeedingAttention => Tasks
        .Where(t => t.Verdict.Light is Light.Red or Light.Yellow)
        .OrderByDescending(t => t.Verdict.Light.Severity())
        .ThenBy(t => t.Gap ?? int.MinValue)
        .ThenBy(t => t.Number);
}

public sealed record PlanHeading(int Id, string Code, string Title, int EndYear);

/// <summary>One task's light in a quarter with what decided it.</summary>
/// <param name="Percent">The percent judged (the lead's latest report on the basis), null when none.</param>
/// <param name="Expected">序时进度 at the quarter's end.</param>
/// <param name="Gap">Percent minus expected (negative: behind), null without a percent.</param>
/// <param name="ReportQuarter">The quarter of the report judged (earlier than the quarter when this one's is not in yet).</param>
public sealed record TaskProgress(
    int TaskId,
    int Number,
    string Title,
    int SectionNumber,
    DepartmentReference? Lead,
    PlannedProgress Plan,
    decimal Weight,
    int? Percent,
    int Expected,
    int? Gap,
    Quarter? ReportQuarter,
    int? ReportId,
    LightVerdict Verdict);

public sealed record SectionProgress(int Number, string Title, ProgressPicture Picture);

/// <summary>A department: the tasks it leads at a glance, and how it reported on the quarter.</summary>
public sealed record DepartmentProgress(DepartmentReference Department, ProgressPicture Led, Timeliness Reporting);

/// <summary>
/// A department's reports owed on a quarter (one per current task it leads or joins): first submitted by the deadline,
/// after it, not submitted although entry has closed (逾期未报), or not submitted while entry is still open.
/// </summary>
public sealed record Timeliness(int Owed, int OnTime, int Late, int Overdue, int Pending)
{
    public static Timeliness Zero { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Late and overdue together: what "late this quarter" counts.</summary>
    public int Lateness => Late + Overdue;
}

/// <summary>An indicator's light in a quarter.</summary>
/// <param name="Expected">The value expected at the quarter's end on the way from the baseline; null without a baseline.</param>
public sealed record IndicatorProgress(
    int Id,
    string Name,
    Comparator Comparator,
    decimal Target,
    string Unit,
    int? Year,
    int? TaskNumber,
    Baseline? Baseline,
    IndicatorFigure? Latest,
    int? LatestDepartmentId,
    decimal? Expected,
    LightVerdict Verdict);

/// <summary>One quarter of a trend: the count in each light and the mean gap.</summary>
public sealed record QuarterPicture(Quarter Quarter, ProgressPicture Picture);

/// <summary>A key task's progress for its page: the light in the quarter and the whole series.</summary>
public sealed record TaskProgressDetails(TaskProgress Current, Quarter Quarter, IReadOnlyList<TaskQuarterPoint> Series, IReadOnlyList<IndicatorSeries> Indicators);

/// <summary>One quarter of a task's chart: the percent its own report gave (null when none on the basis) and 序时进度.</summary>
public sealed record TaskQuarterPoint(Quarter Quarter, int? Percent, int Expected, Light? Light);

/// <summary>An indicator's chart: its values by quarter, its expected values and its target.</summary>
public sealed record IndicatorSeries(IndicatorProgress Indicator, IReadOnlyList<IndicatorQuarterPoint> Points);

public sealed record IndicatorQuarterPoint(Quarter Quarter, decimal? Value, decimal? Expected);
