using System.Data.Common;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Cli.Infrastructure;

/// <summary>Checks the database schema against the migrations before a command reads or writes plans.</summary>
public static class DatabaseState
{
    public const string NotUpToDateMessage = "the database is not up to date; run `migrate` first";

    /// <summary>
    /// Before an import: a SQLite database is brought up to date on the spot (so a first import on a new
    /// machine just works); a SQL Server or PostgreSQL database is left to its administrator and the import is refused.
    /// </summary>
    public static async Task PrepareForWriteAsync(EduPlanDbContext db, DatabaseSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var pending = await DatabaseMigrations.PendingAsync(db, cancellationToken);
        if (pending.Count == 0)
        {
            return;
        }

        if (settings.Provider != DatabaseProvider.Sqlite)
        {
            throw new CliException(NotUpToDateMessage);
        }

        await DatabaseMigrations.MigrateAsync(db, cancellationToken);
        output.WriteLine($"applied {Plural(pending.Count, "migration")} to {Describe(db)}");
    }

    /// <summary>Before a read: refuses a database whose schema is behind the code rather than failing on a missing column.</summary>
    public static async Task EnsureUpToDateAsync(EduPlanDbContext db, CancellationToken cancellationToken)
    {
        if ((await DatabaseMigrations.PendingAsync(db, cancellationToken)).Count > 0)
        {
            throw new CliException(NotUpToDateMessage);
        }
    }

    /// <summary>
    /// Whether the database exists and is up to date, found out without creating it: a SQLite file that is not there is
    /// not opened (opening would create it).
    /// </summary>
    public static async Task<bool> IsUsableAsync(EduPlanDbContext db, DatabaseSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Provider == DatabaseProvider.Sqlite
            && new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource is { Length: > 0 } file
            && file != ":memory:" && !File.Exists(file))
        {
            return false;
        }

        return await db.Database.CanConnectAsync(cancellationToken)
            && (await DatabaseMigrations.PendingAsync(db, cancellationToken)).Count == 0;
    }

    /// <summary>Where the database is, without credentials: the SQLite file, or the server and database name.</summary>
    public static string Describe(EduPlanDbContext db)
    {
        DbConnection connection = db.Database.GetDbConnection();
        if (db.Database.IsSqlite())
        {
            return $"SQLite database {connection.DataSource}";
        }

        var server = db.Database.IsNpgsql() ? "PostgreSQL" : "SQL Server";
        return $"{server} database {connection.Database} on {connection.DataSource}";
    }

    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
