using System.Globalization;
using System.Security.Cryptography;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using EduPlan.Tests;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Cli.Tests;

/// <summary>
/// <c>eduplan backup</c> and <c>eduplan copy</c>: a consistent copy of a database in use, every table moved between
/// providers, and a round trip SQLite → PostgreSQL → SQLite that gives the same exports and report histories.
/// </summary>
public sealed class BackupCopyTests : IDisposable
{
    private const string Password = "Demo-Backup-Passw0rd";
    private readonly CliSandbox _cli = new();
    private readonly List<IDisposable> _others = [];

    public void Dispose()
    {
        _others.ForEach(o => o.Dispose());
        _cli.Dispose();
    }

    [Fact]
    public async Task A_backup_taken_while_the_database_is_written_is_a_sound_database_with_the_same_plans_and_histories()
    {
        await FillAsync(_cli);
        var exportBefore = await ExportAsync(_cli);
        var historiesBefore = await HistoryAsync(_cli.Settings);
        var file = Path.Combine(_cli.Folder, "backups", "eduplan-backup.db");

        // Someone keeps working meanwhile: departments are added during the backup.
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await using var db = Context(_cli.Settings);
                db.Departments.Add(new Core.Organisation.Department { Name = $"备份期间新增{i}", ShortName = $"新增{i}", Kind = Core.Organisation.DepartmentKind.Other });
                await db.SaveChangesAsync();
            }
        });
        var result = await _cli.RunAsync("backup", "--out", file);
        await stop.CancelAsync();
        await writer;

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().StartWith("backed up ").And.Contain(file);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).Should().Be(PrivateFiles.OwnerOnly, "a backup holds password hashes and signing keys");
        }

        var backup = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file}");
        (await DatabaseIntegrity.CheckAsync(backup)).Should().BeEmpty();
        using var restored = SandboxOn(backup);
        (await ExportAsync(restored)).Should().Be(exportBefore);
        (await HistoryAsync(backup)).Should().Equal(historiesBefore);
        var later = await CountAsync(_cli.Settings, db => db.Departments.CountAsync());
        (await CountAsync(backup, db => db.Departments.CountAsync())).Should().BeLessThanOrEqualTo(later);
    }

    [Fact]
    public async Task A_backup_never_overwrites_a_file()
    {
        (await _cli.RunAsync("import", CliSandbox.SeedPath)).ExitCode.Should().Be(0);
        var file = _cli.WriteFile("existing.db", "keep me");

        var result = await _cli.RunAsync("backup", "--out", file);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("already exists");
        (await File.ReadAllTextAsync(file)).Should().Be("keep me");
    }

    [Fact]
    public async Task Copy_refuses_a_target_that_holds_data_and_writes_nothing_to_it()
    {
        (await _cli.RunAsync("import", CliSandbox.SeedPath)).ExitCode.Should().Be(0);
        using var other = new CliSandbox();
        _others.Add(other);
        (await other.RunAsync("departments", "add", "--name", "另一个单位", "--short", "另一")).ExitCode.Should().Be(0);

        var result = await _cli.RunAsync("copy", "--to-provider", other.Settings.Provider.ToString(), "--to-connection", other.Settings.ConnectionString);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("not empty").And.Contain("Departments");
        other.CountPlans().Should().Be(0);
    }

    [Fact]
    public async Task Copy_to_an_empty_database_moves_every_table_and_the_copy_serves_the_same_data()
    {
        await FillAsync(_cli);
        var target = Path.Combine(_cli.Folder, "copy.db");

        var result = await _cli.RunAsync("copy", "--to-provider", "Sqlite", "--to-connection", $"Data Source={target}");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("EvidenceContents: 1 rows").And.Contain("AuditEntries: ").And.Contain("AspNetUsers: ").And.Contain("DataProtectionKeys: ");
        var copy = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={target}");
        using var copied = SandboxOn(copy);
        (await ExportAsync(copied)).Should().Be(await ExportAsync(_cli));
        (await HistoryAsync(copy)).Should().Equal(await HistoryAsync(_cli.Settings));
        (await DatabaseIntegrity.CheckAsync(copy)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task A_round_trip_SQLite_to_PostgreSQL_to_SQLite_gives_the_same_exports_and_report_histories()
    {
        TestDatabases.RequirePostgres();
        using var sqlite = SandboxOn(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_cli.Folder, "source.db")}"));
        await FillAsync(sqlite);
        var export = await ExportAsync(sqlite);
        var histories = await HistoryAsync(sqlite.Settings);
        using var postgres = PostgresDatabase.CreateEmpty();
        var back = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_cli.Folder, "back.db")}");

        var there = await sqlite.RunAsync("copy", "--to-provider", "PostgreSql", "--to-connection", postgres.ConnectionString);
        there.ExitCode.Should().Be(0, there.ToString());
        using var onPostgres = SandboxOn(postgres.Settings);
        var again = await onPostgres.RunAsync("copy", "--to-provider", "Sqlite", "--to-connection", back.ConnectionString);
        again.ExitCode.Should().Be(0, again.ToString());

        (await ExportAsync(onPostgres)).Should().Be(export);
        (await HistoryAsync(postgres.Settings)).Should().Equal(histories);
        using var returned = SandboxOn(back);
        (await ExportAsync(returned)).Should().Be(export);
        (await HistoryAsync(back)).Should().Equal(histories);
        (await DatabaseIntegrity.CheckAsync(back)).Should().BeEmpty();

        // The copy on PostgreSQL goes on numbering where the source stopped.
        await using var db = Context(postgres.Settings);
        db.Departments.Add(new Core.Organisation.Department { Name = "复制后新增", ShortName = "新增", Kind = Core.Organisation.DepartmentKind.Other });
        await db.SaveChangesAsync();
    }

    /// <summary>Demo data (departments, users, owners, reports with their revisions and audit) and one evidence file.</summary>
    private static async Task FillAsync(CliSandbox sandbox)
    {
        var demo = await sandbox.RunAsync("demo", "--departments", "4", "--through", "2025Q2", "--today", "2025-09-10", "--seed", "3", "--password", Password);
        demo.ExitCode.Should().Be(0, demo.ToString());
        await using var db = Context(sandbox.Settings);
        var report = await db.ProgressReports.OrderBy(r => r.Id).FirstAsync();
        var bytes = "%PDF-1.4\n%证明材料\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();
        var evidence = new ReportEvidence
        {
            ReportId = report.Id,
            Kind = EvidenceKind.File,
            Title = "督导评估报告",
            ContentType = "application/pdf",
            Length = bytes.Length,
            Sha256 = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant(),
            AddedAt = DateTime.UtcNow,
            AddedByName = "jiaowei",
            Content = new EvidenceContent { Bytes = bytes },
        };
        db.ReportEvidence.Add(evidence);
        await db.SaveChangesAsync();
    }

    private static CliSandbox SandboxOn(DatabaseSettings settings) => new(settings);

    private static async Task<string> ExportAsync(CliSandbox sandbox)
    {
        var export = await sandbox.RunAsync("export", "--format", "json");
        export.ExitCode.Should().Be(0, export.ToString());
        return export.Output;
    }

    /// <summary>
    /// Reports with every revision, evidence (with a hash of its bytes), the audit log, users and keys, as text. Times to
    /// the microsecond: PostgreSQL keeps no finer, so .NET's 100-ns digits do not survive a trip through it.
    /// </summary>
    private static async Task<List<string>> HistoryAsync(DatabaseSettings settings)
    {
        await using var db = Context(settings);
        var rows = new List<string>();
        foreach (var r in await db.ProgressReports.AsNoTracking().Include(r => r.Revisions).Include(r => r.IndicatorValues).OrderBy(r => r.Id).ToListAsync())
        {
            rows.Add(string.Join("|", "report", r.Id, r.TaskId, r.DepartmentId, r.Year, r.QuarterNumber, r.State, r.Status, r.Percent, r.Progress, r.Problems,
                r.NextSteps, r.Revision, Time(r.CreatedAt), Time(r.UpdatedAt), Time(r.SubmittedAt), Time(r.ApprovedAt), r.UpdatedByName, r.ReviewComment));
            rows.AddRange(r.Revisions.OrderBy(v => v.Number).Select(v => string.Join("|", "revision", r.Id, v.Number, v.Action, v.StateAfter, v.ActorName, Time(v.At), v.Comment, v.Snapshot)));
            rows.AddRange(r.IndicatorValues.OrderBy(v => v.IndicatorId).Select(v => string.Join("|", "value", r.Id, v.IndicatorId, Number(v.Value), v.Note)));
        }

        foreach (var e in await db.ReportEvidence.AsNoTracking().Include(e => e.Content).OrderBy(e => e.Id).ToListAsync())
        {
            rows.Add(string.Join("|", "evidence", e.Id, e.ReportId, e.Kind, e.Title, e.ContentType, e.Length, e.Sha256, Time(e.AddedAt),
                Convert.ToHexString(SHA256.HashData(e.Content?.Bytes ?? []))));
        }

        rows.AddRange((await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync())
            .Select(a => string.Join("|", "audit", a.Id, Time(a.OccurredAt), a.Action, a.Outcome, a.ActorName, a.TargetType, a.TargetId, a.TargetName, a.Details)));
        rows.AddRange((await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync())
            .Select(u => string.Join("|", "user", u.UserName, u.DisplayName, u.PasswordHash, u.SecurityStamp, u.DepartmentId)));
        rows.AddRange((await db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync()).Select(k => string.Join("|", "key", k.FriendlyName, k.Xml)));
        return rows;
    }

    /// <summary>A decimal by its value: PostgreSQL's numeric(18,4) gives 1.5700 back where SQLite gives 1.57.</summary>
    private static string Number(decimal? value) => value?.ToString("0.##########", CultureInfo.InvariantCulture) ?? "";

    private static string Time(DateTime? time) =>
        time is { } t ? new DateTime(t.Ticks - (t.Ticks % 10), DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) : "";

    private static EduPlanDbContext Context(DatabaseSettings settings) =>
        new(new DbContextOptionsBuilder<EduPlanDbContext>().UseEduPlanDatabase(settings).Options);

    private static async Task<int> CountAsync(DatabaseSettings settings, Func<EduPlanDbContext, Task<int>> count)
    {
        await using var db = Context(settings);
        return await count(db);
    }
}
