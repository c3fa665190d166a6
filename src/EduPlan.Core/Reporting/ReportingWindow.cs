using System.Globalization;

namespace EduPlan.Core.Reporting;

/// <summary>Whether a quarter is open for one department's entry today, and the sentence that says so.</summary>
/// <param name="OpenUntil">The last China date on which entry is open (when open), or the date it closed (when closed after the fact).</param>
/// <param name="Reason">Chinese, shown to the user as it is: "2026年第三季度已于2026-10-15截止填报".</param>
public sealed record PeriodWindow(Quarter Quarter, bool IsOpen, DateOnly? OpenUntil, string Reason, PeriodWindowSource Source);

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
        var name = quarter.ToChinese();
        if (!quarter.IsReportingQuarter)
        {
            return new(quarter, false, null, $"{name}不在填报范围内（{Quarter.First.ToChinese()}至{Quarter.Last.ToChinese()}）", PeriodWindowSource.NotAReportingQuarter);
        }

        var quarterWide = QuarterWide(quarter, name, today, graceDays, quarterOverride);
        if (departmentException is { Mode: PeriodOverrideMode.Open, OpenUntil: { } exceptionUntil } && today <= exceptionUntil
            && !(quarterWide.IsOpen && quarterWide.OpenUntil >= exceptionUntil))
        {
            return new(quarter, true, exceptionUntil, $"{name}已为本单位延长填报至{Date(exceptionUntil)}", PeriodWindowSource.DepartmentException);
        }

        return quarterWide;
    }

    private static PeriodWindow QuarterWide(Quarter quarter, string name, DateOnly today, int graceDays, ReportingPeriodOverride? quarterOverride)
    {
        if (quarterOverride is { Mode: PeriodOverrideMode.Closed })
        {
            var closedOn = ChinaCalendar.DateOf(quarterOverride.ChangedAt);
            // The coordinator's reason is the "why" a reporter needs; a bare "closed" is what users of such systems complain about.
            var why = string.IsNullOrWhiteSpace(quarterOverride.Reason) ? "" : $"（原因：{quarterOverride.Reason.Trim()}）";
            return new(quarter, false, closedOn, $"{name}已于{Date(closedOn)}由统筹协调人员关闭填报{why}", PeriodWindowSource.QuarterOverride);
        }

        if (quarterOverride is { Mode: PeriodOverrideMode.Open, OpenUntil: { } reopenedUntil })
        {
            return today <= reopenedUntil
                ? new(quarter, true, reopenedUntil, $"{name}已重新开放填报，截止于{Date(reopenedUntil)}", PeriodWindowSource.QuarterOverride)
                : new(quarter, false, reopenedUntil, $"{name}已于{Date(reopenedUntil)}截止填报", PeriodWindowSource.QuarterOverride);
        }

        var deadline = quarter.DefaultDeadline(graceDays);
        if (today < quarter.EntryOpens)
        {
            return new(quarter, false, null, $"{name}将于{Date(quarter.EntryOpens)}开放填报", PeriodWindowSource.Default);
        }

        return today <= deadline
            ? new(quarter, true, deadline, $"{name}填报截止于{Date(deadline)}", PeriodWindowSource.Default)
            : new(quarter, false, deadline, $"{name}已于{Date(deadline)}截止填报", PeriodWindowSource.Default);
    }

    /// <summary>2026-10-15: the form the issue and the users write dates in.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
