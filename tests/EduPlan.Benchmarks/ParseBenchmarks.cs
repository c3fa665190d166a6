using BenchmarkDotNet.Attributes;
using EduPlan.Core.Parsing;

namespace EduPlan.Benchmarks;

/// <summary>Parsing the seed booklet (goal: under 20 ms).</summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private readonly PlanDocumentParser _parser = new();
    private byte[] _seed = [];

    [GlobalSetup]
    public void Setup() => _seed = File.ReadAllBytes(BenchmarkDatabase.SeedPath);

    [Benchmark(Description = "parse seed (both plans)")]
    public int ParseSeed() => _parser.Parse(_seed, "seed.txt").Plans.Count;
}
