using EduPlan.Application.Reporting;
using EduPlan.Core.Reporting;
using Microsoft.Extensions.Time.Testing;

namespace EduPlan.Application.Tests.Reporting.Periods;

/// <summary>The calendar on the fake clock: China dates, the current quarter and the quarter a department reports on.</summary>
public sealed class ReportingCalendarTests : IAsyncLifetime
{
    private readonly ReportingDatabase _data = new();

    public Task InitializeAsync() => _data.InitializeAsync();

    public Task DisposeAsync() => _data.DisposeAsync();

    private Task<T> Calendar<T>(Func<ReportingCalendar, Task<T>> work) => _data.Use(s => work(s.Calendar));

    private Task<T> Now<T>(Func<ReportingCalendar, T> work) => _data.Use(s => Task.FromResult(work(s.Calendar)));

    private void SetUtc(string utc) =>
        _data.Data.Clock.SetUtcNow(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));

    private async Task AddOverrideAsync(Quarter quarter, PeriodOverrideMode mode, string? openUntil = null, int? departmentId = null, string reason = "测试")
    {
        await using var db = _data.Data.Context();
        db.ReportingPeriodOverrides.Add(new ReportingPeriodOverride
        {
            Year = quarter.Year,
            QuarterNumber = quarter.Number,
            DepartmentId = departmentId,
            Mode = mode,
            OpenUntil = openUntil is null ? null : DateOnly.Parse(openUntil, System.Globalization.CultureInfo.InvariantCulture),
            Reason = reason,
            ChangedAt = _data.Data.Clock.GetUtcNow().UtcDateTime,
            ChangedByName = "coordinator",
        });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task The_China_date_changes_at_16_00_UTC_and_with_it_the_quarter()
    {
        SetUtc("2026-09-30T15:59:59Z");
        (await Now(c => c.Today())).Should().Be(new DateOnly(2026, 9, 30));
        (await Now(c => c.CurrentQuarter())).Should().Be(new Quarter(2026, 3));

        SetUtc("2026-09-30T16:00:00Z");
        (await Now(c => c.Today())).Should().Be(new DateOnly(2026, 10, 1));
        (await Now(c => c.CurrentQuarter())).Should().Be(new Quarter(2026, 4));
    }

    [Fact]
    public async Task The_deadline_ends_at_midnight_in_China_not_in_UTC()
    {
        SetUtc("2026-10-15T15:59:59Z");
        var lastMinute = await Calendar(c => c.GetWindowAsync(ReportingDatabase.Q3, _data.Education));
        SetUtc("2026-10-15T16:00:00Z");
        var nextDay = await Calendar(c => c.GetWindowAsync(ReportingDatabase.Q3, _data.Education));

        lastMinute.IsOpen.Should().BeTrue();
        lastMinute.Reason.Should().Be("2026年第三季度填报截止于2026-10-15");
        nextDay.IsOpen.Should().BeFalse();
        nextDay.Reason.Should().Be("2026年第三季度已于2026-10-15截止填报");
    }

    [Theory]
    [InlineData("2024-06-01T00:00:00Z", 2025, 1)]
    [InlineData("2024-12-31T16:00:00Z", 2025, 1)]
    [InlineData("2035-12-31T15:59:59Z", 2035, 4)]
    [InlineData("2036-03-01T00:00:00Z", 2035, 4)]
    [InlineData("2101-06-01T00:00:00Z", 2035, 4)]
    public async Task The_current_quarter_stays_within_2025Q1_to_2035Q4(string utc, int year, int number)
    {
        // A clock of its own: the shared fake clock cannot go back before 2026.
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));

        var current = await _data.Use(s => Task.FromResult(new ReportingCalendar(s.Db, clock, s.Options).CurrentQuarter()));

        current.Should().Be(new Quarter(year, number));
    }

    [Fact]
    public async Task The_grace_days_come_from_the_options()
    {
        _data.Options.GraceDays = 30;
        _data.SetChinaTime(new DateTime(2026, 10, 30, 12, 0, 0));

        var window = await Calendar(c => c.GetWindowAsync(ReportingDatabase.Q3, _data.Education));

        window.Zh().Should().Be(new ChineseWindow(ReportingDatabase.Q3, true, new DateOnly(2026, 10, 30), "2026年第三季度填报截止于2026-10-30", PeriodWindowSource.Default));
    }

    [Fact]
    public async Task Negative_grace_days_are_refused_with_the_setting_named()
    {
        _data.Options.GraceDays = -3;

        var read = () => Calendar(c => c.GetWindowAsync(ReportingDatabase.Q3, _data.Education));

        (await read.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*Reporting:GraceDays*-3*");
    }

    [Fact]
    public async Task On_2026_10_05_departments_report_on_2026Q3_which_is_still_open()
    {
        _data.SetChinaTime(new DateTime(2026, 10, 5, 9, 0, 0));

        (await Calendar(c => c.DefaultQuarterAsync(_data.Education))).Should().Be(new Quarter(2026, 3));
        (await Calendar(c => c.DefaultQuarterAsync(null))).Should().Be(new Quarter(2026, 3));
    }

    [Fact]
    public async Task On_2026_11_10_nothing_is_open_so_departments_see_2026Q4_and_when_it_opens()
    {
        _data.SetChinaTime(new DateTime(2026, 11, 10, 9, 0, 0));

        var quarter = await Calendar(c => c.DefaultQuarterAsync(_data.Education));
        var window = await Calendar(c => c.GetWindowAsync(quarter, _data.Education));

        quarter.Should().Be(new Quarter(2026, 4));
        window.IsOpen.Should().BeFalse();
        window.Reason.Should().Be("2026年第四季度将于2026-12-01开放填报");
    }

    [Fact]
    public async Task An_exception_holding_2026Q2_open_sends_only_that_department_to_2026Q2()
    {
        _data.SetChinaTime(new DateTime(2026, 11, 10, 9, 0, 0));
        await AddOverrideAsync(new Quarter(2026, 2), PeriodOverrideMode.Open, "2026-11-20", _data.Finance);

        (await Calendar(c => c.DefaultQuarterAsync(_data.Finance))).Should().Be(new Quarter(2026, 2));
        (await Calendar(c => c.DefaultQuarterAsync(_data.Education))).Should().Be(new Quarter(2026, 4));
        (await Calendar(c => c.DefaultQuarterAsync(null))).Should().Be(new Quarter(2026, 4));

        _data.SetChinaTime(new DateTime(2026, 11, 21, 9, 0, 0));
        (await Calendar(c => c.DefaultQuarterAsync(_data.Finance))).Should().Be(new Quarter(2026, 4), "the exception has expired");
    }

    [Fact]
    public async Task The_open_current_quarter_wins_over_an_older_quarter_held_open()
    {
        _data.SetChinaTime(new DateTime(2026, 10, 5, 9, 0, 0));
        await AddOverrideAsync(new Quarter(2026, 2), PeriodOverrideMode.Open, "2026-10-31", _data.Finance);

        (await Calendar(c => c.DefaultQuarterAsync(_data.Finance))).Should().Be(new Quarter(2026, 3));
    }

    [Fact]
    public async Task A_reopened_old_quarter_is_the_default_for_everyone_while_nothing_newer_is_open()
    {
        _data.SetChinaTime(new DateTime(2026, 11, 10, 9, 0, 0));
        await AddOverrideAsync(new Quarter(2026, 1), PeriodOverrideMode.Open, "2026-11-30");

        (await Calendar(c => c.DefaultQuarterAsync(_data.Science))).Should().Be(new Quarter(2026, 1));
    }

    [Fact]
    public async Task A_closed_current_quarter_is_still_the_default_and_its_window_says_why()
    {
        _data.SetChinaTime(new DateTime(2026, 9, 20, 9, 0, 0));
        await AddOverrideAsync(ReportingDatabase.Q3, PeriodOverrideMode.Closed, reason: "年中核查");

        var quarter = await Calendar(c => c.DefaultQuarterAsync(_data.Education));
        var window = await Calendar(c => c.GetWindowAsync(quarter, _data.Education));

        quarter.Should().Be(ReportingDatabase.Q3);
        window.Reason.Should().Be("2026年第三季度已于2026-09-20由统筹协调人员关闭填报（原因：年中核查）");
    }

    [Fact]
    public async Task Load_reads_a_quarter_once_and_decides_each_department_and_the_quarter_as_a_whole()
    {
        _data.SetChinaTime(new DateTime(2026, 9, 20, 9, 0, 0));
        await AddOverrideAsync(ReportingDatabase.Q3, PeriodOverrideMode.Closed, reason: "年中核查");
        await AddOverrideAsync(ReportingDatabase.Q3, PeriodOverrideMode.Open, "2026-09-25", _data.Finance);

        var windows = await Calendar(c => c.LoadAsync(ReportingDatabase.Q3));

        windows.QuarterWide.IsOpen.Should().BeFalse();
        windows.QuarterOverride!.Mode.Should().Be(PeriodOverrideMode.Closed);
        windows.Exceptions.Keys.Should().Equal(_data.Finance);
        windows.For(_data.Finance).Zh().Should().Be(new ChineseWindow(ReportingDatabase.Q3, true, new DateOnly(2026, 9, 25),
            "2026年第三季度已为本单位延长填报至2026-09-25", PeriodWindowSource.DepartmentException));
        windows.For(_data.Education).Should().Be(windows.QuarterWide);
    }

    [Fact]
    public async Task Overrides_of_other_quarters_do_not_leak_into_a_quarters_window()
    {
        _data.SetChinaTime(new DateTime(2026, 9, 20, 9, 0, 0));
        await AddOverrideAsync(new Quarter(2025, 3), PeriodOverrideMode.Closed);
        await AddOverrideAsync(new Quarter(2026, 2), PeriodOverrideMode.Closed);

        (await Calendar(c => c.GetWindowAsync(ReportingDatabase.Q3, _data.Education))).Source.Should().Be(PeriodWindowSource.Default);
    }
}
