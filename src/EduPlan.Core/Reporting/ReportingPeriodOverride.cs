using EduPlan.Core.Organisation;

namespace EduPlan.Core.Reporting;

/// <summary>
/// A coordinator's change to a quarter's entry window: for the whole quarter (<see cref="DepartmentId"/> null:
/// closed early, or reopened until a date) or for one department (an exception, open until a date).
/// The default window needs no row. At most one row per quarter and department (and one quarter-wide row).
/// </summary>
public class ReportingPeriodOverride
{
    public const int MaxReasonLength = 500;

    public int Id { get; set; }
    public int Year { get; set; }
    public int QuarterNumber { get; set; }
    public Quarter Quarter => new(Year, QuarterNumber);

    /// <summary>Null for the whole quarter; a department for an exception.</summary>
    public int? DepartmentId { get; set; }
    public Department? Department { get; set; }

    public PeriodOverrideMode Mode { get; set; }

    /// <summary>Open: the last China date on which entry is open (inclusive). Closed: null.</summary>
    public DateOnly? OpenUntil { get; set; }

    public string? Reason { get; set; }
    public DateTime ChangedAt { get; set; }
    public string ChangedByName { get; set; } = "";
}

/// <summary>An administrator's or coordinator's statement that a task reports an indicator (found by the parser in a goal).</summary>
public class IndicatorTaskLink
{
    public int IndicatorId { get; set; }
    public Plans.Indicator? Indicator { get; set; }
    public int TaskId { get; set; }
    public Plans.PlanTask? Task { get; set; }
    public DateTime LinkedAt { get; set; }
    public string LinkedByName { get; set; } = "";
}
