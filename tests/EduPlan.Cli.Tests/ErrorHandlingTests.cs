namespace EduPlan.Cli.Tests;

public sealed class ErrorHandlingTests : IDisposable
{
    private readonly CliSandbox _cli = new();

    public ErrorHandlingTests()
    {
        // The database "folder" is a regular file, so opening the database fails in an unplanned way.
        var notAFolder = Path.Combine(_cli.Folder, "not-a-folder");
        File.WriteAllText(notAFolder, "");
        _cli.Overrides["Database:Provider"] = "Sqlite";
        _cli.Overrides["ConnectionStrings:EduPlan"] = $"Data Source={Path.Combine(notAFolder, "eduplan.db")}";
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task An_unexpected_failure_prints_the_message_without_a_stack_trace()
    {
        var result = await _cli.RunAsync("migrate");

        result.ExitCode.Should().Be(1);
        result.ErrorLines[0].Should().StartWith("error: ").And.Contain("not-a-folder");
        result.Error.Should().NotContain("   at ").And.Contain("EDUPLAN_DEBUG=1");
    }

    [Fact]
    public async Task With_EDUPLAN_DEBUG_an_unexpected_failure_prints_the_stack_trace()
    {
        _cli.Overrides[CliApp.DebugVariable] = "1";

        var result = await _cli.RunAsync("migrate");

        result.ExitCode.Should().Be(1);
        result.Error.Should().StartWith("error: System.IO.IOException").And.Contain("   at ");
    }
}
