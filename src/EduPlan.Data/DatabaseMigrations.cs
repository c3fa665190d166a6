using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace EduPlan.Data;

/// <summary>Applies the provider's migrations, or writes them as a SQL script for a DBA to run.</summary>
public static class DatabaseMigrations
{
    /// <summary>A connection string that is only used to pick the provider; it is never opened.</summary>
    public const string DummySqlServerConnectionString =
        "Server=(local);Database=EduPlan;Trusted_Connection=True;TrustServerCertificate=True";

    public const string DummySqliteConnectionString = "Data Source=:memory:";

    public const string DummyPostgreSqlConnectionString = "Host=localhost;Database=eduplan;Username=eduplan";

    /// <summary>
    /// The whole migration history of <paramref name="provider"/> as one script. For SQL Server and PostgreSQL it is
    /// idempotent: it can be run against a database at any migration (each step checks __EFMigrationsHistory first).
    /// EF Core cannot write idempotent scripts for SQLite, so for SQLite it is the script that builds the
    /// schema from an empty database, headed by a comment saying so. Needs no database.
    /// </summary>
    public static string GenerateIdempotentScript(DatabaseProvider provider)
    {
        using var context = CreateOfflineContext(provider);
        var migrator = context.GetService<IMigrator>();
        return provider == DatabaseProvider.Sqlite
            ? SqliteScriptHeader + migrator.GenerateScript()
            : migrator.GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
    }

    private const string SqliteScriptHeader =
        "-- SQLite: EF Core cannot generate idempotent scripts for SQLite; run this only on an empty database,\n" +
        "-- or let the application (or `eduplan migrate`) apply the migrations instead.\n";

    /// <summary>
    /// The migrations not yet applied. A server database without the history table has them all pending: asked
    /// directly, EF Core would first run a query on the missing table and log its failure as an error.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PendingAsync(EduPlanDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        // (IHistoryRepository.ExistsAsync says true on an empty PostgreSQL database; information_schema does not.)
        if (!db.Database.IsSqlite() && !await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken))
        {
            // A server database not created yet (MigrateAsync creates it).
            return db.Database.GetMigrations().ToList();
        }

        if (!db.Database.IsSqlite()
            && await db.Database.SqlQueryRaw<int>(
                """SELECT CAST(COUNT(*) AS int) AS "Value" FROM information_schema.tables WHERE table_name = '__EFMigrationsHistory'""")
                .SingleAsync(cancellationToken) == 0)
        {
            return db.Database.GetMigrations().ToList();
        }

        return (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
    }

    /// <summary>Brings the database up to the latest migration, creating it when it does not exist.</summary>
    public static async Task MigrateAsync(EduPlanDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite())
        {
            // Created here rather than by MigrateAsync, which first opens the missing database and logs that as an error.
            var creator = db.GetService<IRelationalDatabaseCreator>();
            if (!await creator.ExistsAsync(cancellationToken))
            {
                try
                {
                    await creator.CreateAsync(cancellationToken);
                }
                catch (DbException) when (creator.Exists())
                {
                    // Another instance created it in the meantime.
                }
            }
        }

        if (db.Database.ProviderName != NpgsqlProviderName)
        {
            // SQLite and SQL Server: EF's own migration lock keeps two instances from migrating at once.
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }

        // PostgreSQL: two instances starting together could both read a migration as pending and both run it (seen
        // in CI: "function AuditEntries_AppendOnly already exists"). A session-level advisory lock on the connection
        // EF migrates through makes the second wait, and then find nothing pending.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private const string NpgsqlProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>The advisory lock key of EduPlan's migrations (any constant bigint; "EDUPLAN" in ASCII).</summary>
    private const long MigrationLockKey = 0x45_44_55_50_4C_41_4E;

    /// <summary>
    /// A context on <paramref name="provider"/> with a placeholder connection string, for work that needs
    /// the model and the migrations but no database (scripts, pending-model checks). Dispose it.
    /// </summary>
    public static EduPlanDbContext CreateOfflineContext(DatabaseProvider provider)
    {
        var connectionString = provider switch
        {
            DatabaseProvider.Sqlite => DummySqliteConnectionString,
            DatabaseProvider.SqlServer => DummySqlServerConnectionString,
            DatabaseProvider.PostgreSql => DummyPostgreSqlConnectionString,
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
        var options = new DbContextOptionsBuilder<EduPlanDbContext>()
            .UseEduPlanDatabase(new DatabaseSettings(provider, connectionString))
            .Options;
        return new EduPlanDbContext(options);
    }
}
