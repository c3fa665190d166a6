using EduPlan.Application.Backup;
using EduPlan.Cli.Infrastructure;
using EduPlan.Core.Messages;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Cli.Commands;

/// <summary><c>copy --to-provider P --to-connection "…"</c>: every table, evidence included, into an empty database.</summary>
public static class CopyCommand
{
    public static CliCommand Definition { get; } = new(
        "copy",
        "copy --to-provider Sqlite|SqlServer|PostgreSql --to-connection \"…\"",
        "Copy every table of the configured database, evidence included, into an empty database (migrated first when it has no schema yet); moves EduPlan between providers or restores a backup.",
        RunAsync);

    private static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        var arguments = CommandArguments.Parse(args, valueOptions: ["--to-provider", "--to-connection"]);
        arguments.RequireNoPositionals("copy");
        var providerText = arguments.Value("--to-provider") ?? throw new UsageException("copy needs --to-provider");
        if (!DatabaseSettings.TryParseProvider(providerText, out var provider))
        {
            throw new UsageException($"--to-provider '{providerText}' is not supported; use {DatabaseSettings.SupportedNames}");
        }

        var connection = arguments.Value("--to-connection") ?? throw new UsageException("copy needs --to-connection");
        var target = new DatabaseSettings(provider, connection);

        await using var scope = await CommandScope.OpenAsync(context, write: false);
        var source = scope.Get<EduPlanDbContext>();
        if (scope.Get<DatabaseSettings>() == target)
        {
            throw new CliException(context.Text(new Message("Cli_Copy_SameDatabase")));
        }

        await using var destination = new EduPlanDbContext(new DbContextOptionsBuilder<EduPlanDbContext>().UseEduPlanDatabase(target).Options);
        var result = await scope.Get<DatabaseCopy>().CopyIntoEmptyAsync(source, destination, context.CancellationToken);
        if (result.Value is not { } report)
        {
            throw new CliException(context.Text(new Message("Cli_Copy_Failed")) + context.Failure(result));
        }

        if (report.MigrationsApplied > 0)
        {
            context.Say(new Message("Cli_Copy_Migrated", report.MigrationsApplied));
        }

        foreach (var (table, rows) in report.Tables)
        {
            context.Say(new Message("Cli_Copy_Table", table, rows));
        }

        context.Say(new Message("Cli_Copy_Done", DatabaseState.Describe(source), DatabaseState.Describe(destination), report.Tables.Count, report.TotalRows));
        return ExitCodes.Success;
    }
}
