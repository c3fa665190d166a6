using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(EduPlan.Benchmarks.ParseBenchmarks).Assembly).Run(args);
