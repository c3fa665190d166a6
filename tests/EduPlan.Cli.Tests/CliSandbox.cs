using System.Data.Common;
using System.Text;
using EduPlan.Cli;
using EduPlan.Data;
using EduPlan.Tests;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EduPlan.Cli.Tests;

/// <summary>
/// A temporary folder with its own database, and a way to run the CLI in-process against it. The database is a SQLite
/// file in the folder (not yet created), or on the PostgreSQL run (<see cref="TestDatabases.OnPostgres"/>) a database
/// of its own, migrated as its administrator would have done (the CLI migrates only SQLite files by itself).
/// </summary>
public sealed class CliSandbox : IDisposable
{
    private readonly PostgresDatabase? postgres;

    public const string SeedLineToBreak = "（九）推进学前教育优质普惠发展";

    /// <param name="migrated">On PostgreSQL: false gives an empty database (no schema), as a new SQLite file is.</param>
    public CliSandbox(bool migrated = true)
        : this(null, migrated)
    {
    }

    /// <summary>A sandbox whose CLI runs on <paramref name="database"/> (owned by the caller).</summary>
    public CliSandbox(DatabaseSettings database)
        : this(database, migrated: false)
    {
    }

    private CliSandbox(DatabaseSettings? database, bool migrated)
    {
        Folder = Path.Combine(Path.GetTempPath(), "eduplan-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        DatabasePath = Path.Combine(Folder, "eduplan.db");
        if (database is null && TestDatabases.OnPostgres)
        {
            postgres = migrated ? Task.Run(PostgresDatabase.CreateMigratedAsync).GetAwaiter().GetResult() : PostgresDatabase.CreateEmpty();
        }

        Settings = database ?? postgres?.Settings ?? new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={DatabasePath}");
        Overrides = new Dictionary<string, string?>
        {
            // Wins over any Database__Provider / ConnectionStrings__EduPlan set on the machine running the tests.
            ["Database:Provider"] = Settings.Provider.ToString(),
            ["ConnectionStrings:EduPlan"] = Settings.ConnectionString,
        };
    }

    /// <summary>The database the sandbox's CLI runs on.</summary>
    public DatabaseSettings Settings { get; }

    public bool OnPostgres => Settings.Provider == DatabaseProvider.PostgreSql;

    public string Folder { get; }

    public string DatabasePath { get; }

    public Dictionary<string, string?> Overrides { get; }

    public static string SeedPath { get; } = Path.Combine(AppContext.BaseDirectory, "seeds", "education-plans-2024-2035.txt");

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await new CliApp().RunAsync(args, output, error, Overrides);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>
    /// A copy of the seed whose Chongqing task （九） is numbered （十）, so its numbering skips from
    /// （八） to （十）. Returns the copy's path and the 1-based line of the broken task.
    /// </summary>
    public (string Path, int Line) WriteSeedWithSkippedTaskNumber()
    {
        var lines = File.ReadAllLines(SeedPath, Encoding.UTF8);
        var index = Array.FindIndex(lines, l => l.StartsWith(SeedLineToBreak, StringComparison.Ordinal));
        index.Should().BeGreaterThan(0, "the seed has the Chongqing task （九）");
        lines[index] = "（十）" + lines[index]["（九）".Length..];
        var path = Path.Combine(Folder, "bad.txt");
        File.WriteAllLines(path, lines, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return (path, index + 1);
    }

    /// <summary>A copy of the seed without the lines from the one starting with <paramref name="start"/> to the end.</summary>
    public string WriteSeedCutFrom(string start)
    {
        var lines = File.ReadAllLines(SeedPath, Encoding.UTF8);
        var index = Array.FindIndex(lines, l => l.StartsWith(start, StringComparison.Ordinal));
        index.Should().BeGreaterThan(0, $"the seed has a line starting with {start}");
        var path = Path.Combine(Folder, "cut.txt");
        File.WriteAllLines(path, lines[..index], new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    /// <summary>Why a test of the CLI creating its own database runs on SQLite only.</summary>
    public const string OnlySqliteMigratesItself =
        "the CLI creates and migrates a SQLite file on first write; a server database is migrated by its administrator (see PostgreSqlCommandTests)";

    /// <summary>
    /// Whether the CLI left anything in the database: on SQLite, whether the file exists at all; on PostgreSQL, whether any
    /// plan, department, user, role or audit entry was written (or, in a database without a schema, any table created).
    /// </summary>
    public bool AnythingWritten() => OnPostgres
        ? !TableNames().Contains("Plans") ? TableNames().Count > 0 : (long)Scalar("""
            SELECT (SELECT COUNT(*) FROM "Plans") + (SELECT COUNT(*) FROM "Departments") + (SELECT COUNT(*) FROM "AspNetUsers")
                 + (SELECT COUNT(*) FROM "AspNetRoles") + (SELECT COUNT(*) FROM "AuditEntries")
            """)! > 0
        : File.Exists(DatabasePath);

    /// <summary>The number of rows in Plans, or null when the database or the table does not exist.</summary>
    public long? CountPlans()
    {
        if (!OnPostgres && !File.Exists(new SqliteConnectionStringBuilder(Settings.ConnectionString).DataSource))
        {
            return null;
        }

        return TableNames().Contains("Plans") ? (long)Scalar("""SELECT COUNT(*) FROM "Plans" """)! : null;
    }

    /// <summary>
    /// The first column of the first row of <paramref name="sql"/> (identifiers quoted: "Plans"), as SQLite gives it:
    /// a PostgreSQL boolean as 1 or 0, a time as "yyyy-MM-dd HH:mm:ss".
    /// </summary>
    public object? Scalar(string sql)
    {
        using var connection = OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() switch
        {
            DBNull => null,
            bool flag => flag ? 1L : 0L,
            DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            var value => value,
        };
    }

    /// <summary>Runs <paramref name="sql"/> (identifiers quoted) on the database (tests that spoil data on purpose); returns the rows changed.</summary>
    public int Execute(string sql)
    {
        using var connection = OpenDatabase(write: true);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    /// <summary>Writes <paramref name="content"/> to a file in the sandbox (UTF-8 without BOM) and returns its path.</summary>
    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    public IReadOnlyList<string> TableNames()
    {
        using var connection = OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = OnPostgres
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            : "SELECT name FROM sqlite_master WHERE type = 'table'";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    public void Dispose()
    {
        postgres?.Dispose();
        // Pooled connections keep the file open; Windows would refuse to delete it.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail a test.
        }
    }

    private DbConnection OpenDatabase(bool write = false)
    {
        DbConnection connection = OnPostgres
            ? new NpgsqlConnection(Settings.ConnectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder(Settings.ConnectionString) { Mode = write ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }
}

/// <summary>What one run of the CLI produced.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public IReadOnlyList<string> ErrorLines =>
        Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
