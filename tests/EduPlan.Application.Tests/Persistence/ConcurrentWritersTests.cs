using System.Collections.Concurrent;
using System.Diagnostics;
using EduPlan.Application.Import;
using EduPlan.Core.Organisation;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using EduPlan.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace EduPlan.Application.Tests.Persistence;

/// <summary>
/// A database opened the way the portal opens it (a SQLite file, or a PostgreSQL database on the PostgreSQL run) (<see cref="DatabaseServiceCollectionExtensions.UseEduPlanDatabase(DbContextOptionsBuilder, DatabaseSettings)"/>)
/// takes eight writers at once: each waits for the write lock instead of failing with "database is locked" (SQLite).
/// </summary>
public sealed class ConcurrentWritersTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Writers = 8;
    private const int SavesPerWriter = 20;

    private readonly string folder = Path.Combine(Path.GetTempPath(), "eduplan-data-tests", Guid.NewGuid().ToString("N"));
    private DatabaseSettings settings = null!;
    private PostgresDatabase? postgres;
    private List<int> taskIds = null!;
    private List<int> departmentIds = null!;
    private readonly ConcurrentBag<double> saveMilliseconds = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        if (TestDatabases.OnPostgres)
        {
            postgres = await PostgresDatabase.CreateMigratedAsync();
            settings = postgres.Settings;
        }
        else
        {
            settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "eduplan.db")}");
        }

        await using var db = Context();
        await DatabaseMigrations.MigrateAsync(db);
        await new PlanImporter(db, new FakeTimeProvider(new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero))).ImportAsync([Seeds.Parse()]);
        for (var i = 0; i < Writers; i++)
        {
            db.Departments.Add(new Department { Name = $"测试单位{i}", ShortName = $"单位{i}", Kind = DepartmentKind.District });
        }

        await db.SaveChangesAsync();
        taskIds = await db.Tasks.OrderBy(t => t.Id).Select(t => t.Id).Take(SavesPerWriter).ToListAsync();
        departmentIds = await db.Departments.OrderBy(d => d.Id).Select(d => d.Id).ToListAsync();
    }

    public Task DisposeAsync()
    {
        postgres?.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail a test.
        }

        return Task.CompletedTask;
    }

    [SkippableFact]
    public async Task The_database_file_is_in_wal_mode_and_every_connection_waits_for_locks()
    {
        TestDatabases.SqliteOnly("WAL and the busy timeout are SQLite's answer to concurrent writers; PostgreSQL locks rows");
        await using var db = Context();
        await db.Database.OpenConnectionAsync();

        (await Pragma(db, "journal_mode")).Should().Be("wal");
        (await Pragma(db, "busy_timeout")).Should().Be(SqliteConcurrencyInterceptor.BusyTimeoutMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Eight_writers_that_read_then_save_twenty_times_each_all_succeed()
    {
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() => ReadUntilAsync(stop.Token));

        var failures = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(w, explicitTransaction: false))));
        await stop.CancelAsync();
        await reader;

        failures.SelectMany(f => f).Should().BeEmpty();
        WriteTimings();
        await using var db = Context();
        (await db.ProgressReports.CountAsync()).Should().Be(Writers * SavesPerWriter);
        (await db.ProgressReports.SumAsync(r => r.Revision)).Should().Be(Writers * SavesPerWriter * 2, "every report was created, then read again and changed");
    }

    [Fact]
    public async Task Eight_writers_whose_transaction_reads_before_it_writes_all_succeed()
    {
        var failures = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(w, explicitTransaction: true))));

        failures.SelectMany(f => f).Should().BeEmpty();
        await using var db = Context();
        (await db.ProgressReports.CountAsync()).Should().Be(Writers * SavesPerWriter);
    }

    private EduPlanDbContext Context() =>
        new(new DbContextOptionsBuilder<EduPlanDbContext>().UseEduPlanDatabase(settings).Options);

    /// <summary>One writer: for each task, creates its report, then reads it back and changes it. Returns the failures.</summary>
    private async Task<List<string>> WriteAsync(int writer, bool explicitTransaction)
    {
        var failures = new List<string>();
        var departmentId = departmentIds[writer];
        foreach (var taskId in taskIds)
        {
            try
            {
                await using (var db = Context())
                {
                    await using var transaction = explicitTransaction ? await db.Database.BeginTransactionAsync() : null;
                    // The read a save form does first: has this department already reported this quarter?
                    var existing = await db.ProgressReports.CountAsync(r => r.DepartmentId == departmentId && r.Year == 2026);
                    db.ProgressReports.Add(new ProgressReport
                    {
                        TaskId = taskId,
                        DepartmentId = departmentId,
                        Year = 2026,
                        QuarterNumber = 3,
                        Progress = $"第{existing + 1}份",
                        UpdatedByName = "writer" + writer,
                        Revision = 1,
                    });
                    await db.SaveChangesAsync();
                    if (transaction is not null)
                    {
                        await transaction.CommitAsync();
                    }
                }

                await using (var db = Context())
                {
                    var report = await db.ProgressReports.SingleAsync(r => r.TaskId == taskId && r.DepartmentId == departmentId);
                    report.Progress += "（已修改）";
                    report.Revision++;
                    var watch = Stopwatch.StartNew();
                    await db.SaveChangesAsync();
                    saveMilliseconds.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
            catch (Exception e) when (e is System.Data.Common.DbException or DbUpdateException)
            {
                failures.Add($"writer {writer}, task {taskId}: {e.GetBaseException().Message}");
            }
        }

        return failures;
    }

    /// <summary>A page reader running beside the writers, as 待审核 and 我的任务 do.</summary>
    private async Task ReadUntilAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var db = Context();
            await db.ProgressReports.AsNoTracking().Where(r => r.Year == 2026).OrderBy(r => r.Id).Select(r => r.Progress).Take(50).ToListAsync(CancellationToken.None);
        }
    }

    /// <summary>For the record, not asserted (timings vary by machine): how long the updating saves took.</summary>
    private void WriteTimings()
    {
        var sorted = saveMilliseconds.Order().ToList();
        output.WriteLine($"{sorted.Count} saves under {Writers} writers: median {sorted[sorted.Count / 2]:F1} ms, p95 {sorted[(int)(sorted.Count * 0.95)]:F1} ms, max {sorted[^1]:F1} ms");
    }

    private static async Task<string?> Pragma(EduPlanDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
