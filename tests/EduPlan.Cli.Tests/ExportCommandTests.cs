using System.Text.Json;
using EduPlan.Cli.Commands;
using EduPlan.Cli.Export;

namespace EduPlan.Cli.Tests;

/// <summary>The seed imported once into a sandbox that the export tests only read.</summary>
public sealed class ImportedSeed : IAsyncLifetime, IDisposable
{
    public CliSandbox Cli { get; } = new();

    public async Task InitializeAsync()
    {
        var result = await Cli.RunAsync("import", CliSandbox.SeedPath);
        result.ExitCode.Should().Be(0, result.ToString());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Cli.Dispose();
}

public sealed class ExportCommandTests(ImportedSeed seed) : IClassFixture<ImportedSeed>
{
    private readonly CliSandbox _cli = seed.Cli;

    [Fact]
    public async Task Export_prints_the_national_plan_with_its_tasks_and_milestones()
    {
        var plans = await ExportPlansAsync();

        plans.Select(p => p.GetProperty("code").GetString()).Should().Equal("national", "chongqing");
        var national = plans[0];
        national.GetProperty("parentCode").ValueKind.Should().Be(JsonValueKind.Null);
        national.GetProperty("title").GetString().Should().Contain("教育强国建设规划纲要");
        national.GetProperty("startYear").GetInt32().Should().Be(2024);
        national.GetProperty("endYear").GetInt32().Should().Be(2035);
        TaskNumbers(national).Should().Equal(Enumerable.Range(1, 38), "tasks come in number order across sections");
        SectionNumbers(national).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        national.GetProperty("milestones").EnumerateArray().Select(m => m.GetProperty("year").GetInt32())
            .Should().Equal(2027, 2035);
        national.GetProperty("indicators").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public async Task Export_prints_the_Chongqing_plan_under_the_national_one_with_its_indicators()
    {
        var plans = await ExportPlansAsync();

        var chongqing = plans.Single(p => p.GetProperty("code").GetString() == "chongqing");
        chongqing.GetProperty("parentCode").GetString().Should().Be("national");
        chongqing.GetProperty("issuedOn").GetString().Should().Be("2024-12");
        TaskNumbers(chongqing).Should().Equal(Enumerable.Range(1, 43));
        var lastTask = chongqing.GetProperty("sections").EnumerateArray()
            .SelectMany(s => s.GetProperty("tasks").EnumerateArray())
            .Single(t => t.GetProperty("number").GetInt32() == 43);
        lastTask.GetProperty("title").GetString().Should().Be("深入推进跨区域教育交流合作");
        lastTask.GetProperty("text").GetString().Should().StartWith("深入推进跨区域教育交流合作。");

        var milestones = chongqing.GetProperty("milestones").EnumerateArray().ToList();
        milestones.Select(m => m.GetProperty("year").GetInt32()).Should().Equal(2027, 2029, 2035);
        milestones.Sum(m => m.GetProperty("goals").GetArrayLength()).Should().Be(5);

        var indicators = chongqing.GetProperty("indicators").EnumerateArray().ToList();
        indicators.Should().HaveCount(7);
        var coverage = indicators.Single(i => i.GetProperty("name").GetString() == "教共体覆盖率");
        coverage.GetProperty("comparator").GetString().Should().Be(">=");
        coverage.GetProperty("target").ValueKind.Should().Be(JsonValueKind.Number);
        coverage.GetProperty("target").GetRawText().Should().Be("90");
        coverage.GetProperty("unit").GetString().Should().Be("%");
        coverage.GetProperty("year").GetInt32().Should().Be(2027);
        coverage.GetProperty("sourceText").GetString().Should().Contain("90%");
        indicators.Should().OnlyContain(i => new[] { "=", ">=", ">", "<=", "<" }.Contains(i.GetProperty("comparator").GetString()));
    }

    [Fact]
    public async Task Export_marks_every_section_and_task_of_the_imported_text_as_not_withdrawn()
    {
        var plans = await ExportPlansAsync();

        var sections = plans.SelectMany(p => p.GetProperty("sections").EnumerateArray()).ToList();
        sections.Should().HaveCount(24).And.OnlyContain(s => s.GetProperty("withdrawn").ValueKind == JsonValueKind.False);
        sections.SelectMany(s => s.GetProperty("tasks").EnumerateArray()).Should().HaveCount(81)
            .And.OnlyContain(t => t.GetProperty("withdrawn").ValueKind == JsonValueKind.False);
    }

    [Fact]
    public async Task Export_keeps_sections_and_tasks_that_left_the_document_marked_withdrawn()
    {
        using var cli = new CliSandbox();
        (await cli.RunAsync("import", CliSandbox.SeedPath)).ExitCode.Should().Be(0);
        var cut = cli.WriteSeedCutFrom("十二、坚持教育开放互鉴共赢");
        var import = await cli.RunAsync("import", cut);
        import.ExitCode.Should().Be(0, import.ToString());
        import.Error.Should().Contain("warning: task 43 of plan chongqing is no longer in the document; kept");

        var result = await cli.RunAsync("export", "--format", "json", "--plan", "chongqing");

        result.ExitCode.Should().Be(0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var sections = json.RootElement.GetProperty("plans")[0].GetProperty("sections").EnumerateArray().ToList();
        sections.Select(s => (s.GetProperty("number").GetInt32(), s.GetProperty("withdrawn").GetBoolean()))
            .Should().Equal(Enumerable.Range(1, 12).Select(n => (n, n == 12)), "section 13 held no task and was removed");
        var tasks = sections.SelectMany(s => s.GetProperty("tasks").EnumerateArray()).ToList();
        tasks.Select(t => t.GetProperty("number").GetInt32()).Should().Equal(Enumerable.Range(1, 43), "tasks are never deleted");
        tasks.Where(t => t.GetProperty("withdrawn").GetBoolean()).Select(t => t.GetProperty("number").GetInt32())
            .Should().Equal(41, 42, 43);
    }

    [Fact]
    public async Task Export_writes_Chinese_characters_as_they_are()
    {
        var result = await _cli.RunAsync("export", "--format", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("\"title\": \"深入推进跨区域教育交流合作\"");
        result.Output.Should().NotContain("\\u", "no character needs escaping in the seed's text");
        result.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task Export_of_one_plan_prints_only_that_plan()
    {
        var plans = await ExportPlansAsync("--plan", "chongqing");

        plans.Should().ContainSingle().Which.GetProperty("code").GetString().Should().Be("chongqing");
        TaskNumbers(plans[0]).Should().HaveCount(43);
    }

    [Fact]
    public async Task Export_of_an_unknown_plan_fails()
    {
        var result = await _cli.RunAsync("export", "--format", "json", "--plan", "nope");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Be($"error: no plan with code nope{Environment.NewLine}");
        result.Output.Should().BeEmpty();
    }

    [Theory]
    [InlineData("export")]
    [InlineData("export", "--format")]
    [InlineData("export", "--format", "xml")]
    [InlineData("export", "--format", "json", "extra")]
    public async Task Export_without_a_supported_format_is_a_usage_error(params string[] args)
    {
        var result = await _cli.RunAsync(args);

        result.ExitCode.Should().Be(2);
        result.Error.Should().StartWith("error: ").And.Contain("usage: eduplan export --format json [--plan CODE]");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public async Task Export_from_a_database_without_the_schema_asks_for_migrate()
    {
        using var empty = new CliSandbox(migrated: false);

        var result = await empty.RunAsync("export", "--format", "json");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("the database is not up to date; run `migrate` first");
    }

    [Theory]
    [InlineData("90.0000", "90")]
    [InlineData("4.5", "4.5")]
    [InlineData("4.5000", "4.5")]
    [InlineData("0.0000", "0")]
    [InlineData("1000", "1000")]
    public void Targets_are_written_without_trailing_zeros(string stored, string expected)
    {
        var value = PlanExportQuery.Normalize(decimal.Parse(stored, System.Globalization.CultureInfo.InvariantCulture));

        JsonSerializer.Serialize(value, ExportCommand.JsonOptions).Should().Be(expected);
    }

    private static IEnumerable<int> TaskNumbers(JsonElement plan) =>
        plan.GetProperty("sections").EnumerateArray()
            .SelectMany(s => s.GetProperty("tasks").EnumerateArray())
            .Select(t => t.GetProperty("number").GetInt32())
            .ToList();

    private static IEnumerable<int> SectionNumbers(JsonElement plan) =>
        plan.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("number").GetInt32()).ToList();

    private async Task<List<JsonElement>> ExportPlansAsync(params string[] extra)
    {
        var result = await _cli.RunAsync(["export", "--format", "json", .. extra]);
        result.ExitCode.Should().Be(0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        return json.RootElement.GetProperty("plans").EnumerateArray().Select(p => p.Clone()).ToList();
    }
}
