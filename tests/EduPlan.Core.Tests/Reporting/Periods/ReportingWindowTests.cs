using EduPlan.Core.Reporting;

namespace EduPlan.Core.Tests.Reporting.Periods;

/// <summary>The entry window of 2026Q3 (entry opens 2026-09-01; the quarter ends 2026-09-30; deadline 2026-10-15 with 15 grace days).</summary>
public sealed class ReportingWindowTests
{
    private const int Grace = 15;
    private static readonly Quarter Q3 = new(2026, 3);

    private static DateOnly D(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A row changed at a China wall-clock time (stored as UTC, as the period service does).</summary>
    private static ReportingPeriodOverride Closed(string chinaTime, string? reason = "数据核查") => new()
    {
        Year = 2026,
        QuarterNumber = 3,
        Mode = PeriodOverrideMode.Closed,
        Reason = reason,
        ChangedAt = Utc(chinaTime),
        ChangedByName = "coordinator",
    };

    private static ReportingPeriodOverride Open(string until, int? departmentId = null) => new()
    {
        Year = 2026,
        QuarterNumber = 3,
        DepartmentId = departmentId,
        Mode = PeriodOverrideMode.Open,
        OpenUntil = D(until),
        Reason = "补报",
        ChangedAt = Utc("2026-10-20 09:00"),
        ChangedByName = "coordinator",
    };

    private static DateTime Utc(string chinaTime) =>
        new DateTimeOffset(DateTime.Parse(chinaTime, System.Globalization.CultureInfo.InvariantCulture), ChinaCalendar.Offset).UtcDateTime;

    [Theory]
    [InlineData("2026-08-31", false, null, "2026年第三季度将于2026-09-01开放填报")]
    [InlineData("2026-09-01", true, "2026-10-15", "2026年第三季度填报截止于2026-10-15")]
    [InlineData("2026-09-30", true, "2026-10-15", "2026年第三季度填报截止于2026-10-15")]
    [InlineData("2026-10-15", true, "2026-10-15", "2026年第三季度填报截止于2026-10-15")]
    [InlineData("2026-10-16", false, "2026-10-15", "2026年第三季度已于2026-10-15截止填报")]
    public void The_default_window_opens_on_the_first_day_of_the_last_month_and_closes_after_the_grace_days(
        string today, bool isOpen, string? openUntil, string reason)
    {
        var window = ReportingWindow.Decide(Q3, D(today), Grace, null, null);

        window.Zh().Should().Be(new ChineseWindow(Q3, isOpen, openUntil is null ? null : D(openUntil), reason, PeriodWindowSource.Default));
    }

    [Fact]
    public void The_fourth_quarter_stays_open_into_January_of_the_next_year()
    {
        var q4 = new Quarter(2026, 4);

        ReportingWindow.Decide(q4, D("2027-01-15"), Grace, null, null).IsOpen.Should().BeTrue();
        ReportingWindow.Decide(q4, D("2027-01-16"), Grace, null, null).Reason.Should().Be("2026年第四季度已于2027-01-15截止填报");
    }

    [Fact]
    public void Other_grace_days_move_the_deadline()
    {
        ReportingWindow.Decide(Q3, D("2026-10-01"), 0, null, null).Reason.Should().Be("2026年第三季度已于2026-09-30截止填报");
        ReportingWindow.Decide(Q3, D("2026-10-30"), 30, null, null).Zh().Should().Be(
            new ChineseWindow(Q3, true, D("2026-10-30"), "2026年第三季度填报截止于2026-10-30", PeriodWindowSource.Default));
    }

    [Fact]
    public void Negative_grace_days_are_a_mistake_not_a_window()
    {
        var decide = () => ReportingWindow.Decide(Q3, D("2026-09-10"), -1, null, null);

        decide.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void A_quarter_closed_early_is_closed_from_that_China_date_with_the_coordinators_reason()
    {
        // 2026-09-20 00:30 in China is still 2026-09-19 in UTC: the sentence gives the China date.
        var window = ReportingWindow.Decide(Q3, D("2026-09-25"), Grace, Closed("2026-09-20 00:30"), null);

        window.Zh().Should().Be(new ChineseWindow(Q3, false, D("2026-09-20"),
            "2026年第三季度已于2026-09-20由统筹协调人员关闭填报（原因：数据核查）", PeriodWindowSource.QuarterOverride));
    }

    [Fact]
    public void A_quarter_closed_without_a_reason_still_says_when_and_by_whom()
    {
        ReportingWindow.Decide(Q3, D("2026-09-25"), Grace, Closed("2026-09-20 10:00", reason: "  "), null)
            .Reason.Should().Be("2026年第三季度已于2026-09-20由统筹协调人员关闭填报");
    }

    [Fact]
    public void A_closed_quarter_stays_closed_past_its_default_window()
    {
        ReportingWindow.Decide(Q3, D("2026-10-10"), Grace, Closed("2026-09-20 10:00"), null).IsOpen.Should().BeFalse();
    }

    [Theory]
    [InlineData("2026-10-20", true, "2026年第三季度已重新开放填报，截止于2026-10-31")]
    [InlineData("2026-10-31", true, "2026年第三季度已重新开放填报，截止于2026-10-31")]
    [InlineData("2026-11-01", false, "2026年第三季度已于2026-10-31截止填报")]
    public void A_reopened_quarter_is_open_until_the_chosen_date_and_then_says_it_closed_on_it(string today, bool isOpen, string reason)
    {
        var window = ReportingWindow.Decide(Q3, D(today), Grace, Open("2026-10-31"), null);

        window.Zh().Should().Be(new ChineseWindow(Q3, isOpen, D("2026-10-31"), reason, PeriodWindowSource.QuarterOverride));
    }

    [Fact]
    public void A_reopen_replaces_the_default_dates_even_before_the_last_month()
    {
        var window = ReportingWindow.Decide(Q3, D("2026-08-10"), Grace, Open("2026-08-31"), null);

        window.IsOpen.Should().BeTrue();
        window.OpenUntil.Should().Be(D("2026-08-31"));
    }

    [Theory]
    [InlineData("2026-10-25", true)]
    [InlineData("2026-10-31", true)]
    [InlineData("2026-11-01", false)]
    public void A_department_exception_opens_a_closed_quarter_for_that_department_until_its_date(string today, bool isOpen)
    {
        var window = ReportingWindow.Decide(Q3, D(today), Grace, Closed("2026-09-20 10:00"), Open("2026-10-31", departmentId: 7));

        window.IsOpen.Should().Be(isOpen);
        window.Reason.Should().Be(isOpen
            ? "2026年第三季度已为本单位延长填报至2026-10-31"
            : "2026年第三季度已于2026-09-20由统筹协调人员关闭填报（原因：数据核查）");
        window.Source.Should().Be(isOpen ? PeriodWindowSource.DepartmentException : PeriodWindowSource.QuarterOverride);
    }

    [Fact]
    public void An_expired_exception_falls_back_to_the_default_deadline()
    {
        var exception = Open("2026-10-20", departmentId: 7);

        ReportingWindow.Decide(Q3, D("2026-10-20"), Grace, null, exception).Zh().Should().Be(
            new ChineseWindow(Q3, true, D("2026-10-20"), "2026年第三季度已为本单位延长填报至2026-10-20", PeriodWindowSource.DepartmentException));
        ReportingWindow.Decide(Q3, D("2026-10-21"), Grace, null, exception).Zh().Should().Be(
            new ChineseWindow(Q3, false, D("2026-10-15"), "2026年第三季度已于2026-10-15截止填报", PeriodWindowSource.Default));
    }

    [Fact]
    public void An_exception_ending_before_the_quarter_wide_deadline_does_not_shorten_it()
    {
        var window = ReportingWindow.Decide(Q3, D("2026-10-01"), Grace, null, Open("2026-10-05", departmentId: 7));

        window.Zh().Should().Be(new ChineseWindow(Q3, true, D("2026-10-15"), "2026年第三季度填报截止于2026-10-15", PeriodWindowSource.Default));
    }

    [Fact]
    public void An_exception_opens_a_quarter_for_its_department_before_the_quarter_opens_for_everyone()
    {
        var window = ReportingWindow.Decide(Q3, D("2026-08-20"), Grace, null, Open("2026-08-31", departmentId: 7));

        window.IsOpen.Should().BeTrue();
        window.Source.Should().Be(PeriodWindowSource.DepartmentException);
    }

    [Fact]
    public void An_exception_extends_a_reopened_quarter_beyond_its_new_date()
    {
        ReportingWindow.Decide(Q3, D("2026-11-05"), Grace, Open("2026-10-31"), Open("2026-11-10", departmentId: 7))
            .Zh().Should().Be(new ChineseWindow(Q3, true, D("2026-11-10"), "2026年第三季度已为本单位延长填报至2026-11-10", PeriodWindowSource.DepartmentException));
    }

    [Theory]
    [InlineData(2024, 4, "2024年第四季度不在填报范围内（2025年第一季度至2035年第四季度）")]
    [InlineData(2036, 1, "2036年第一季度不在填报范围内（2025年第一季度至2035年第四季度）")]
    public void A_quarter_outside_2025Q1_to_2035Q4_is_never_open_even_with_an_exception(int year, int number, string reason)
    {
        var quarter = new Quarter(year, number);
        var exception = Open("2099-12-31", departmentId: 7);

        var window = ReportingWindow.Decide(quarter, quarter.EntryOpens.AddDays(5), Grace, null, exception);

        window.Zh().Should().Be(new ChineseWindow(quarter, false, null, reason, PeriodWindowSource.NotAReportingQuarter));
    }

    [Fact]
    public void The_first_and_last_reporting_quarters_open_on_their_default_dates()
    {
        ReportingWindow.Decide(Quarter.First, D("2025-03-01"), Grace, null, null).Reason.Should().Be("2025年第一季度填报截止于2025-04-15");
        ReportingWindow.Decide(Quarter.Last, D("2036-01-15"), Grace, null, null).Reason.Should().Be("2035年第四季度填报截止于2036-01-15");
        ReportingWindow.Decide(Quarter.Last, D("2036-01-16"), Grace, null, null).Reason.Should().Be("2035年第四季度已于2036-01-15截止填报");
    }

    [Fact]
    public void Dates_are_written_yyyy_MM_dd_whatever_the_culture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("ar-SA");
            ReportingWindow.Date(new DateOnly(2026, 10, 5)).Should().Be("2026-10-05");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }
}
