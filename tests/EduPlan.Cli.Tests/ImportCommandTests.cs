using EduPlan.Tests;

namespace EduPlan.Cli.Tests;

public sealed class ImportCommandTests : IDisposable
{
    private readonly CliSandbox _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Import_of_the_seed_reports_both_plans_with_their_counts()
    {
        var result = await _cli.RunAsync("import", CliSandbox.SeedPath);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().MatchRegex(
            @"(?m)^national  .*教育强国建设规划纲要.*\r?\n  \d+ sections, 38 tasks, 2 milestones, 0 goals, 2 indicators; added [1-9]\d*, updated 0, removed 0\r?$");
        result.Output.Should().MatchRegex(
            @"(?m)^chongqing  .*重庆加快建设教育强市.*\r?\n  \d+ sections, 43 tasks, 3 milestones, 5 goals, 7 indicators; added [1-9]\d*, updated 0, removed 0\r?$");
        result.Output.Should().MatchRegex(@"(?m)^total: 2 plans, \d+ sections, 81 tasks, 5 milestones, 5 goals, 9 indicators\r?$");
        result.Output.Should().Contain("changes:");
        result.ErrorLines.Should().NotContain(l => !l.StartsWith("warning: ", StringComparison.Ordinal), result.ToString());
        _cli.CountPlans().Should().Be(2);
    }

    [SkippableFact]
    public async Task Import_migrates_a_new_SQLite_database_before_writing()
    {
        TestDatabases.SqliteOnly(CliSandbox.OnlySqliteMigratesItself);
        var result = await _cli.RunAsync("import", CliSandbox.SeedPath);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().MatchRegex(@"(?m)^applied \d+ migrations? to SQLite database .*eduplan\.db");
        _cli.TableNames().Should().Contain(["Plans", "Tasks", "__EFMigrationsHistory"]);
    }

    [Fact]
    public async Task Importing_the_same_seed_again_reports_both_plans_unchanged_and_no_change_lines()
    {
        (await _cli.RunAsync("import", CliSandbox.SeedPath)).ExitCode.Should().Be(0);

        var result = await _cli.RunAsync("import", CliSandbox.SeedPath);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().MatchRegex(@"(?m)^national  .*\r?\n  .*38 tasks.*; unchanged\r?$");
        result.Output.Should().MatchRegex(@"(?m)^chongqing  .*\r?\n  .*43 tasks.*; unchanged\r?$");
        result.Output.Should().Contain("no changes").And.NotContain("changes:").And.NotContain("added ");
        result.Output.Should().NotContain("applied", "the database was migrated by the first import");
        _cli.CountPlans().Should().Be(2);
    }

    [Fact]
    public async Task Import_refuses_a_plan_whose_task_numbers_skip_with_one_error_line_naming_file_and_line()
    {
        var (badPath, line) = _cli.WriteSeedWithSkippedTaskNumber();

        var result = await _cli.RunAsync("import", badPath);

        result.ExitCode.Should().Be(1, result.ToString());
        result.ErrorLines.Should().ContainSingle(result.ToString());
        var error = result.ErrorLines[0];
        error.Should().StartWith($"error: {badPath}:{line}: In “{ChongqingTitle}” the key task numbers skip: “（九）” was expected, “（十）” found.")
            .And.Contain($"(line {line}: “（十）推进学前教育优质普惠发展。", "the refusal quotes the line it names");
        result.Error.Should().NotContain("   at ").And.NotContain("Exception");
        result.Output.Should().NotContain("national").And.NotContain("chongqing");
        (_cli.CountPlans() ?? 0).Should().Be(0);
    }

    [Fact]
    public async Task Import_messages_are_Chinese_with_lang_zh()
    {
        var (badPath, line) = _cli.WriteSeedWithSkippedTaskNumber();

        var result = await _cli.RunAsync("--lang", "zh", "import", badPath);

        result.ExitCode.Should().Be(1, result.ToString());
        result.ErrorLines.Should().ContainSingle().Which
            .Should().StartWith($"error: {badPath}:{line}: 《{ChongqingTitle}》的重点任务编号不连续（跳号）：应为“（九）”，实际为“（十）”。")
            .And.Contain($"（第 {line} 行：“（十）推进学前教育优质普惠发展。");
    }

    private const string ChongqingTitle = "重庆加快建设教育强市推进教育现代化规划（2024—2035年）";

    [SkippableFact]
    public async Task A_refused_file_on_a_new_machine_leaves_no_database_behind()
    {
        TestDatabases.SqliteOnly(CliSandbox.OnlySqliteMigratesItself);
        var (badPath, _) = _cli.WriteSeedWithSkippedTaskNumber();

        var result = await _cli.RunAsync("import", CliSandbox.SeedPath, badPath);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Output.Should().NotContain("applied");
        File.Exists(_cli.DatabasePath).Should().BeFalse("every file is parsed before the database is created and migrated");
    }

    [Fact]
    public async Task A_refused_file_leaves_an_earlier_import_as_it_was()
    {
        (await _cli.RunAsync("import", CliSandbox.SeedPath)).ExitCode.Should().Be(0);
        var before = await _cli.RunAsync("export", "--format", "json");
        var (badPath, _) = _cli.WriteSeedWithSkippedTaskNumber();

        var result = await _cli.RunAsync("import", badPath);

        result.ExitCode.Should().Be(1, result.ToString());
        var after = await _cli.RunAsync("export", "--format", "json");
        after.ExitCode.Should().Be(0);
        after.Output.Should().Be(before.Output);
    }

    [Fact]
    public async Task Import_of_a_good_and_a_bad_file_together_writes_nothing()
    {
        var (badPath, line) = _cli.WriteSeedWithSkippedTaskNumber();

        var result = await _cli.RunAsync("import", CliSandbox.SeedPath, badPath);

        result.ExitCode.Should().Be(1, result.ToString());
        result.ErrorLines.Should().ContainSingle(result.ToString()).Which.Should().Contain($"{badPath}:{line}:");
        (_cli.CountPlans() ?? 0).Should().Be(0);
    }

    [Fact]
    public async Task Import_of_a_missing_file_fails_before_touching_the_database()
    {
        var missing = Path.Combine(_cli.Folder, "missing.txt");

        var result = await _cli.RunAsync("import", CliSandbox.SeedPath, missing);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Be($"error: {missing}: file not found{Environment.NewLine}");
        _cli.AnythingWritten().Should().BeFalse("nothing is opened when a file is missing");
    }

    [Fact]
    public async Task Import_without_a_file_is_a_usage_error()
    {
        var result = await _cli.RunAsync("import");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("import needs at least one FILE").And.Contain("usage: eduplan import FILE...");
    }

    [Fact]
    public async Task Import_with_an_unknown_option_is_a_usage_error()
    {
        // --dry-run became an option of import (issue 16), so another name stands for an unknown one.
        var result = await _cli.RunAsync("import", "--frobnicate", CliSandbox.SeedPath);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("unknown option --frobnicate");
        File.Exists(_cli.DatabasePath).Should().BeFalse();
    }

    [Fact]
    public void The_broken_seed_skips_from_task_eight_to_ten_in_the_Chongqing_plan()
    {
        // Guards the test data: if a seed edit moved the line, the refusal tests would test nothing.
        var (badPath, line) = _cli.WriteSeedWithSkippedTaskNumber();

        var lines = File.ReadAllLines(badPath);
        lines[line - 2].Should().StartWith("（八）统筹优化基础教育资源配置");
        lines[line - 1].Should().StartWith("（十）推进学前教育优质普惠发展");
        lines[line].Should().StartWith("（十）加快义务教育");
    }
}
