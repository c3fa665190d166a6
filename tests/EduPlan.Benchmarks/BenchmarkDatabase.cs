using EduPlan.Core.Parsing;
using EduPlan.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Benchmarks;

/// <summary>The seed and throw-away SQLite files shared by the benchmarks.</summary>
internal static class BenchmarkDatabase
{
    public static readonly string SeedPath = Path.Combine(AppContext.BaseDirectory, "seeds", "education-plans-2024-2035.txt");

    public static ParsedDocument ParseSeed() => new PlanDocumentParser().ParseFile(SeedPath);

    public static EduPlanDbContext Open(string databasePath)
    {
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={databasePath}");
        return new EduPlanDbContext(new DbContextOptionsBuilder<EduPlanDbContext>().UseEduPlanDatabase(settings).Options);
    }

    public static void Delete(string folder)
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
