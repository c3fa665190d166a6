using System.Data;
using EduPlan.Core.Messages;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EduPlan.Application.Backup;

/// <summary>How many rows of each table were copied, in the order they were copied, and the migrations applied to the target first.</summary>
public sealed record CopyReport(IReadOnlyList<(string Table, long Rows)> Tables, int MigrationsApplied = 0)
{
    public long TotalRows => Tables.Sum(t => t.Rows);
}

/// <summary>
/// Copies every table of one EduPlan database into another that is migrated and empty, whatever the two providers:
/// keys kept as they are (so links, report histories and audit references stay right), parents before children,
/// evidence bytes included. The source is read inside one snapshot transaction (a consistent copy of a database in
/// use); the target is written in one transaction (all or nothing). Used by <c>eduplan copy</c> and, for a server
/// database, by <c>eduplan backup</c>. See docs/adr/0018-backup-and-copy.md.
/// </summary>
public sealed class DatabaseCopy
{
    private const int RowsPerSave = 500;

    /// <summary>Evidence rows hold up to 10 MB each: few at a time.</summary>
    private const int BlobRowsPerSave = 8;

    /// <summary>The tables that hold rows in <paramref name="db"/> (the migrations history aside).</summary>
    public static async Task<IReadOnlyList<string>> NonEmptyTablesAsync(EduPlanDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tables = new List<string>();
        foreach (var type in Order(db.Model))
        {
            if (await AnyAsync(db, type, cancellationToken))
            {
                tables.Add(type.GetTableName()!);
            }
        }

        return tables;
    }

    /// <summary>
    /// <c>eduplan copy</c>: migrates <paramref name="target"/> when it lacks migrations, then copies everything from
    /// <paramref name="source"/> into it; refused, with nothing copied, when the target holds any row.
    /// </summary>
    public async Task<Result<CopyReport>> CopyIntoEmptyAsync(EduPlanDbContext source, EduPlanDbContext target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var pending = await DatabaseMigrations.PendingAsync(target, cancellationToken);
        if (pending.Count > 0)
        {
            await DatabaseMigrations.MigrateAsync(target, cancellationToken);
        }

        var filled = await NonEmptyTablesAsync(target, cancellationToken);
        if (filled.Count > 0)
        {
            return Result<CopyReport>.Refused(new Message("Copy_TargetNotEmpty", MessageList.Of(filled)));
        }

        var report = await CopyAsync(source, target, cancellationToken);
        return Result<CopyReport>.Saved(report with { MigrationsApplied = pending.Count });
    }

    /// <summary>Copies everything from <paramref name="source"/> into <paramref name="target"/>, which must be migrated and empty.</summary>
    public async Task<CopyReport> CopyAsync(EduPlanDbContext source, EduPlanDbContext target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);

        target.ChangeTracker.AutoDetectChangesEnabled = false;
        target.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        await using var read = await BeginSnapshotAsync(source, cancellationToken);
        await using var write = await target.Database.BeginTransactionAsync(cancellationToken);

        var copied = new List<(string, long)>();
        foreach (var type in Order(target.Model))
        {
            var rows = await CopyTableAsync(source, target, type, cancellationToken);
            copied.Add((type.GetTableName()!, rows));
        }

        if (target.Database.IsNpgsql())
        {
            await ResetPostgresSequencesAsync(target, cancellationToken);
        }

