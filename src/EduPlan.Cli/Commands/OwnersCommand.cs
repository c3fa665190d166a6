using EduPlan.Application.Ownership;
using EduPlan.Cli.Infrastructure;
using EduPlan.Core.Reporting;

namespace EduPlan.Cli.Commands;

/// <summary><c>owners import FILE.csv</c>: sets the lead and co-departments of many tasks at once, all rows or none.</summary>
public static class OwnersCommand
{
    public static CliCommand Definition { get; } = new(
        "owners",
        "owners import FILE.csv [--from 2026Q3] [--dry-run]",
        "Set task owners from a CSV file (plan code, task number, lead, co-departments separated by 、), effective from a quarter (default: the open one; earlier quarters keep their owners); one bad row and nothing is written.",
        RunAsync);

    private static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] != "import")
        {
            throw new UsageException(args.Count == 0 ? "owners needs a subcommand: import" : $"unknown owners subcommand '{args[0]}'");
        }

        var arguments = CommandArguments.Parse(args.Skip(1).ToList(), valueOptions: ["--from"], flags: ["--dry-run"]);
        if (arguments.Positionals.Count != 1)
        {
            throw new UsageException("owners import needs exactly one FILE.csv");
        }

        var file = arguments.Positionals[0];
        if (!File.Exists(file))
        {
            throw new CliException($"{file}: file not found");
        }

        Quarter? from = null;
        if (arguments.Value("--from") is { } text)
        {
            from = Quarter.TryParse(text, out var quarter) ? quarter : throw new UsageException($"--from '{text}' is not a quarter; write it as 2026Q3");
        }

        var dryRun = arguments.Has("--dry-run");
        await using var scope = await CommandScope.OpenAsync(context, write: !dryRun);
        var result = await scope.Get<OwnershipImport>().ImportFileAsync(file, dryRun, from, context.CancellationToken);
        if (!result.Succeeded)
        {
            // Every bad row, each as "file:line: reason"; nothing was written.
            foreach (var error in result.Errors)
            {
                context.Error.WriteLine($"error: {error.ToString(context.Culture)}");
            }

            context.Error.WriteLine($"{result.Errors.Count} bad row(s); nothing was written");
            return ExitCodes.Failure;
        }

        foreach (var task in result.Changed)
        {
            context.Output.WriteLine($"{task.PlanCode} #{task.TaskNumber}: {context.Text(task.Before)} → {context.Text(task.After)}");
        }

        var verb = dryRun ? "would change" : "changed";
        context.Output.WriteLine($"{verb} {DatabaseState.Plural(result.Changed.Count, "task")} from {result.From}, {result.Unchanged.Count} unchanged");
        return ExitCodes.Success;
    }
}
