using System.Text.Encodings.Web;
using System.Text.Json;
using EduPlan.Cli.Export;
using EduPlan.Cli.Infrastructure;
using EduPlan.Data;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlan.Cli.Commands;

/// <summary><c>export --format json [--plan CODE]</c>: prints the plans in the database as JSON.</summary>
public static class ExportCommand
{
    public static CliCommand Definition { get; } = new(
        "export",
        "export --format json [--plan CODE]",
        "Print the plans (sections, tasks, milestones, goals, indicators) as JSON.",
        RunAsync);

    /// <summary>Camel-case names, indented, and Chinese written as is rather than as \uXXXX escapes.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        var arguments = CommandArguments.Parse(args, valueOptions: ["--format", "--plan"]);
        arguments.RequireNoPositionals("export");
        var format = arguments.Value("--format") ?? throw new UsageException("export needs --format json");
        if (!string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"unsupported format '{format}'; the supported format is json");
        }

        var planCode = arguments.Value("--plan");

        await using var services = context.CreateServices();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EduPlanDbContext>();
        await DatabaseState.EnsureUpToDateAsync(db, context.CancellationToken);

        var document = await PlanExportQuery.LoadAsync(db, planCode, context.CancellationToken);
        if (planCode is not null && document.Plans.Count == 0)
        {
            throw new CliException($"no plan with code {planCode}");
        }

        context.Output.WriteLine(JsonSerializer.Serialize(document, JsonOptions));
        return ExitCodes.Success;
    }
}
