using System.Globalization;
using EduPlan.Core.Messages;

namespace EduPlan.Core.Reporting;

/// <summary>Whether a quarter is open for one department's entry today, and the sentence that says so.</summary>
/// <param name="OpenUntil">The last China date on which entry is open (when open), or the date it closed (when closed after the fact).</param>
/// <param name="Reason">The sentence shown to the user: "2026年第三季度已于2026-10-15截止填报" / "Entry for 2026 Q3 closed on 2026-10-15".</param>
public sealed record PeriodWindow(Quarter Quarter, bool IsOpen, DateOnly? OpenUntil, Message Reason, PeriodWindowSource Source);

/// <summary>What decided a <see cref="PeriodWindow"/>.</summary>
public enum PeriodWindowSource
{
    /// <summary>The default dates: last month of the quarter to the grace days after it.</summary>
    Default,

    /// <summary>A coordinator closed or reopened the whole quarter.</summary>
    QuarterOverride,

    /// <summary>A coordinator opened the quarter for this department only.</summary>
    DepartmentException,

    /// <summary>Outside 2025Q1–2035Q4.</summary>
    NotAReportingQuarter,
}

/// <summary>The rules of the entry window, without a database or a clock (both are passed in).</summary>
public static class ReportingWindow
{
    /// <summary>
    /// Decides the window. A department exception that has not expired opens the quarter for that department
    /// whatever else applies (it never shortens a later quarter-wide deadline); otherwise a quarter-wide override
    /// replaces the default dates.
    /// </summary>
    public static PeriodWindow Decide(
        Quarter quarter,
        DateOnly today,
        int graceDays,
        ReportingPeriodOverride? quarterOverride,
        ReportingPeriodOverride? departmentException)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(graceDays);
        if (!quarter.IsReportingQuarter)
        {
            return new(quarter, false, null, NotAReportingQuarter(quarter), PeriodWindowSource.NotAReportingQuarter);
        }

        var quarterWide = QuarterWide(quarter, today, graceDays, quarterOverride);
        if (departmentException is { Mode: PeriodOverrideMode.Open, OpenUntil: { } exceptionUntil } && today <= exceptionUntil
            && !(quarterWide.IsOpen && quarterWide.OpenUntil >= exceptionUntil))
        {
            return new(quarter, true, exceptionUntil, new Message("Window_DepartmentException", quarter, exceptionUntil), PeriodWindowSource.DepartmentException);
        }

        return quarterWide;
    }

    /// <summary>"2036年第一季度不在填报范围内（2025年第一季度至2035年第四季度）".</summary>
    public static Message NotAReportingQuarter(Quarter quarter) => new("Window_NotAReportingQuarter", quarter, Quarter.First, Quarter.Last);

    private static PeriodWindow QuarterWide(Quarter quarter, DateOnly today, int graceDays, ReportingPeriodOverride? quarterOverride)
    {
        if (quarterOverride is { Mode: PeriodOverrideMode.Closed })
        {
            var closedOn = ChinaCalendar.DateOf(quarterOverride.ChangedAt);
            // The coordinator's reason is the "why" a reporter needs; a bare "closed" is what users of such systems complain about.
            var reason = string.IsNullOrWhiteSpace(quarterOverride.Reason)
                ? new Message("Window_ClosedEarly", quarter, closedOn)
                : new Message("Window_ClosedEarlyBecause", quarter, closedOn, quarterOverride.Reason.Trim());
            return new(quarter, false, closedOn, reason, PeriodWindowSource.QuarterOverride);
        }

        if (quarterOverride is { Mode: PeriodOverrideMode.Open, OpenUntil: { } reopenedUntil })
        {
            return today <= reopenedUntil
                ? new(quarter, true, reopenedUntil, new Message("Window_Reopened", quarter, reopenedUntil), PeriodWindowSource.QuarterOverride)
                : new(quarter, false, reopenedUntil, new Message("Window_Closed", quarter, reopenedUntil), PeriodWindowSource.QuarterOverride);
        }

        var deadline = quarter.DefaultDeadline(graceDays);
        if (today < quarter.EntryOpens)
        {
            return new(quarter, false, null, new Message("Window_NotYetOpen", quarter, quarter.EntryOpens), PeriodWindowSource.Default);
        }

        return today <= deadline
            ? new(quarter, true, deadline, new Message("Window_OpenUntil", quarter, deadline), PeriodWindowSource.Default)
            : new(quarter, false, deadline, new Message("Window_Closed", quarter, deadline), PeriodWindowSource.Default);
    }

    /// <summary>2026-10-15: the form the issue and the users write dates in.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
