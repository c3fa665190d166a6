using EduPlan.Core.Plans;
using EduPlan.Core.Reporting;

namespace EduPlan.Core.Progress;

/// <summary>
/// A coordinator's plan for one key task: its planned start and due date (each null for the default: 2025-01-01 and
/// the end of the plan), its weight in section, plan and department pictures, and optionally a planned-progress
/// curve (形象进度). A task without a row has the defaults.
/// </summary>
public class TaskSchedule
{
    public const decimal DefaultWeight = 1m;

    public const decimal MaxWeight = 100m;

    public int TaskId { get; set; }
    public PlanTask? Task { get; set; }

    /// <summary>Planned start; null: <see cref="PlannedProgress.DefaultStart"/>.</summary>
    public DateOnly? StartDate { get; set; }

    /// <summary>Due date (完成时限); null: the last day of the plan's end year.</summary>
    public DateOnly? DueDate { get; set; }

    /// <summary>Weight in the mean of percent vs 序时进度 (greater than 0, at most <see cref="MaxWeight"/>).</summary>
    public decimal Weight { get; set; } = DefaultWeight;

    /// <summary>Concurrency token, raised by one on every change.</summary>
    public int Version { get; set; }

    public DateTime ChangedAt { get; set; }
    public string ChangedByName { get; set; } = "";

    public List<TaskCurvePoint> Curve { get; set; } = [];

    /// <summary>The planned period of a task with this schedule (or none) in a plan ending in <paramref name="planEndYear"/>.</summary>
    public static PlannedProgress Plan(TaskSchedule? schedule, int planEndYear) => new(
        schedule?.StartDate ?? PlannedProgress.DefaultStart,
        schedule?.DueDate ?? new DateOnly(planEndYear, 12, 31),
        schedule?.Curve.Select(p => new PlannedPoint(p.Quarter, p.PlannedPercent)).ToList());
}

/// <summary>One point of a task's planned-progress curve: the percent planned to be done by the end of a quarter.</summary>
public class TaskCurvePoint
{
    public int TaskId { get; set; }
    public int Year { get; set; }

    /// <summary>1 to 4.</summary>
    public int QuarterNumber { get; set; }

    public Quarter Quarter => new(Year, QuarterNumber);

    /// <summary>0 to 100.</summary>
    public int PlannedPercent { get; set; }
}
