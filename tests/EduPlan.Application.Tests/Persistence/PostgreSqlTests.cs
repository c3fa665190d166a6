using EduPlan.Core.Auditing;
using EduPlan.Core.Organisation;
using EduPlan.Core.Plans;
using EduPlan.Data;
using EduPlan.Tests;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EduPlan.Application.Tests.Persistence;

/// <summary>
/// What only the PostgreSQL provider has: its deployment script, the PL/pgSQL audit trigger's TRUNCATE rule and the
/// case-insensitive natural keys. They need a server (EDUPLAN_TEST_POSTGRES) and run on both test runs.
/// </summary>
public sealed class PostgreSqlTests
{
    [Fact]
    public void The_script_checks_the_history_before_each_migration_and_creates_the_trigger_and_the_collation()
    {
        var script = DatabaseMigrations.GenerateIdempotentScript(DatabaseProvider.PostgreSql);

        script.Should().Contain("IF NOT EXISTS(SELECT 1 FROM \"__EFMigrationsHistory\"", "an idempotent script checks the history first");
        script.Should().Contain("CREATE COLLATION eduplan_ci (LOCALE = 'und-u-ks-level2'");
        script.Should().Contain("CREATE TRIGGER \"AuditEntries_AppendOnly\" BEFORE UPDATE OR DELETE ON \"AuditEntries\"");
        script.Should().Contain("LANGUAGE plpgsql");
    }

    [SkippableFact]
    public async Task The_idempotent_script_builds_an_empty_database_and_running_it_again_changes_nothing()
    {
        TestDatabases.RequirePostgres();
        await using var database = PostgresDatabase.CreateEmpty();
        var script = DatabaseMigrations.GenerateIdempotentScript(DatabaseProvider.PostgreSql);

        await RunAsync(database, script);
        await RunAsync(database, script);

        await using var db = Context(database);
        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        (await db.Database.GetAppliedMigrationsAsync()).Should().Equal(db.Database.GetMigrations());
        (await db.Plans.CountAsync()).Should().Be(0);
    }

    [SkippableFact]
    public async Task Truncating_the_audit_log_is_refused()
    {
        TestDatabases.RequirePostgres();
        await using var database = await PostgresDatabase.CreateMigratedAsync();
        await using (var db = Context(database))
        {
            db.AuditEntries.Add(new AuditEntry { OccurredAt = DateTime.UtcNow.AddDays(-400), Action = "Test", Outcome = AuditOutcome.Success, ActorName = "admin" });
            await db.SaveChangesAsync();
        }

        var truncate = () => RunAsync(database, """TRUNCATE "AuditEntries" """);

        await truncate.Should().ThrowAsync<PostgresException>().WithMessage("*TRUNCATE is refused*");
        await using var check = Context(database);
        (await check.AuditEntries.CountAsync()).Should().Be(1);
    }

    [SkippableFact]
    public async Task Natural_keys_compare_without_regard_to_case_as_on_SQL_Server()
    {
        TestDatabases.RequirePostgres();
        await using var database = await PostgresDatabase.CreateMigratedAsync();
        await using (var db = Context(database))
        {
            db.Departments.Add(new Department { Name = "Chongqing Education Commission", ShortName = "CQEC", Kind = DepartmentKind.MunicipalDepartment });
            db.Plans.Add(new Plan { Code = "national", Title = "规划", Issuer = "国务院" });
            await db.SaveChangesAsync();
        }

        await using (var db = Context(database))
        {
            (await db.Departments.SingleAsync(d => d.ShortName == "cqec")).Name.Should().Be("Chongqing Education Commission");
            (await db.Plans.CountAsync(p => p.Code == "NATIONAL")).Should().Be(1);

            db.Departments.Add(new Department { Name = "another", ShortName = "cqEC", Kind = DepartmentKind.Other });
            var duplicate = () => db.SaveChangesAsync();
            (await duplicate.Should().ThrowAsync<DbUpdateException>()).WithInnerException<PostgresException>()
                .Which.SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);
        }
    }

    private static EduPlanDbContext Context(PostgresDatabase database) =>
        new(new DbContextOptionsBuilder<EduPlanDbContext>().UseEduPlanDatabase(database.Settings).Options);

    private static async Task RunAsync(PostgresDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
