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
    /// <summary>Writes the backup to <paramref name="file"/> (which must not exist); returns the rows copied, or null for a SQLite page copy.</summary>
    public async Task<CopyReport?> BackupAsync(EduPlanDbContext source, string file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(file);
        if (File.Exists(file))
        {
            throw new IOException($"{file} already exists.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var target = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString;
        if (source.Database.IsSqlite())
        {
            await source.Database.OpenConnectionAsync(cancellationToken);
            await using var destination = new SqliteConnection(target);
            await destination.OpenAsync(cancellationToken);
            ((SqliteConnection)source.Database.GetDbConnection()).BackupDatabase(destination);
            return null;
        }

        var options = new DbContextOptionsBuilder<EduPlanDbContext>()
            .UseEduPlanDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, target))
            .Options;
        await using var backup = new EduPlanDbContext(options);
        await DatabaseMigrations.MigrateAsync(backup, cancellationToken);
        return await copy.CopyAsync(source, backup, cancellationToken);
    }
}
