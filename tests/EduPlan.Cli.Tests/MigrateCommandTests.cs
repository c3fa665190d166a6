using EduPlan.Tests;

namespace EduPlan.Cli.Tests;

public sealed class MigrateCommandTests : IDisposable
{
    private readonly CliSandbox _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Migrate_script_for_SqlServer_is_idempotent_and_needs_no_connection_string()
    {
        _cli.Overrides["ConnectionStrings:EduPlan"] = null;

        var result = await _cli.RunAsync("migrate", "--provider", "SqlServer", "--script");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("CREATE TABLE [Plans]");
        result.Output.Should().Contain("IF NOT EXISTS", "each migration checks __EFMigrationsHistory first");
        result.Output.Should().Contain("__EFMigrationsHistory");
        result.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task Migrate_script_uses_the_configured_provider_when_none_is_given()
    {
        _cli.Overrides["Database:Provider"] = "SqlServer";
        _cli.Overrides["ConnectionStrings:EduPlan"] = null;

        var result = await _cli.RunAsync("migrate", "--script");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("CREATE TABLE [Plans]");
    }

    [Fact]
    public async Task Migrate_script_for_Sqlite_writes_the_from_empty_script_without_creating_the_database()
    {
        var result = await _cli.RunAsync("migrate", "--provider", "sqlite", "--script");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().StartWith("-- SQLite:", "the script says it is not idempotent");
        result.Output.Should().Contain("CREATE TABLE \"Plans\"").And.NotContain("[Plans]");
        result.Error.Should().BeEmpty();
        File.Exists(_cli.DatabasePath).Should().BeFalse();
    }

    [SkippableFact]
    public async Task Migrate_creates_the_tables_in_a_new_SQLite_file()
    {
        TestDatabases.SqliteOnly("the PostgreSQL sandbox is migrated already; PostgreSqlCommandTests migrates an empty one");
        var result = await _cli.RunAsync("migrate");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().MatchRegex(@"^applied \d+ migrations? to SQLite database .*eduplan\.db:");
        _cli.TableNames().Should().Contain(["Plans", "Sections", "Tasks", "Milestones", "Goals", "Indicators", "AspNetUsers"]);
        (_cli.CountPlans() ?? -1).Should().Be(0);
    }

    [Fact]
    public async Task Migrate_on_an_up_to_date_database_changes_nothing()
    {
        (await _cli.RunAsync("migrate")).ExitCode.Should().Be(0);

        var result = await _cli.RunAsync("migrate");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().MatchRegex(_cli.OnPostgres ? @"^PostgreSQL database eduplan_t_\w+ on 127\.0\.0\.1 is up to date|^PostgreSQL database eduplan_t_\w+ on .* is up to date" : @"^SQLite database .*eduplan\.db is up to date");
    }

    [Fact]
    public async Task Migrate_to_SqlServer_without_a_connection_string_says_what_to_set()
    {
        _cli.Overrides["ConnectionStrings:EduPlan"] = null;

        var result = await _cli.RunAsync("migrate", "--provider", "SqlServer");

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().ContainSingle()
            .Which.Should().StartWith("error: SqlServer needs a connection string").And.Contain("ConnectionStrings__EduPlan");
    }

    [Fact]
    public async Task Migrate_with_an_unknown_provider_is_a_usage_error()
    {
        var result = await _cli.RunAsync("migrate", "--provider", "Oracle", "--script");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("--provider 'Oracle' is not supported").And.Contain("usage: eduplan migrate");
        result.Output.Should().BeEmpty();
    }
}
