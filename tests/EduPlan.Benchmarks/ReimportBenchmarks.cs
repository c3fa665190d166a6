using BenchmarkDotNet.Attributes;
using EduPlan.Application.Import;
using EduPlan.Core.Parsing;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Benchmarks;

/// <summary>Importing the same document again into a database that already holds it (goal: under 100 ms).</summary>
[MemoryDiagnoser]
public class ReimportBenchmarks
{
    private ParsedDocument _document = null!;
    private string _folder = "";
    private string _databasePath = "";

    [GlobalSetup]
    public void Setup()
    {
        _document = BenchmarkDatabase.ParseSeed();
        _folder = Directory.CreateTempSubdirectory("eduplan-bench-").FullName;
        _databasePath = Path.Combine(_folder, "reimport.db");
        using var db = BenchmarkDatabase.Open(_databasePath);
        db.Database.Migrate();
        new PlanImporter(db, TimeProvider.System).ImportAsync([_document]).GetAwaiter().GetResult();
    }

    [Benchmark(Description = "re-import unchanged (both plans)")]
    public async Task<bool> UnchangedReimport()
    {
        await using var db = BenchmarkDatabase.Open(_databasePath);
        var report = await new PlanImporter(db, TimeProvider.System).ImportAsync([_document]);
        return report.HasChanges;
    }

    [GlobalCleanup]
    public void Cleanup() => BenchmarkDatabase.Delete(_folder);
}
