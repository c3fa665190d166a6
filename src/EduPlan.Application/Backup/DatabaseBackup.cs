using EduPlan.Core.Messages;
using EduPlan.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Backup;

/// <summary>
/// A consistent copy of the database taken while it is in use, written as a new SQLite file: from SQLite with SQLite's
/// online backup API (page by page, a snapshot however busy the portal is), from a server with <see cref="DatabaseCopy"/>
/// inside one snapshot transaction. The file is itself an EduPlan database: open it with Database:Provider=Sqlite, or
/// restore it anywhere with <c>eduplan copy</c>.
/// </summary>
public sealed class DatabaseBackup(DatabaseCopy copy)
{
    /// <summary>
    /// Writes the backup to <paramref name="file"/>; refused when the file exists (a backup never overwrites one).
    /// </summary>
    public async Task<Result<BackupReport>> BackupAsync(EduPlanDbContext source, string file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(file);
        if (File.Exists(file))
        {
            return Result<BackupReport>.Refused(new Message("Backup_FileExists", file));
        }

        // The backup holds what the database holds (password hashes, signing keys): for the portal's account only, as
        // the database itself is.
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder))
        {
            PrivateFiles.EnsureFolder(folder);
        }

        PrivateFiles.EnsureOwnerOnlyFile(file);

        var target = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString;
        if (source.Database.IsSqlite())
        {
            await source.Database.OpenConnectionAsync(cancellationToken);
            await using var destination = new SqliteConnection(target);
            await destination.OpenAsync(cancellationToken);
            ((SqliteConnection)source.Database.GetDbConnection()).BackupDatabase(destination);
            return Result<BackupReport>.Saved(new BackupReport(file, new FileInfo(file).Length, null));
        }

        var options = new DbContextOptionsBuilder<EduPlanDbContext>()
            .UseEduPlanDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, target))
            .Options;
        await using var backup = new EduPlanDbContext(options);
        await DatabaseMigrations.MigrateAsync(backup, cancellationToken);
        var rows = await copy.CopyAsync(source, backup, cancellationToken);
        return Result<BackupReport>.Saved(new BackupReport(file, new FileInfo(file).Length, rows));
    }
}

/// <summary>A backup written: its file and size, and for a copy row by row (from a server) the rows of each table.</summary>
public sealed record BackupReport(string File, long Bytes, CopyReport? Rows);
