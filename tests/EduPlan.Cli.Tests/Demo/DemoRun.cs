using EduPlan.Cli.Infrastructure;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlan.Cli.Tests.Demo;

/// <summary>The test classes that read the one shared <see cref="DemoRun"/>.</summary>
[CollectionDefinition(Name)]
public sealed class DemoRunCollection : ICollectionFixture<DemoRun>
{
    public const string Name = "demo run";
}

/// <summary>
/// One <c>eduplan demo</c> run on a fresh SQLite file, made for a fixed day (2026-09-10, when 2026Q3 is open and 2026Q2
/// is the last closed quarter) and seed, shared by the tests that only read what it wrote.
/// </summary>
public sealed class DemoRun : IAsyncLifetime
{
    public const string Today = "2026-09-10";
    public const string Seed = "7";

    /// <summary>18:00 on <see cref="Today"/> in China, the "now" of a run made for that day.</summary>
    public static readonly DateTime Now = new(2026, 9, 10, 10, 0, 0, DateTimeKind.Utc);

    public CliSandbox Sandbox { get; } = new();

    public CliResult Result { get; private set; } = null!;

    public async Task InitializeAsync() => Result = await Sandbox.RunAsync("demo", "--today", Today, "--seed", Seed);

    public Task DisposeAsync()
    {
        Sandbox.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The password the summary printed once.</summary>
    public string Password => PasswordIn(Result.Output);

    public static string PasswordIn(string output)
    {
        var line = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("password:", StringComparison.Ordinal));
        line.Should().NotBeNull($"the summary should show the password:\n{output}");
        return line!["password:".Length..].Trim().Split(' ')[0];
    }

    public Task<T> QueryAsync<T>(Func<EduPlanDbContext, Task<T>> query) => QueryAsync(Sandbox, query);

    /// <summary>Reads the sandbox's database with the services the CLI itself builds.</summary>
    public static async Task<T> QueryAsync<T>(CliSandbox sandbox, Func<EduPlanDbContext, Task<T>> query)
    {
        await using var services = Services(sandbox);
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<EduPlanDbContext>());
    }

    public static ServiceProvider Services(CliSandbox sandbox) =>
        new CliContext(CliApp.BuildConfiguration(sandbox.Overrides), TextWriter.Null, TextWriter.Null, CancellationToken.None).CreateServices();

    /// <summary>Every report's natural key and content, in a stable order: what "the same data" means.</summary>
    public static async Task<List<string>> DumpAsync(CliSandbox sandbox)
    {
        var rows = await QueryAsync(sandbox, db => db.ProgressReports.AsNoTracking()
            .OrderBy(r => r.Task!.Plan!.Code).ThenBy(r => r.Task!.Number).ThenBy(r => r.Department!.ShortName).ThenBy(r => r.Year).ThenBy(r => r.QuarterNumber)
            .Select(r => new object?[]
            {
                r.Task!.Plan!.Code, r.Task.Number, r.Department!.ShortName, r.Year, r.QuarterNumber, r.State, r.Status, r.Percent,
                r.Progress, r.Problems, r.NextSteps, r.SubmittedAt, r.ApprovedAt, r.Revision, r.IndicatorValues.Count, r.Evidence.Count,
            })
            .ToListAsync());
        return rows.Select(r => string.Join("|", r.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)))).ToList();
    }
}
