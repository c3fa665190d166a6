using EduPlan.Application.Import;
using EduPlan.Cli.Infrastructure;
using EduPlan.Data;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlan.Cli.Commands;

/// <summary><c>import FILE...</c>: parses every file, then writes all their plans in one transaction.</summary>
public static class ImportCommand
{
    public static CliCommand Definition { get; } = new(
        "import",
        "import FILE...",
        "Parse plan documents and write their plans to the database; one refused file and nothing is written.",
        RunAsync);

    private static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        var arguments = CommandArguments.Parse(args);
        var files = arguments.Positionals;
        if (files.Count == 0)
        {
            throw new UsageException("import needs at least one FILE");
        }

        // Checked before the database is opened, so a typo leaves no trace.
        var missing = files.FirstOrDefault(f => !File.Exists(f));
        if (missing is not null)
        {
            throw new CliException($"{missing}: file not found");
        }

        await using var services = context.CreateServices();
        await using var scope = services.CreateAsyncScope();

        // Parsed before the migration below, so a refused file on a new machine leaves no database behind.
        // A PlanFormatException is "file:line: reason", which CliApp prints as the one error line.
        var importService = scope.ServiceProvider.GetRequiredService<PlanImportService>();
        var documents = importService.ParseFiles(files);

        var db = scope.ServiceProvider.GetRequiredService<EduPlanDbContext>();
        var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
        await DatabaseState.PrepareForWriteAsync(db, settings, context.Output, context.CancellationToken);

        var importer = scope.ServiceProvider.GetRequiredService<PlanImporter>();
        var report = await importer.ImportAsync(documents, context.CancellationToken);
        ImportReportWriter.Write(report, context.Output, context.Error, context.Culture);
        return ExitCodes.Success;
    }
}
