using System.Text;
using EduPlan.Cli;
using Microsoft.Data.Sqlite;

namespace EduPlan.Cli.Tests;

/// <summary>A temporary folder with its own SQLite database, and a way to run the CLI in-process against it.</summary>
public sealed class CliSandbox : IDisposable
{
    public const string SeedLineToBreak = "（九）推进学前教育优质普惠发展";

    public CliSandbox()
    {
        Folder = Path.Combine(Path.GetTempPath(), "eduplan-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        DatabasePath = Path.Combine(Folder, "eduplan.db");
        Overrides = new Dictionary<string, string?>
        {
            // Wins over any Database__Provider / ConnectionStrings__EduPlan set on the machine running the tests.
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:EduPlan"] = $"Data Source={DatabasePath}",
        };
    }

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

    /// <summary>The number of rows in Plans, or null when the database or the table does not exist.</summary>
    public long? CountPlans()
    {
        if (!File.Exists(DatabasePath))
        {
            return null;
        }

        using var connection = OpenDatabase();
        using var tableExists = connection.CreateCommand();
        tableExists.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'Plans'";
        if ((long)tableExists.ExecuteScalar()! == 0)
        {
            return null;
        }

        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM Plans";
        return (long)count.ExecuteScalar()!;
    }

    /// <summary>The first column of the first row of <paramref name="sql"/>, read from the database file.</summary>
    public object? Scalar(string sql)
    {
        using var connection = OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>Runs <paramref name="sql"/> on the database file (tests that spoil data on purpose); returns the rows changed.</summary>
    public int Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
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
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
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

    private SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
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
