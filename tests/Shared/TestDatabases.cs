using EduPlan.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EduPlan.Tests;

/// <summary>
/// The test run's provider switch. The Application, CLI and web suites run on SQLite by default and on PostgreSQL when
/// <c>EDUPLAN_TEST_PROVIDER=PostgreSql</c>; tests that need a PostgreSQL server (its own features, the round trip
/// between providers) run whenever <c>EDUPLAN_TEST_POSTGRES</c> names one, and are skipped with a message otherwise —
/// unless <c>EDUPLAN_REQUIRE_POSTGRES=1</c> (CI), which turns the skip into a failure. See docs/adr/0006-testing.md.
/// </summary>
public static class TestDatabases
{
    public const string ServerVariable = "EDUPLAN_TEST_POSTGRES";
    public const string ProviderVariable = "EDUPLAN_TEST_PROVIDER";
    public const string RequireVariable = "EDUPLAN_REQUIRE_POSTGRES";

    private static readonly Lazy<DatabaseProvider> ConfiguredProvider = new(ReadProvider);

    /// <summary>A connection string to a PostgreSQL server on which the tests may create and drop databases, or null.</summary>
    public static string? PostgresServer => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value ? value : null;

    /// <summary>The provider the shared fixtures (TestDatabase, EduPlanWebFactory, CliSandbox) put their database on.</summary>
    public static DatabaseProvider Provider => ConfiguredProvider.Value;

    public static bool OnPostgres => Provider == DatabaseProvider.PostgreSql;

    /// <summary>Skips a test that needs a PostgreSQL server when none is configured (fails instead under EDUPLAN_REQUIRE_POSTGRES=1).</summary>
    public static void RequirePostgres()
    {
        if (PostgresServer is not null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            throw new InvalidOperationException($"{RequireVariable}=1 but {ServerVariable} is not set: this test needs a PostgreSQL server.");
        }

        Skip.If(true, $"PostgreSQL test skipped: no server configured (set {ServerVariable} to a connection string, as .ci/run does).");
    }

    /// <summary>Skips, on the PostgreSQL run, a test that only SQLite can run; <paramref name="why"/> says why.</summary>
    public static void SqliteOnly(string why) => Skip.If(OnPostgres, $"SQLite only: {why}");

    private static DatabaseProvider ReadProvider()
    {
        var text = Environment.GetEnvironmentVariable(ProviderVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return DatabaseProvider.Sqlite;
        }

        if (!DatabaseSettings.TryParseProvider(text, out var provider) || provider == DatabaseProvider.SqlServer)
        {
            throw new InvalidOperationException($"{ProviderVariable}='{text}': the tests run on Sqlite or PostgreSql.");
        }

        if (provider == DatabaseProvider.PostgreSql && PostgresServer is null)
        {
            throw new InvalidOperationException($"{ProviderVariable}=PostgreSql needs {ServerVariable} (a connection string to the server).");
        }

        return provider;
    }
}

/// <summary>
/// A database of its own on the test PostgreSQL server, dropped on dispose. <see cref="CreateMigratedAsync"/> copies a
/// template migrated once per test process (CREATE DATABASE … TEMPLATE is a file copy: far quicker than migrating).
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? template;

    private PostgresDatabase(string name)
    {
        Name = name;
        ConnectionString = ForDatabase(name);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public DatabaseSettings Settings => new(DatabaseProvider.PostgreSql, ConnectionString);

    /// <summary>An empty database (no schema): for tests of migrating and of start-up.</summary>
    public static PostgresDatabase CreateEmpty()
    {
        var database = new PostgresDatabase(NewName());
        Admin($"CREATE DATABASE \"{database.Name}\"");
        return database;
    }

    /// <summary>A database with every migration applied and no rows.</summary>
    public static async Task<PostgresDatabase> CreateMigratedAsync()
    {
        var source = await TemplateAsync();
        var database = new PostgresDatabase(NewName());
        Admin($"CREATE DATABASE \"{database.Name}\" TEMPLATE \"{source}\"");
        return database;
    }

    /// <summary>The same database under a fixed name derived from <paramref name="key"/> (for a test that restarts the app on one folder); created when missing.</summary>
    public static PostgresDatabase Named(string key)
    {
        var database = new PostgresDatabase(NameFor(key));
        lock (Created)
        {
            if (Created.Add(database.Name) && Admin<long>($"SELECT COUNT(*) FROM pg_database WHERE datname = '{database.Name}'") == 0)
            {
                Admin($"CREATE DATABASE \"{database.Name}\"");
            }
        }

        return database;
    }

    /// <summary>Drops the database <see cref="Named"/> made for <paramref name="key"/>.</summary>
    public static void DropNamed(string key)
    {
        var name = NameFor(key);
        lock (Created)
        {
            Created.Remove(name);
        }

        Drop(name);
    }

    private static readonly HashSet<string> Created = [];

    private static string NameFor(string key) =>
        "eduplan_k_" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..20].ToLowerInvariant();

    public void Dispose() => Drop(Name);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Drops a database, ending its sessions (this process's pooled ones first).</summary>
    public static void Drop(string name)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ForDatabase(name)));
        try
        {
            Admin($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
        catch (NpgsqlException)
        {
            // A database left behind on a test server must not fail a test run.
        }
    }

    private static async Task<string> TemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (template is not null)
            {
                return template;
            }

            var name = "eduplan_template_" + Guid.NewGuid().ToString("N")[..12];
            Admin($"CREATE DATABASE \"{name}\"");
            var options = new DbContextOptionsBuilder<EduPlanDbContext>()
                .UseEduPlanDatabase(new DatabaseSettings(DatabaseProvider.PostgreSql, ForDatabase(name, pooling: false)))
                .Options;
            await using (var db = new EduPlanDbContext(options))
            {
                await DatabaseMigrations.MigrateAsync(db);
            }

            AppDomain.CurrentDomain.ProcessExit += (_, _) => Drop(name);
            template = name;
            return name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static string NewName() => "eduplan_t_" + Guid.NewGuid().ToString("N")[..16];

    private static string ForDatabase(string name, bool pooling = true) =>
        new NpgsqlConnectionStringBuilder(Server) { Database = name, Pooling = pooling }.ConnectionString;

    private static string Server => TestDatabases.PostgresServer
        ?? throw new InvalidOperationException($"{TestDatabases.ServerVariable} is not set.");

    private static void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static T Admin<T>(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return (T)command.ExecuteScalar()!;
    }
}
