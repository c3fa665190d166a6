using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using EduPlan.Application.Import;
using EduPlan.Core.Parsing;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Benchmarks;

/// <summary>Importing both plans into a new, migrated, empty SQLite database (goal: under 300 ms).</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, warmupCount: 3, iterationCount: 20, invocationCount: 1)]
public class FirstImportBenchmarks
{
    private ParsedDocument _document = null!;
    private string _folder = "";
    private string _databasePath = "";
    private int _iteration;

    [GlobalSetup]
    public void Setup()
    {
        _document = BenchmarkDatabase.ParseSeed();
        _folder = Directory.CreateTempSubdirectory("eduplan-bench-").FullName;
    }

    /// <summary>Creating and migrating the database is set-up, outside the measured time.</summary>
    [IterationSetup]
    public void NewEmptyDatabase()
    {
        _databasePath = Path.Combine(_folder, $"first-{_iteration++}.db");
        using var db = BenchmarkDatabase.Open(_databasePath);
        db.Database.Migrate();
    }

    [Benchmark(Description = "first import (both plans, new SQLite db)")]
    public async Task<int> FirstImport()
    {
        await using var db = BenchmarkDatabase.Open(_databasePath);
        var report = await new PlanImporter(db, TimeProvider.System).ImportAsync([_document]);
        return report.Plans.Count;
    }

    [GlobalCleanup]
    public void Cleanup() => BenchmarkDatabase.Delete(_folder);
}
