using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EduPlan.Data;

/// <summary>
/// Readies every SQLite connection EF opens for several concurrent writers (the portal's report saves):
/// the file is switched to write-ahead logging (WAL) once, so readers never block the writer nor the writer
/// the readers, and each connection gets a busy timeout, so a writer that finds the write lock taken waits
/// for it inside SQLite instead of failing with "database is locked".
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite retries a busy statement on its own, but only every 150 ms; SQLite's busy handler wakes
/// within a few milliseconds of the lock being released, which is what keeps a save's p95 low under contention.
/// EF Core's SaveChanges transaction begins IMMEDIATE (Microsoft.Data.Sqlite's default), so it takes the write lock
/// before it reads anything and never needs to upgrade a read snapshot that another writer made stale.
/// </remarks>
public sealed class SqliteConcurrencyInterceptor : DbConnectionInterceptor
{
    /// <summary>How long a statement waits for another connection's lock before SQLite reports it busy.</summary>
    public const int BusyTimeoutMilliseconds = 15_000;

    public static readonly SqliteConcurrencyInterceptor Instance = new();

    // synchronous = NORMAL: in WAL mode a commit then only appends to the log and the fsync waits for the checkpoint.
    // SQLite documents it as safe from corruption; what it gives up is the last commits before a power cut or an OS
    // crash (not an application crash). A commit drops from ~5 ms to well under 1 ms, and with it the time every
    // other writer waits for the lock. Both settings belong to the connection, so every open sets them.
    private static readonly string PerConnection = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;";

    // WAL is a property of the file and survives restarts: setting it once per database per process is enough.
    // Keyed by connection string; the value says whether the file was switched (false: in memory or read-only).
    private static readonly ConcurrentDictionary<string, bool> WalFiles = new(StringComparer.Ordinal);

    /// <summary>A database file SQLite would create is created first, readable by its owner only (SQLite would make it 0644).</summary>
    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        CreatePrivateFile(connection);
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(
        DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        CreatePrivateFile(connection);
        return ValueTask.FromResult(result);
    }

    private static void CreatePrivateFile(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite && !WalFiles.ContainsKey(sqlite.ConnectionString) && CanUseWal(sqlite.ConnectionString))
        {
            var builder = new SqliteConnectionStringBuilder(sqlite.ConnectionString);
            if (builder.Mode == SqliteOpenMode.ReadWriteCreate && !builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            {
                PrivateFiles.EnsureOwnerOnlyFile(Path.GetFullPath(builder.DataSource));
            }
        }
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is not SqliteConnection sqlite)
        {
            return;
        }

        var switchToWal = NeedsWal(sqlite);
        using (var command = Command(sqlite, switchToWal))
        {
            command.ExecuteNonQuery();
        }

        Done(sqlite, switchToWal);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is not SqliteConnection sqlite)
        {
            return;
        }

        var switchToWal = NeedsWal(sqlite);
        await using (var command = Command(sqlite, switchToWal))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        Done(sqlite, switchToWal);
    }

    /// <summary>True when the connection is to a database file that may be switched to WAL (not in memory, not read-only).</summary>
    public static bool CanUseWal(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        return builder.Mode is SqliteOpenMode.ReadWriteCreate or SqliteOpenMode.ReadWrite
            && !string.IsNullOrEmpty(dataSource)
            && dataSource != ":memory:"
            && !dataSource.Contains("mode=memory", StringComparison.OrdinalIgnoreCase);
    }

    private static bool NeedsWal(SqliteConnection connection)
    {
        var key = connection.ConnectionString;
        if (WalFiles.ContainsKey(key))
        {
            return false;
        }

        if (!CanUseWal(key))
        {
            // In memory or read-only: nothing to switch, and no need to parse the connection string again.
            WalFiles.TryAdd(key, false);
            return false;
        }

        return true;
    }

    private static void Done(SqliteConnection connection, bool switchedToWal)
    {
        if (switchedToWal)
        {
            WalFiles.TryAdd(connection.ConnectionString, true);
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, bool switchToWal)
    {
        var command = connection.CreateCommand();
        // The busy timeout comes first: another process may be writing while this one switches the file to WAL.
        command.CommandText = switchToWal
            ? $"{PerConnection} PRAGMA journal_mode = WAL;"
            : PerConnection;
        return command;
    }
}
