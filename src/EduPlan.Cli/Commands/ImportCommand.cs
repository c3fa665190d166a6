using EduPlan.Application.Import;
using EduPlan.Cli.Infrastructure;
using EduPlan.Core.Messages;
using EduPlan.Core.Parsing;
using EduPlan.Data;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlan.Cli.Commands;

/// <summary>
/// <c>import FILE... [--dry-run]</c>: parses every file (text, .docx, PDF or the .xlsx template), applies the corrections
/// remembered from earlier previews, then writes all their plans in one transaction — or, with --dry-run, prints the
/// tree the preview page shows and what an import would change, and writes nothing.
/// </summary>
public static class ImportCommand
{
    public static CliCommand Definition { get; } = new(
        "import",
        "import FILE... [--dry-run]",
        "Parse plan documents (text, .docx, PDF, the .xlsx template) and write their plans to the database; one refused file and nothing is written. --dry-run prints the plans as read and what would change.",
        RunAsync);

    private static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        var arguments = CommandArguments.Parse(args, flags: ["--dry-run"]);
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
        if (arguments.Has("--dry-run"))
        {
            return await DryRunAsync(context, importService, scope.ServiceProvider.GetRequiredService<PlanImporter>(), db, settings, documents);
        }

        await DatabaseState.PrepareForWriteAsync(db, settings, context.Output, context.CancellationToken);
        var prepared = await importService.PrepareAsync(documents, context.CancellationToken);
        WriteNotApplied(prepared, context.Error);

        var importer = scope.ServiceProvider.GetRequiredService<PlanImporter>();
        var report = await importer.ImportAsync(prepared.Documents, context.CancellationToken);
        ImportReportWriter.Write(report, context.Output, context.Error, context.Culture);
        return ExitCodes.Success;
    }

    /// <summary>
    /// The tree of every file as it would be imported (with remembered corrections when the database is there), then
    /// the changes a real import would make. A database that does not exist yet is not created.
    /// </summary>
    private static async Task<int> DryRunAsync(
        CliContext context, PlanImportService importService, PlanImporter importer, EduPlanDbContext db, DatabaseSettings settings, IReadOnlyList<ParsedDocument> documents)
    {
        var usable = await DatabaseState.IsUsableAsync(db, settings, context.CancellationToken);
        var prepared = usable ? await importService.PrepareAsync(documents, context.CancellationToken) : new PreparedImport(documents, []);
        foreach (var document in prepared.Documents)
        {
            context.Output.WriteLine($"== {document.SourceName}");
            context.Output.Write(PlanTree.Render(document, context.Culture));
        }

        WriteNotApplied(prepared, context.Error);
        if (!usable)
        {
            context.Output.WriteLine("the database is not set up yet: every plan would be added");
        }
        else
        {
            var report = await importer.ImportAsync(prepared.Documents, dryRun: true, context.CancellationToken);
            context.Output.WriteLine(report.HasChanges ? "would change:" : "nothing would change");
            foreach (var change in report.Changes)
            {
                context.Output.WriteLine($"  {change}");
            }
        }

        context.Output.WriteLine("dry run: nothing was written");
        return ExitCodes.Success;
    }

    private static void WriteNotApplied(PreparedImport prepared, TextWriter error)
    {
        foreach (var (title, correction) in prepared.NotApplied)
        {
            error.WriteLine($"warning: {title}: a correction made in an earlier preview no longer applies and was skipped ({correction.Correction.GetType().Name})");
        }
    }
}
