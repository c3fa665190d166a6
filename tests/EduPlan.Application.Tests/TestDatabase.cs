using System.Data.Common;
using EduPlan.Data;
using EduPlan.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace EduPlan.Application.Tests;

/// <summary>
/// A private database created by the real migrations of the provider the run is on (<see cref="TestDatabases.Provider"/>):
/// in-memory SQLite, alive while its connection is open, or a database of its own on the test PostgreSQL server,
/// dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly SqliteConnection? _sqlite;
    private readonly PostgresDatabase? _postgres;
    private readonly string? _sqliteFile;

    private TestDatabase(SqliteConnection? sqlite, PostgresDatabase? postgres, string? sqliteFile)
    {
        _sqlite = sqlite;
        _postgres = postgres;
        _sqliteFile = sqliteFile;
    }

    public DatabaseProvider Provider => _postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSql;

    /// <param name="concurrent">
    /// On SQLite, a file opened as the portal opens it (WAL, busy timeout), a connection per context, for tests that
    /// use it from several threads at once; otherwise one in-memory connection that every context shares.
    /// </param>
    public static async Task<TestDatabase> CreateAsync(bool concurrent = false)
    {
        if (TestDatabases.OnPostgres)
        {
            return new TestDatabase(null, await PostgresDatabase.CreateMigratedAsync(), null);
        }

        TestDatabase database;
        if (concurrent)
        {
            var file = Path.Combine(Path.GetTempPath(), "eduplan-data-tests", Guid.NewGuid().ToString("N") + ".db");
            database = new TestDatabase(null, null, file);
        }
        else
        {
            var connection = new SqliteConnection("DataSource=:memory:");
            await connection.OpenAsync();
            database = new TestDatabase(connection, null, null);
        }

        await using var db = database.CreateContext();
        await DatabaseMigrations.MigrateAsync(db);
        return database;
    }

    /// <summary>Points <paramref name="options"/> at this database with its provider's migrations.</summary>
    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder options) =>
        _postgres is not null ? options.UseEduPlanDatabase(_postgres.Settings)
        : _sqliteFile is not null ? options.UseEduPlanDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={_sqliteFile}"))
        : options.UseSqlite(_sqlite!, sqlite => sqlite.MigrationsAssembly(DatabaseServiceCollectionExtensions.SqliteMigrationsAssembly));

    public EduPlanDbContext CreateContext(params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<EduPlanDbContext>();
        Configure(options).AddInterceptors(interceptors);
        return new EduPlanDbContext(options.Options);
    }

    /// <summary>Runs SQL straight on the database (quote identifiers: "Tasks", as both SQLite and PostgreSQL read them); returns the rows changed.</summary>
    public async Task<int> ExecuteAsync(string sql)
    {
        var (connection, owned) = await OpenAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteNonQueryAsync();
        }
        finally
        {
            if (owned)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// A trigger that makes the database refuse ("refused by test") an <paramref name="operation"/> (INSERT or UPDATE) on
    /// <paramref name="table"/> whose new row meets <paramref name="condition"/> (SQL on NEW, identifiers quoted).
    /// </summary>
    public Task<int> RefuseAsync(string name, string operation, string table, string condition) => ExecuteAsync(Provider == DatabaseProvider.PostgreSql
        ? $"""
          CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN IF {condition} THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$;
          CREATE TRIGGER {name} BEFORE {operation} ON "{table}" FOR EACH ROW EXECUTE PROCEDURE {name}();
          """
        : $"""CREATE TRIGGER {name} BEFORE {operation} ON "{table}" WHEN {condition} BEGIN SELECT RAISE(ABORT, 'refused by test'); END;""");

    /// <summary>The first column of the first row of <paramref name="sql"/>, or null.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        var (connection, owned) = await OpenAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var value = await command.ExecuteScalarAsync();
            return value is DBNull ? null : value;
        }
        finally
        {
            if (owned)
            {
                await connection.DisposeAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlite is not null)
        {
            await _sqlite.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private async Task<(DbConnection Connection, bool Owned)> OpenAsync()
    {
        if (_sqlite is not null)
        {
            return (_sqlite, false);
        }

        DbConnection connection = _postgres is not null ? new NpgsqlConnection(_postgres.ConnectionString) : new SqliteConnection($"Data Source={_sqliteFile}");
        await connection.OpenAsync();
        return (connection, true);
    }
}
