using System.Data.Common;
using EduPlan.Application;
using EduPlan.Application.Auditing;
using EduPlan.Application.Reporting.Periods;
using EduPlan.Application.Tests.Departments;
using EduPlan.Core.Auditing;
using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EduPlan.Application.Tests.Reporting.Periods;

/// <summary>The coordinators' period changes, on the fake clock at 2026-09-10 (China): 2026Q3 is open until 2026-10-15, 2026Q2 closed on 2026-07-15.</summary>
public sealed class ReportingPeriodAdministrationTests : IAsyncLifetime
{
    private static readonly Quarter Q2 = new(2026, 2);
    private static readonly Quarter Q3 = ReportingDatabase.Q3;
    private static readonly Quarter Q4 = new(2026, 4);

    private readonly ReportingDatabase _data = new();

    public Task InitializeAsync() => _data.InitializeAsync();

    public Task DisposeAsync() => _data.DisposeAsync();

    private static DateOnly D(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

    private Task<T> Periods<T>(Func<ReportingPeriodAdministration, Task<T>> work, params IInterceptor[] interceptors) =>
        _data.Use(s => work(new ReportingPeriodAdministration(s.Db, s.Audit, s.Calendar, s.Clock)), ReportingDatabase.Coordinator, interceptors);

    private Task<PeriodWindow> WindowAsync(Quarter quarter, int departmentId) =>
        _data.Use(s => s.Calendar.GetWindowAsync(quarter, departmentId));

    private Task<List<ReportingPeriodOverride>> RowsAsync() =>
        _data.QueryAsync(db => db.ReportingPeriodOverrides.AsNoTracking().OrderBy(o => o.Id).ToListAsync());

    private Task<int> AuditCountAsync() =>
        _data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action.StartsWith("Period")));

    private async Task AssertNothingWrittenAsync()
    {
        (await RowsAsync()).Should().BeEmpty();
        (await AuditCountAsync()).Should().Be(0);
    }

    private static void ShouldHaveErrors(Result<PeriodWindow> result, params (string Field, string Message)[] errors)
    {
        result.Kind.Should().Be(ResultKind.Invalid);
        result.Succeeded.Should().BeFalse();
        result.Errors.Zh().Should().BeEquivalentTo(errors);
    }

    [Fact]
    public async Task Close_shuts_an_open_quarter_now_with_the_reason_and_audits_the_window_before_and_after()
    {
        var result = await Periods(p => p.CloseAsync(Q3, "  数据核查，暂停填报  "));

        result.Kind.Should().Be(ResultKind.Saved);
        result.Value!.Zh().Should().Be(new ChineseWindow(Q3, false, D("2026-09-10"),
            "2026年第三季度已于2026-09-10由统筹协调人员关闭填报（原因：数据核查，暂停填报）", PeriodWindowSource.QuarterOverride));
        (await WindowAsync(Q3, _data.Education)).Should().Be(result.Value);

        var row = (await RowsAsync()).Should().ContainSingle().Subject;
        row.Should().BeEquivalentTo(new
        {
            Year = 2026,
            QuarterNumber = 3,
            DepartmentId = (int?)null,
            Mode = PeriodOverrideMode.Closed,
            OpenUntil = (DateOnly?)null,
            Reason = "数据核查，暂停填报",
            ChangedAt = _data.Data.Clock.GetUtcNow().UtcDateTime,
            ChangedByName = "coordinator",
        });

        var entry = (await _data.AuditAsync(AuditActions.PeriodClosed)).Should().ContainSingle().Subject;
        entry.Outcome.Should().Be(AuditOutcome.Success);
        entry.ActorName.Should().Be("coordinator");
        (entry.TargetType, entry.TargetId, entry.TargetName).Should().Be(("Period", "2026Q3", "2026Q3"));
        var before = AdministrationDatabase.Details(entry, "before");
        before.GetProperty("mode").GetString().Should().Be("Default");
        before.GetProperty("isOpen").GetBoolean().Should().BeTrue();
        before.GetProperty("window").GetString().Should().Be("2026年第三季度填报截止于2026-10-15");
        var after = AdministrationDatabase.Details(entry, "after");
        after.GetProperty("mode").GetString().Should().Be("Closed");
        after.GetProperty("reason").GetString().Should().Be("数据核查，暂停填报");
        after.GetProperty("isOpen").GetBoolean().Should().BeFalse();
    }

    [Theory]
    [InlineData(null, "请填写原因（填报人员会看到）。")]
    [InlineData("   ", "请填写原因（填报人员会看到）。")]
    public async Task Close_needs_a_reason_and_writes_nothing_without_one(string? reason, string message)
    {
        var result = await Periods(p => p.CloseAsync(Q3, reason));

        ShouldHaveErrors(result, ("Reason", message));
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task A_reason_of_500_characters_is_kept_and_one_of_501_is_refused()
    {
        var tooLong = await Periods(p => p.CloseAsync(Q3, new string('因', 501)));
        ShouldHaveErrors(tooLong, ("Reason", "原因不能超过500个字符（现有501个）。"));
        await AssertNothingWrittenAsync();

        var longest = await Periods(p => p.CloseAsync(Q3, new string('因', 500)));
        longest.Kind.Should().Be(ResultKind.Saved);
        (await RowsAsync()).Single().Reason.Should().HaveLength(500);
    }

    [Fact]
    public async Task Close_refuses_a_quarter_already_past_its_deadline_and_says_so()
    {
        var result = await Periods(p => p.CloseAsync(Q2, "重复关闭"));

        result.Kind.Should().Be(ResultKind.Refused);
        result.Reason.Should().Be("2026年第二季度已于2026-07-15截止填报，无需关闭。");
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task Close_refuses_a_quarter_that_is_already_closed()
    {
        await Periods(p => p.CloseAsync(Q3, "第一次"));

        var again = await Periods(p => p.CloseAsync(Q3, "第二次"));

        again.Kind.Should().Be(ResultKind.Refused);
        again.Reason.Should().Be("2026年第三季度已于2026-09-10由统筹协调人员关闭填报（原因：第一次），无需关闭。");
        (await RowsAsync()).Single().Reason.Should().Be("第一次");
        (await _data.AuditAsync(AuditActions.PeriodClosed)).Should().HaveCount(1);
    }

    [Fact]
    public async Task A_quarter_not_yet_open_can_be_held_shut_past_its_opening_day()
    {
        var result = await Periods(p => p.CloseAsync(Q4, "推迟开放"));
        _data.SetChinaTime(new DateTime(2026, 12, 5, 9, 0, 0));

        result.Kind.Should().Be(ResultKind.Saved);
        (await WindowAsync(Q4, _data.Education)).Reason.Should().Be("2026年第四季度已于2026-09-10由统筹协调人员关闭填报（原因：推迟开放）");
    }

    [Theory]
    [InlineData(2024, 4, "2024年第四季度不在填报范围内（2025年第一季度至2035年第四季度）。")]
    [InlineData(2036, 1, "2036年第一季度不在填报范围内（2025年第一季度至2035年第四季度）。")]
    public async Task Every_change_refuses_a_quarter_outside_2025Q1_to_2035Q4(int year, int number, string message)
    {
        var quarter = new Quarter(year, number);
        var until = D("2026-09-30");

        ShouldHaveErrors(await Periods(p => p.CloseAsync(quarter, "原因")), ("", message));
        ShouldHaveErrors(await Periods(p => p.ReopenAsync(quarter, until, "原因")), ("", message));
        ShouldHaveErrors(await Periods(p => p.ResetAsync(quarter)), ("", message));
        ShouldHaveErrors(await Periods(p => p.GrantExceptionAsync(quarter, _data.Finance, until, "原因")), ("", message));
        ShouldHaveErrors(await Periods(p => p.RemoveExceptionAsync(quarter, _data.Finance)), ("", message));
        ShouldHaveErrors(await Periods(p => p.CloseAsync(default, "原因")), ("", "请选择季度。"));
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task Reopen_opens_a_past_quarter_until_the_chosen_date_and_audits_it()
    {
        var result = await Periods(p => p.ReopenAsync(Q2, D("2026-09-30"), "补报二季度"));

        result.Kind.Should().Be(ResultKind.Saved);
        result.Value!.Zh().Should().Be(new ChineseWindow(Q2, true, D("2026-09-30"), "2026年第二季度已重新开放填报，截止于2026-09-30", PeriodWindowSource.QuarterOverride));
        (await WindowAsync(Q2, _data.Science)).IsOpen.Should().BeTrue();
        var entry = (await _data.AuditAsync(AuditActions.PeriodReopened)).Should().ContainSingle().Subject;
        entry.TargetId.Should().Be("2026Q2");
        AdministrationDatabase.Details(entry, "before").GetProperty("window").GetString().Should().Be("2026年第二季度已于2026-07-15截止填报");
        var after = AdministrationDatabase.Details(entry, "after");
        after.GetProperty("mode").GetString().Should().Be("Open");
        after.GetProperty("openUntil").GetString().Should().Be("2026-09-30");
        after.GetProperty("reason").GetString().Should().Be("补报二季度");

        _data.SetChinaTime(new DateTime(2026, 10, 1, 0, 0, 0));
        (await WindowAsync(Q2, _data.Science)).Reason.Should().Be("2026年第二季度已于2026-09-30截止填报");
    }

    [Fact]
    public async Task Reopen_reports_every_missing_or_wrong_input_under_its_field_and_writes_nothing()
    {
        ShouldHaveErrors(await Periods(p => p.ReopenAsync(Q2, null, "")),
            ("OpenUntil", "请选择开放截止日期。"), ("Reason", "请填写原因（填报人员会看到）。"));
        ShouldHaveErrors(await Periods(p => p.ReopenAsync(Q2, D("2026-09-09"), "补报")),
            ("OpenUntil", "开放截止日期不能早于今天（2026-09-10）。"));
        ShouldHaveErrors(await Periods(p => p.ReopenAsync(Q2, D("2027-07-01"), "补报")),
            ("OpenUntil", "开放截止日期不能晚于2027-06-30（2026年第二季度结束后一年）。"));
        await AssertNothingWrittenAsync();
    }

    [Theory]
    [InlineData("2026-09-10")]
    [InlineData("2027-06-30")]
    public async Task Reopen_accepts_today_and_the_day_one_year_after_the_quarter_ends(string until)
    {
        var result = await Periods(p => p.ReopenAsync(Q2, D(until), "补报"));

        result.Kind.Should().Be(ResultKind.Saved);
        result.Value!.IsOpen.Should().BeTrue();
    }

    [Fact]
    public async Task Reopening_a_closed_quarter_changes_its_one_row_and_the_audit_shows_it_was_closed()
    {
        await Periods(p => p.CloseAsync(Q3, "核查"));
        _data.SetChinaTime(new DateTime(2026, 9, 12, 9, 0, 0));

        var result = await Periods(p => p.ReopenAsync(Q3, D("2026-10-20"), "核查完毕"));

        result.Kind.Should().Be(ResultKind.Saved);
        var row = (await RowsAsync()).Should().ContainSingle().Subject;
        (row.Mode, row.OpenUntil, row.Reason).Should().Be((PeriodOverrideMode.Open, D("2026-10-20"), "核查完毕"));
        var entry = (await _data.AuditAsync(AuditActions.PeriodReopened)).Should().ContainSingle().Subject;
        var before = AdministrationDatabase.Details(entry, "before");
        before.GetProperty("mode").GetString().Should().Be("Closed");
        before.GetProperty("reason").GetString().Should().Be("核查");
    }

    [Fact]
    public async Task Reopening_again_with_the_same_date_and_reason_changes_nothing()
    {
        await Periods(p => p.ReopenAsync(Q2, D("2026-09-30"), "补报"));

        var again = await Periods(p => p.ReopenAsync(Q2, D("2026-09-30"), " 补报 "));

        again.Kind.Should().Be(ResultKind.Saved);
        again.Changed.Should().BeFalse();
        again.Succeeded.Should().BeTrue();
        again.Value!.OpenUntil.Should().Be(D("2026-09-30"));
        (await _data.AuditAsync(AuditActions.PeriodReopened)).Should().HaveCount(1);
    }

    [Fact]
    public async Task Reset_deletes_the_quarter_wide_change_keeps_the_exceptions_and_audits_it()
    {
        await Periods(p => p.ReopenAsync(Q2, D("2026-09-30"), "补报"));
        await Periods(p => p.GrantExceptionAsync(Q2, _data.Finance, D("2026-10-31"), "财政数据晚到"));

        var result = await Periods(p => p.ResetAsync(Q2));

        result.Kind.Should().Be(ResultKind.Saved);
        result.Value!.Zh().Should().Be(new ChineseWindow(Q2, false, D("2026-07-15"), "2026年第二季度已于2026-07-15截止填报", PeriodWindowSource.Default));
        (await RowsAsync()).Should().ContainSingle().Which.DepartmentId.Should().Be(_data.Finance);
        (await WindowAsync(Q2, _data.Finance)).IsOpen.Should().BeTrue();
        var entry = (await _data.AuditAsync(AuditActions.PeriodReset)).Should().ContainSingle().Subject;
        AdministrationDatabase.Details(entry, "before").GetProperty("openUntil").GetString().Should().Be("2026-09-30");
        AdministrationDatabase.Details(entry, "after").GetProperty("mode").GetString().Should().Be("Default");
    }

    [Fact]
    public async Task Reset_of_a_quarter_on_its_default_dates_changes_nothing_and_audits_nothing()
    {
        var result = await Periods(p => p.ResetAsync(Q3));

        result.Kind.Should().Be(ResultKind.Saved);
        result.Changed.Should().BeFalse();
        result.Value!.Reason.Should().Be("2026年第三季度填报截止于2026-10-15");
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task An_exception_opens_a_closed_quarter_for_one_department_only_and_is_audited_with_its_name()
    {
        var result = await Periods(p => p.GrantExceptionAsync(Q2, _data.Finance, D("2026-09-30"), "财政数据晚到"));

        result.Kind.Should().Be(ResultKind.Saved);
        result.Value!.Zh().Should().Be(new ChineseWindow(Q2, true, D("2026-09-30"), "2026年第二季度已为本单位延长填报至2026-09-30", PeriodWindowSource.DepartmentException));
        (await WindowAsync(Q2, _data.Finance)).IsOpen.Should().BeTrue();
        (await WindowAsync(Q2, _data.Education)).Reason.Should().Be("2026年第二季度已于2026-07-15截止填报");
        var entry = (await _data.AuditAsync(AuditActions.PeriodExceptionGranted)).Should().ContainSingle().Subject;
        (entry.TargetId, entry.TargetName).Should().Be(("2026Q2", "2026Q2 市财政局"));
        var after = AdministrationDatabase.Details(entry, "after");
        after.GetProperty("department").GetString().Should().Be("重庆市财政局");
        after.GetProperty("openUntil").GetString().Should().Be("2026-09-30");
        after.GetProperty("window").GetString().Should().Be("2026年第二季度已为本单位延长填报至2026-09-30");
        AdministrationDatabase.Details(entry, "before").GetProperty("mode").GetString().Should().Be("Default");
    }

    [Fact]
    public async Task A_second_exception_for_the_same_department_and_quarter_changes_the_first()
    {
        await Periods(p => p.GrantExceptionAsync(Q2, _data.Finance, D("2026-09-30"), "财政数据晚到"));
        await Periods(p => p.GrantExceptionAsync(Q2, _data.Education, D("2026-09-20"), "教委补报"));

        var result = await Periods(p => p.GrantExceptionAsync(Q2, _data.Finance, D("2026-10-10"), "再延长"));

        result.Kind.Should().Be(ResultKind.Saved);
        var rows = await RowsAsync();
        rows.Should().HaveCount(2);
        rows.Single(r => r.DepartmentId == _data.Finance).Should().BeEquivalentTo(new { OpenUntil = (DateOnly?)D("2026-10-10"), Reason = "再延长" });
        var entries = await _data.AuditAsync(AuditActions.PeriodExceptionGranted);
        entries.Should().HaveCount(3);
        AdministrationDatabase.Details(entries[2], "before").GetProperty("openUntil").GetString().Should().Be("2026-09-30");
    }

    [Fact]
    public async Task An_exception_needs_an_active_department_a_date_and_a_reason_and_writes_nothing_otherwise()
    {
        var retired = await _data.Data.AddDepartmentAsync("已撤销的办公室", "撤销办", isActive: false);

        ShouldHaveErrors(await Periods(p => p.GrantExceptionAsync(Q2, null, null, null)),
            ("DepartmentId", "请选择单位。"), ("OpenUntil", "请选择开放截止日期。"), ("Reason", "请填写原因（填报人员会看到）。"));
        ShouldHaveErrors(await Periods(p => p.GrantExceptionAsync(Q2, 999_999, D("2026-09-30"), "补报")),
            ("DepartmentId", "所选单位不存在或已被删除。"));
        ShouldHaveErrors(await Periods(p => p.GrantExceptionAsync(Q2, retired, D("2026-09-30"), "补报")),
            ("DepartmentId", "单位“已撤销的办公室”已停用，不能为其开放填报。"));
        ShouldHaveErrors(await Periods(p => p.GrantExceptionAsync(Q2, _data.Finance, D("2026-09-01"), "补报")),
            ("OpenUntil", "开放截止日期不能早于今天（2026-09-10）。"));
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task Removing_an_exception_puts_the_department_back_on_the_quarter_window_and_is_audited()
    {
        await Periods(p => p.GrantExceptionAsync(Q2, _data.Finance, D("2026-09-30"), "财政数据晚到"));

        var result = await Periods(p => p.RemoveExceptionAsync(Q2, _data.Finance));

        result.Kind.Should().Be(ResultKind.Saved);
        result.Value!.Reason.Should().Be("2026年第二季度已于2026-07-15截止填报");
        (await RowsAsync()).Should().BeEmpty();
        (await WindowAsync(Q2, _data.Finance)).IsOpen.Should().BeFalse();
        var entry = (await _data.AuditAsync(AuditActions.PeriodExceptionRemoved)).Should().ContainSingle().Subject;
        entry.TargetName.Should().Be("2026Q2 市财政局");
        AdministrationDatabase.Details(entry, "before").GetProperty("reason").GetString().Should().Be("财政数据晚到");
        AdministrationDatabase.Details(entry, "after").GetProperty("isOpen").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Removing_an_exception_that_does_not_exist_is_not_found_and_audits_nothing()
    {
        var result = await Periods(p => p.RemoveExceptionAsync(Q2, _data.Finance));

        result.Kind.Should().Be(ResultKind.NotFound);
        result.Reason.Should().Be("该单位在2026年第二季度没有单独开放的例外（可能已被取消）。");
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task Duplicate_quarter_wide_rows_left_by_a_race_are_merged_into_one_on_the_next_change()
    {
        await using (var db = _data.Data.Context())
        {
            var at = _data.Data.Clock.GetUtcNow().UtcDateTime;
            db.ReportingPeriodOverrides.AddRange(
                new ReportingPeriodOverride { Year = 2026, QuarterNumber = 2, Mode = PeriodOverrideMode.Open, OpenUntil = D("2026-09-20"), Reason = "甲", ChangedAt = at.AddMinutes(-5), ChangedByName = "a" },
                new ReportingPeriodOverride { Year = 2026, QuarterNumber = 2, Mode = PeriodOverrideMode.Open, OpenUntil = D("2026-09-25"), Reason = "乙", ChangedAt = at.AddMinutes(-1), ChangedByName = "b" });
            await db.SaveChangesAsync();
        }

        var result = await Periods(p => p.ReopenAsync(Q2, D("2026-09-30"), "合并"));

        result.Kind.Should().Be(ResultKind.Saved);
        var row = (await RowsAsync()).Should().ContainSingle().Subject;
        (row.OpenUntil, row.Reason).Should().Be((D("2026-09-30"), "合并"));
        var entry = (await _data.AuditAsync(AuditActions.PeriodReopened)).Single();
        AdministrationDatabase.Details(entry, "before").GetProperty("reason").GetString().Should().Be("乙", "the newest row is the one that counted");
    }

    [Fact]
    public async Task When_the_audit_entry_cannot_be_written_the_change_is_not_written_either()
    {
        var act = () => Periods(p => p.CloseAsync(Q3, "核查"), new FailAuditInsert());

        await act.Should().ThrowAsync<Exception>();
        await AssertNothingWrittenAsync();
        (await WindowAsync(Q3, _data.Education)).IsOpen.Should().BeTrue();
    }

    [Fact]
    public async Task List_gives_each_quarter_newest_first_with_its_dates_window_override_and_exceptions()
    {
        await Periods(p => p.CloseAsync(Q3, "核查"));
        await Periods(p => p.GrantExceptionAsync(Q3, _data.Finance, D("2026-09-30"), "财政补报"));
        await Periods(p => p.GrantExceptionAsync(Q3, _data.Education, D("2026-09-10"), "教委补报"));
        await Periods(p => p.ReopenAsync(Q2, D("2026-09-20"), "补报"));
        _data.SetChinaTime(new DateTime(2026, 9, 11, 9, 0, 0));

        var periods = await Periods(p => p.ListAsync(Quarter.First, new Quarter(2027, 1)));

        periods.Select(p => p.Quarter.ToString()).Should().Equal(
            "2027Q1", "2026Q4", "2026Q3", "2026Q2", "2026Q1", "2025Q4", "2025Q3", "2025Q2", "2025Q1");
        periods.Where(p => p.IsCurrent).Select(p => p.Quarter).Should().Equal(Q3);

        var q3 = periods.Single(p => p.Quarter == Q3);
        (q3.EntryOpens, q3.DefaultDeadline).Should().Be((D("2026-09-01"), D("2026-10-15")));
        q3.Window.Reason.Should().Be("2026年第三季度已于2026-09-10由统筹协调人员关闭填报（原因：核查）");
        q3.Override.Should().BeEquivalentTo(new { Mode = PeriodOverrideMode.Closed, OpenUntil = (DateOnly?)null, Reason = "核查", ChangedByName = "coordinator" });
        q3.Exceptions.Select(e => (e.DepartmentName, e.DepartmentShortName, e.OpenUntil, e.IsExpired, e.Window.IsOpen)).Should().Equal(
            ("重庆市教育委员会", "市教委", D("2026-09-10"), true, false),
            ("重庆市财政局", "市财政局", D("2026-09-30"), false, true));
        q3.Exceptions[1].Reason.Should().Be("财政补报");

        var q2 = periods.Single(p => p.Quarter == Q2);
        q2.Override!.OpenUntil.Should().Be(D("2026-09-20"));
        q2.Window.IsOpen.Should().BeTrue();
        q2.Exceptions.Should().BeEmpty();

        var q1 = periods.Single(p => p.Quarter == new Quarter(2026, 1));
        (q1.Override, q1.Window.Reason.ToString()).Should().Be(((PeriodOverrideSummary?)null, "2026年第一季度已于2026-04-15截止填报"));
    }

    [Fact]
    public async Task List_keeps_to_the_reporting_quarters()
    {
        var all = await Periods(p => p.ListAsync(new Quarter(2020, 1), new Quarter(2040, 4)));
        var reversed = await Periods(p => p.ListAsync(new Quarter(2027, 1), new Quarter(2026, 1)));
        var one = await Periods(p => p.GetAsync(Q4));
        var outside = await Periods(p => p.GetAsync(new Quarter(2036, 1)));

        all.Should().HaveCount(44);
        (all[0].Quarter, all[^1].Quarter).Should().Be((Quarter.Last, Quarter.First));
        reversed.Should().BeEmpty();
        one!.Window.Reason.Should().Be("2026年第四季度将于2026-12-01开放填报");
        outside.Should().BeNull();
    }

    /// <summary>Fails the audit insert, as a full disk or a lost connection would, after the override insert is sent.</summary>
    private sealed class FailAuditInsert : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            command.CommandText.Contains("\"AuditEntries\"", StringComparison.Ordinal) && command.CommandText.Contains("INSERT", StringComparison.Ordinal)
                ? throw new InvalidOperationException("audit insert failed")
                : base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}
