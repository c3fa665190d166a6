namespace EduPlan.Application.Auditing;

/// <summary>
/// China Standard Time (北京时间, UTC+8, no daylight saving): the clock the auditor reads and filters by,
/// whatever time zone the server runs in. Audit times are stored in UTC.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The wall-clock time in China of a UTC instant (a DateTime of any kind is taken as UTC).</summary>
    public static DateTime FromUtc(DateTime utc) =>
        DateTime.SpecifyKind(DateTime.SpecifyKind(utc, DateTimeKind.Utc).Add(Offset), DateTimeKind.Unspecified);

    /// <summary>The UTC instant at which <paramref name="day"/> begins in China (00:00 China time = 16:00 UTC the day before).</summary>
    public static DateTime StartOfDayUtc(DateOnly day) =>
        DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue) - Offset, DateTimeKind.Utc);

    /// <summary>Today's date in China at <paramref name="now"/>.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime + Offset);
}
