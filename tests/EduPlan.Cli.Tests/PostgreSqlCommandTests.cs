using EduPlan.Tests;

namespace EduPlan.Cli.Tests;

/// <summary>The CLI on a PostgreSQL server's empty database: migrated on request only, never by a write command.</summary>
public sealed class PostgreSqlCommandTests : IDisposable
{
    private readonly CliSandbox _cli = new();
    private PostgresDatabase? _empty;

    public void Dispose()
    {
        _empty?.Dispose();
        _cli.Dispose();
    }

    [Fact]
    public async Task Migrate_script_for_PostgreSql_is_idempotent_and_needs_no_connection_string()
    {
        _cli.Overrides["ConnectionStrings:EduPlan"] = null;

        var result = await _cli.RunAsync("migrate", "--provider", "postgresql", "--script");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("CREATE TABLE \"Plans\"").And.Contain("IF NOT EXISTS(SELECT 1 FROM \"__EFMigrationsHistory\"");
        result.Error.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Migrate_builds_the_schema_in_an_empty_PostgreSQL_database_and_a_second_run_changes_nothing()
    {
        UseEmptyPostgresDatabase();

        var first = await _cli.RunAsync("migrate");
        var second = await _cli.RunAsync("migrate");

        first.ExitCode.Should().Be(0, first.ToString());
        first.Output.Should().MatchRegex(@"^applied \d+ migrations? to PostgreSQL database eduplan_t_\w+ on ");
        first.Output.Should().NotContain("Password");
        second.Output.Should().MatchRegex(@"^PostgreSQL database eduplan_t_\w+ on .* is up to date");
        (await _cli.RunAsync("import", CliSandbox.SeedPath)).ExitCode.Should().Be(0);
    }

    [SkippableFact]
    public async Task Import_into_a_PostgreSQL_database_that_was_never_migrated_is_refused()
    {
        UseEmptyPostgresDatabase();

        var result = await _cli.RunAsync("import", CliSandbox.SeedPath);

        result.ExitCode.Should().Be(1, result.ToString());
        result.ErrorLines.Should().ContainSingle().Which.Should().Be("error: the database is not up to date; run `migrate` first");
    }

    private void UseEmptyPostgresDatabase()
    {
        TestDatabases.RequirePostgres();
        _empty = PostgresDatabase.CreateEmpty();
        _cli.Overrides["Database:Provider"] = "PostgreSql";
        _cli.Overrides["ConnectionStrings:EduPlan"] = _empty.ConnectionString;
    }
}
