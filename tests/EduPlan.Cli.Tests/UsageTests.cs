namespace EduPlan.Cli.Tests;

public sealed class UsageTests : IDisposable
{
    private readonly CliSandbox _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Help_lists_every_verb_and_succeeds()
    {
        var result = await _cli.RunAsync("help");

        result.ExitCode.Should().Be(0);
        result.Output.Should().Contain("usage: eduplan <command>")
            .And.Contain("import FILE...")
            .And.Contain("export --format json [--plan CODE]")
            .And.Contain("migrate [--provider Sqlite|SqlServer|PostgreSql] [--script]")
            .And.Contain("backup --out FILE")
            .And.Contain("copy --to-provider Sqlite|SqlServer|PostgreSql --to-connection")
            .And.Contain("ConnectionStrings__EduPlan")
            .And.Contain("--lang en|zh");
        result.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task Help_on_one_verb_prints_that_verb_only()
    {
        var result = await _cli.RunAsync("help", "migrate");

        result.ExitCode.Should().Be(0);
        result.Output.Should().StartWith("usage: eduplan migrate").And.NotContain("import FILE");
    }

    [Fact]
    public async Task An_unknown_verb_is_a_usage_error_that_lists_the_verbs()
    {
        var result = await _cli.RunAsync("frobnicate", "--now");

        result.ExitCode.Should().Be(2);
        result.Error.Should().StartWith("error: unknown command 'frobnicate'")
            .And.Contain("import FILE...").And.Contain("export --format json").And.Contain("migrate");
        result.Output.Should().BeEmpty();
        _cli.AnythingWritten().Should().BeFalse();
    }

    [Fact]
    public async Task No_arguments_prints_the_usage_and_fails()
    {
        var result = await _cli.RunAsync();

        result.ExitCode.Should().Be(2);
        result.Error.Should().StartWith("usage: eduplan <command>");
    }

    [Theory]
    [InlineData("--lang", "fr")]
    [InlineData("--lang")]
    [InlineData("--lang=")]
    public async Task A_language_other_than_en_or_zh_is_a_usage_error(params string[] option)
    {
        var result = await _cli.RunAsync([.. option, "help"]);

        result.ExitCode.Should().Be(2);
        result.Error.Should().StartWith("error: --lang");
        File.Exists(_cli.DatabasePath).Should().BeFalse();
    }
}
