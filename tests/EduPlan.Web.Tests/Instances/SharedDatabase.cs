using EduPlan.Core.Organisation;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using EduPlan.Tests;
using EduPlan.Web.Tests.Ownership;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Instances;

/// <summary>
/// One database (a SQLite file, or a PostgreSQL database on the PostgreSQL run) readied by the portal itself, for
/// several portal processes to share: 市教委 leads Chongqing tasks 1–8, two of its reporters exist, and the last
/// quarter that has ended is reopened until a month from today, so that saves work whatever today's date is.
/// </summary>
public sealed class SharedDatabase : IAsyncDisposable
{
    public const string ReporterA = "edu-a";
    public const string ReporterB = "edu-b";

    private SharedDatabase(string folder, DatabaseSettings settings)
    {
        Folder = folder;
        Settings = settings;
    }

    public string Folder { get; }

    public DatabaseSettings Settings { get; }

    /// <summary>The quarter open for entry, e.g. 2026Q3.</summary>
    public Quarter Quarter { get; private set; }

    /// <summary>Ids of Chongqing tasks 1–8, led by 市教委.</summary>
    public IReadOnlyList<int> TaskIds { get; private set; } = [];

    /// <summary>A fresh, empty database (nothing created yet), for processes to start on.</summary>
    public static SharedDatabase Empty()
    {
        var folder = EduPlanWebFactory.NewTempFolder();
        Directory.CreateDirectory(folder);
        return new SharedDatabase(folder, EduPlanWebFactory.DatabaseFor(folder));
    }

    /// <summary>A database the portal has migrated and seeded, with the departments, owners, reporters and open quarter above.</summary>
    public static async Task<SharedDatabase> ReadiedAsync()
    {
        var folder = EduPlanWebFactory.NewTempFolder();
        await using var factory = new EduPlanWebFactory { Folder = folder };
        var database = new SharedDatabase(folder, factory.Database);
        var education = await factory.EnsureDepartmentAsync("市教委");
        await factory.CreateUserAsync(ReporterA, OwnershipTestKit.Password, ["Reporter"], "市教委");
        await factory.CreateUserAsync(ReporterB, OwnershipTestKit.Password, ["Reporter"], "市教委");
        var today = DateOnly.FromDateTime(ChinaCalendar.ToChina(DateTime.UtcNow).DateTime);
        database.Quarter = Quarter.Containing(today).Previous;
        database.TaskIds = await factory.WithDbAsync(async db =>
        {
            var tasks = await db.Tasks.Where(t => t.Plan!.Code == "chongqing" && t.Number <= 8).OrderBy(t => t.Number).ToListAsync();
            tasks.ForEach(t => t.LeadDepartmentId = education);
            db.ReportingPeriodOverrides.Add(new ReportingPeriodOverride
            {
                Year = database.Quarter.Year,
                QuarterNumber = database.Quarter.Number,
                Mode = PeriodOverrideMode.Open,
                OpenUntil = today.AddDays(30),
                Reason = "several-instances test",
                ChangedAt = DateTime.UtcNow,
                ChangedByName = "admin",
            });
            await db.SaveChangesAsync();
            return tasks.Select(t => t.Id).ToList();
        });
        return database;
    }

    public string FormPath(int taskId) => $"/my/tasks/{taskId}/{Quarter}";

    public ValueTask DisposeAsync()
    {
        EduPlanWebFactory.DeleteFolder(Folder);
        return ValueTask.CompletedTask;
    }

    /// <summary>Reads the shared database directly.</summary>
    public async Task<T> QueryAsync<T>(Func<EduPlanDbContext, Task<T>> query)
    {
        await using var db = new EduPlanDbContext(new DbContextOptionsBuilder<EduPlanDbContext>().UseEduPlanDatabase(Settings).Options);
        return await query(db);
    }
}
