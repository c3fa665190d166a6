using EduPlan.Core.Organisation;
using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Cli.Tests.Demo;

/// <summary>demo against a database that is not empty, its options, and its determinism; each test with its own database.</summary>
public sealed class DemoRerunTests : IDisposable
{
    private readonly CliSandbox sandbox = new();

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task A_second_run_is_refused_without_force_and_writes_nothing()
    {
        // Four departments instead of the default sixteen: the refusal does not depend on the demo's size, and CI runs this twice.
        (await sandbox.RunAsync("demo", "--today", DemoRun.Today, "--departments", "4")).ExitCode.Should().Be(0);
        var before = await DemoRun.DumpAsync(sandbox);
        var users = sandbox.Scalar("SELECT COUNT(*) FROM \"AspNetUsers\"");

        var again = await sandbox.RunAsync("demo", "--today", DemoRun.Today, "--departments", "4");

        again.ExitCode.Should().Be(1, again.ToString());
        again.Error.Should().Contain($"the database already holds {before.Count} progress reports").And.Contain("--force");
        (await DemoRun.DumpAsync(sandbox)).Should().Equal(before);
        sandbox.Scalar("SELECT COUNT(*) FROM \"AspNetUsers\"").Should().Be(users);
    }

    [Fact]
    public async Task With_force_a_later_run_adds_the_new_quarters_and_leaves_existing_reports_and_users_alone()
    {
        // Four departments instead of the default sixteen: what a later run adds and leaves alone does not depend on the size.
        (await sandbox.RunAsync("demo", "--today", "2026-04-20", "--seed", "3", "--departments", "4")).ExitCode.Should().Be(0);
        var before = await DemoRun.DumpAsync(sandbox);
        var hash = sandbox.Scalar("SELECT \"PasswordHash\" FROM \"AspNetUsers\" WHERE \"UserName\" = 'jiaowei'");

        var later = await sandbox.RunAsync("demo", "--today", DemoRun.Today, "--seed", "3", "--departments", "4", "--force");

        later.ExitCode.Should().Be(0, later.ToString());
        later.Output.Should().Contain("existing left as they were").And.Contain("users that already existed keep their passwords").And.NotContain("password:");
        var after = await DemoRun.DumpAsync(sandbox);
        after.Should().Contain(before, "reports already there are not touched");
        after.Count.Should().BeGreaterThan(before.Count);
        sandbox.Scalar("SELECT COUNT(*) FROM \"ProgressReports\" WHERE \"Year\" = 2026 AND \"QuarterNumber\" = 3").Should().NotBe(0L);
        sandbox.Scalar("SELECT \"PasswordHash\" FROM \"AspNetUsers\" WHERE \"UserName\" = 'jiaowei'").Should().Be(hash);
        sandbox.Scalar("SELECT COUNT(*) FROM \"Departments\"").Should().Be(4L);
    }

    [Fact]
    public async Task The_same_seed_on_the_same_day_gives_the_same_reports_and_another_seed_other_ones()
    {
        using var twin = new CliSandbox();
        using var other = new CliSandbox();

        (await sandbox.RunAsync("demo", "--today", DemoRun.Today, "--seed", "11", "--departments", "6")).ExitCode.Should().Be(0);
        (await twin.RunAsync("demo", "--today", DemoRun.Today, "--seed", "11", "--departments", "6")).ExitCode.Should().Be(0);
        (await other.RunAsync("demo", "--today", DemoRun.Today, "--seed", "12", "--departments", "6")).ExitCode.Should().Be(0);

        var first = await DemoRun.DumpAsync(sandbox);
        first.Should().NotBeEmpty();
        (await DemoRun.DumpAsync(twin)).Should().Equal(first);
        (await DemoRun.DumpAsync(other)).Should().NotEqual(first);
    }

