namespace EduPlan.Core.Reporting;

/// <summary>
/// China Standard Time (北京时间, UTC+8, no daylight saving) whatever time zone the server runs in: deadlines are China
/// dates, audit filters are China days, pages show China wall-clock time. Times are stored in UTC.
/// </summary>
public static class ChinaCalendar
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>Today's date in China.</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOf(clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>The China date of a UTC instant (a DateTime of any kind is taken as UTC).</summary>
    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(ToChina(utc).DateTime);

    /// <summary>A UTC instant as China time (a DateTime of any kind is taken as UTC).</summary>
    public static DateTimeOffset ToChina(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(Offset);

    /// <summary>The UTC instant of a China wall-clock time: 00:00 on 2026-03-02 in China is 16:00 UTC on 2026-03-01.</summary>
    public static DateTime ToUtc(DateOnly day, TimeOnly time) =>
        new DateTimeOffset(day.ToDateTime(time), Offset).UtcDateTime;
}
