using EduPlan.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EduPlan.Application.Tests;

/// <summary>A private in-memory SQLite database, created by the real SQLite migrations and alive while the connection is open.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly SqliteConnection _connection;

    private TestDatabase(SqliteConnection connection) => _connection = connection;

    public SqliteConnection Connection => _connection;

    public static async Task<TestDatabase> CreateAsync()
    {
        var connection = new SqliteConnection("DataSource=:memory:");
        await connection.OpenAsync();
        var database = new TestDatabase(connection);
        await using var db = database.CreateContext();
        await DatabaseMigrations.MigrateAsync(db);
        return database;
    }

    public EduPlanDbContext CreateContext(params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<EduPlanDbContext>()
            .UseSqlite(_connection, sqlite => sqlite.MigrationsAssembly(DatabaseServiceCollectionExtensions.SqliteMigrationsAssembly))
            .AddInterceptors(interceptors)
            .Options;
        return new EduPlanDbContext(options);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