        await write.CommitAsync(cancellationToken);
        await read.CommitAsync(cancellationToken);
        return new CopyReport(copied);
    }

    /// <summary>Every mapped table, parents before the tables whose foreign keys point at them.</summary>
    public static IReadOnlyList<IEntityType> Order(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var types = model.GetEntityTypes()
            .Where(t => !t.IsOwned() && t.GetTableName() is not null && t.FindPrimaryKey() is not null)
            .OrderBy(t => t.GetTableName(), StringComparer.Ordinal)
            .ToList();
        var ordered = new List<IEntityType>();
        var placed = new HashSet<IEntityType>();
        while (ordered.Count < types.Count)
        {
            var next = types.First(t => !placed.Contains(t)
                && t.GetForeignKeys().All(fk => fk.PrincipalEntityType == t || placed.Contains(fk.PrincipalEntityType) || !types.Contains(fk.PrincipalEntityType)));
            ordered.Add(next);
            placed.Add(next);
        }

        return ordered;
    }

    /// <summary>A snapshot of the whole source for the length of the copy, without stopping its writers where the provider allows.</summary>
    private static async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginSnapshotAsync(EduPlanDbContext source, CancellationToken cancellationToken)
    {
        if (source.Database.IsSqlite())
        {
            // A deferred transaction reads one snapshot (WAL) and takes no write lock: the portal keeps saving meanwhile.
            await source.Database.OpenConnectionAsync(cancellationToken);
            var connection = (Microsoft.Data.Sqlite.SqliteConnection)source.Database.GetDbConnection();
            return await source.Database.UseTransactionAsync(connection.BeginTransaction(deferred: true), cancellationToken)
                ?? throw new InvalidOperationException("The SQLite transaction was not taken up.");
        }

        // PostgreSQL's REPEATABLE READ is snapshot isolation; SQL Server's SNAPSHOT needs ALLOW_SNAPSHOT_ISOLATION ON.
        var level = source.Database.IsNpgsql() ? IsolationLevel.RepeatableRead : IsolationLevel.Snapshot;
        return await source.Database.BeginTransactionAsync(level, cancellationToken);
    }

    private static Task<long> CopyTableAsync(EduPlanDbContext source, EduPlanDbContext target, IEntityType type, CancellationToken cancellationToken) =>
        (Task<long>)typeof(DatabaseCopy).GetMethod(nameof(CopyRowsAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type.ClrType)
            .Invoke(null, [source, target, type, cancellationToken])!;

    private static async Task<long> CopyRowsAsync<T>(EduPlanDbContext source, EduPlanDbContext target, IEntityType type, CancellationToken cancellationToken)
        where T : class
    {
        var perSave = type.GetProperties().Any(p => p.ClrType == typeof(byte[]) && p.GetMaxLength() is null) ? BlobRowsPerSave : RowsPerSave;
        var identity = target.Database.IsSqlServer() && type.FindPrimaryKey()!.Properties.Any(p => p.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd && p.ClrType == typeof(int));
        var table = type.GetTableName()!;
#pragma warning disable EF1002 // The table name comes from the model, not from input.
        if (identity)
        {
            await target.Database.ExecuteSqlRawAsync($"SET IDENTITY_INSERT [{table}] ON", cancellationToken);
        }
#pragma warning restore EF1002

        IQueryable<T> rows = source.Set<T>().AsNoTracking();
        foreach (var key in type.FindPrimaryKey()!.Properties)
        {
            rows = rows is IOrderedQueryable<T> ordered && key != type.FindPrimaryKey()!.Properties[0]
                ? ordered.ThenBy(e => EF.Property<object>(e, key.Name))
                : rows.OrderBy(e => EF.Property<object>(e, key.Name));
        }

        long count = 0;
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            target.Add(row);
            if (++count % perSave == 0)
            {
                await SaveAsync(target, cancellationToken);
            }
        }

        await SaveAsync(target, cancellationToken);
#pragma warning disable EF1002 // The table name comes from the model, not from input.
        if (identity)
        {
            await target.Database.ExecuteSqlRawAsync($"SET IDENTITY_INSERT [{table}] OFF", cancellationToken);
        }
#pragma warning restore EF1002

        return count;
    }

    private static async Task SaveAsync(EduPlanDbContext target, CancellationToken cancellationToken)
    {
        target.ChangeTracker.DetectChanges();
        await target.SaveChangesAsync(cancellationToken);
        target.ChangeTracker.Clear();
    }

    private static Task<bool> AnyAsync(EduPlanDbContext db, IEntityType type, CancellationToken cancellationToken) =>
        (Task<bool>)typeof(DatabaseCopy).GetMethod(nameof(AnyRowsAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type.ClrType)
            .Invoke(null, [db, cancellationToken])!;

    private static Task<bool> AnyRowsAsync<T>(EduPlanDbContext db, CancellationToken cancellationToken)
        where T : class => db.Set<T>().AnyAsync(cancellationToken);

    /// <summary>Rows came with their ids; each identity column's sequence continues after the highest one.</summary>
    private static async Task ResetPostgresSequencesAsync(EduPlanDbContext target, CancellationToken cancellationToken)
    {
        foreach (var type in Order(target.Model))
        {
            var table = type.GetTableName()!;
            foreach (var key in type.FindPrimaryKey()!.Properties.Where(p => p.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd && p.ClrType != typeof(string)))
            {
                var column = key.GetColumnName();
#pragma warning disable EF1002 // Table and column names come from the model, not from input.
                await target.Database.ExecuteSqlRawAsync(
                    $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), COALESCE((SELECT MAX(\"{column}\") FROM \"{table}\"), 0) + 1, false)",
                    cancellationToken);
#pragma warning restore EF1002
            }
        }
    }
}