    [Fact]
    public async Task Through_a_later_quarter_and_forty_departments_fills_every_quarter_to_it_with_extra_districts()
    {
        var result = await sandbox.RunAsync("demo", "--today", DemoRun.Today, "--through", "2026Q4", "--departments", "40", "--password", "Demo-Passw0rd!");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("quarters:     2025Q1–2026Q4 reviewed").And.Contain("password:     Demo-Passw0rd!");
        var departments = await DemoRun.QueryAsync(sandbox, db => db.Departments.AsNoTracking().Select(d => new { d.ShortName, d.Kind }).ToListAsync());
        departments.Should().HaveCount(40);
        departments.Count(d => d.Kind == DepartmentKind.District).Should().Be(28);
        departments.Select(d => d.ShortName).Should().Contain(["渝中区教委", "沙坪坝区教委", "万州区教委", "綦江区教委"]);
        var quarters = await DemoRun.QueryAsync(sandbox, db => db.ProgressReports.AsNoTracking()
            .GroupBy(r => new { r.Year, r.QuarterNumber })
            .Select(g => new { g.Key.Year, g.Key.QuarterNumber, Approved = g.Count(r => r.State == ReportState.Approved), All = g.Count() })
            .ToListAsync());
        quarters.Select(q => new Quarter(q.Year, q.QuarterNumber)).Order().Should().Equal(Quarter.Range(Quarter.First, new Quarter(2026, 4)));
        quarters.Should().OnlyContain(q => q.Approved > q.All * 0.9, "with --through every quarter is a reviewed one");
        sandbox.Scalar("SELECT MAX(\"At\") FROM \"ReportRevisions\"").Should().BeOfType<string>().Which.Should().StartWith("2026-09-10", "a quarter filled ahead of time happened just before now");
        sandbox.Scalar("SELECT COUNT(*) FROM \"AuditEntries\" WHERE \"Action\" = 'PeriodReopened' AND \"TargetId\" = '2026Q4'").Should().Be(1L,
            "the coordinator opened the quarter early, as the portal requires for a report written before its window");
        sandbox.Scalar("SELECT COUNT(*) FROM \"ReportingPeriodOverrides\"").Should().Be(0L, "and gave it back its default dates afterwards");
        (await DemoRulesCheck.ViolationsAsync(sandbox)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_password_the_rules_refuse_is_a_usage_error_before_anything_is_written()
    {
        var result = await sandbox.RunAsync("demo", "--password", "short");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Should().Contain("--password does not meet the password rules").And.Contain("A password needs at least 12 characters.");
        sandbox.Scalar("SELECT COUNT(*) FROM \"Departments\"").Should().Be(0L);
        sandbox.Scalar("SELECT COUNT(*) FROM \"AspNetUsers\"").Should().Be(0L);
    }

    [Fact]
    public async Task The_password_rules_speak_Chinese_with_lang_zh()
    {
        var result = await sandbox.RunAsync("demo", "--password", "short", "--lang", "zh");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Should().Contain("密码至少需要 12 个字符。");
    }

    [Theory]
    [InlineData("--through", "2024Q4", "--through must be a quarter from 2025Q1 to 2035Q4")]
    [InlineData("--through", "next", "--through must be a quarter")]
    [InlineData("--departments", "0", "--departments must be a number from 1 to 200")]
    [InlineData("--departments", "many", "--departments must be a number")]
    [InlineData("--seed", "x", "--seed must be a whole number")]
    [InlineData("--today", "10/09/2026", "--today must be a date such as 2026-09-10")]
    public async Task A_bad_option_is_a_usage_error_that_touches_no_database(string option, string value, string message)
    {
        var result = await sandbox.RunAsync("demo", option, value);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Should().Contain(message).And.Contain("usage: eduplan demo");
        sandbox.AnythingWritten().Should().BeFalse();
    }

    [Fact]
    public async Task Demo_is_listed_in_the_usage()
    {
        var result = await sandbox.RunAsync("help");

        result.Output.Should().Contain("demo [--departments N] [--through 2026Q4] [--seed N]");
    }
}
