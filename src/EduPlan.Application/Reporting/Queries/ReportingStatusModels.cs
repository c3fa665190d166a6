using EduPlan.Core.Reporting;

namespace EduPlan.Application.Reporting.Queries;

/// <summary>填报情况: who has reported on a quarter, per department that owns tasks, worst first, with a totals row.</summary>
/// <param name="QuarterWindow">The window of departments without an exception (its sentence heads the page).</param>
/// <param name="QuarterDeadline">The deadline of departments without an exception.</param>
public sealed record ReportingStatusPage(
    Quarter Quarter,
    PeriodWindow QuarterWindow,
    DateOnly? QuarterDeadline,
    IReadOnlyList<DepartmentReportingStatus> Departments,
    ReportingCounts Totals);

/// <summary>One department's reporting on a quarter.</summary>
/// <param name="Window">The department's own window (an exception differs from the quarter's).</param>
/// <param name="Deadline">
/// The date a first submission must be made by to be on time: the quarter's last day of entry, or a later exception's.
/// </param>
public sealed record DepartmentReportingStatus(
    int DepartmentId,
    string Name,
    string ShortName,
    bool IsActive,
    PeriodWindow Window,
    DateOnly? Deadline,
    ReportingCounts Counts)
{
    /// <summary>The expected reports not with the coordinators (not started, draft, returned): what <see cref="ReportingCounts.NotSubmitted"/> counts.</summary>
    public IReadOnlyList<ExpectedReport> Missing { get; init; } = [];

    /// <summary>The reports first submitted after the deadline: what <see cref="ReportingCounts.Late"/> counts.</summary>
    public IReadOnlyList<ExpectedReport> LateReports { get; init; } = [];
}

/// <summary>One report a department is expected to give on a quarter: its task, and the report when there is one.</summary>
/// <param name="State">Null while nothing has been saved.</param>
public sealed record ExpectedReport(int TaskId, int? ReportId, ReportState? State, DateTime? FirstSubmittedAt);

/// <summary>One department's missing and late reports on a quarter, with their tasks, as 填报情况 links to them.</summary>
public sealed record DepartmentReportingDetail(
    Quarter Quarter,
    DepartmentReportingStatus Department,
    IReadOnlyList<ExpectedReportLine> Missing,
    IReadOnlyList<ExpectedReportLine> Late);

/// <summary>An expected report with its task's plan, number and title.</summary>
public sealed record ExpectedReportLine(ExpectedReport Report, string PlanCode, string PlanTitle, int TaskNumber, string TaskTitle);

/// <summary>
/// Counts of a department's expected reports on a quarter. Every expected report is exactly one of not started, draft,
/// returned, submitted (waiting) or approved; <see cref="Submitted"/> counts submitted and approved together. A report
/// ever submitted is either <see cref="OnTime"/> or <see cref="Late"/> by its first submission; one never submitted
/// after the window closed is <see cref="Overdue"/> (逾期未报).
/// </summary>
public sealed record ReportingCounts(
    int Expected,
    int NotStarted,
    int Draft,
    int Returned,
    int Submitted,
    int Approved,
    int OnTime,
    int Late,
    int Overdue)
{
    public static ReportingCounts Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Not (or no longer) with the coordinators: not started, draft or returned.</summary>
    public int NotSubmitted => Expected - Submitted;

    /// <summary>Submitted or approved, as a share of expected (1 when nothing is expected).</summary>
    public double SubmittedShare => Expected == 0 ? 1 : (double)Submitted / Expected;

    public static ReportingCounts operator +(ReportingCounts left, ReportingCounts right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(
            left.Expected + right.Expected,
            left.NotStarted + right.NotStarted,
            left.Draft + right.Draft,
            left.Returned + right.Returned,
            left.Submitted + right.Submitted,
            left.Approved + right.Approved,
            left.OnTime + right.OnTime,
            left.Late + right.Late,
            left.Overdue + right.Overdue);
    }
}
