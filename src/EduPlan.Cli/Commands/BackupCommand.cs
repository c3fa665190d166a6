using EduPlan.Application.Backup;
using EduPlan.Cli.Infrastructure;
using EduPlan.Core.Messages;
using EduPlan.Data;

namespace EduPlan.Cli.Commands;

/// <summary><c>backup --out FILE</c>: a consistent copy of the database in use, written as a new SQLite file.</summary>
public static class BackupCommand
{
    public static CliCommand Definition { get; } = new(
        "backup",
        "backup --out FILE",
        "Write a consistent copy of the database, taken while the portal runs, to a new SQLite file (SQLite's online backup; from a server, a snapshot copy of every table).",
        RunAsync);

    private static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        var arguments = CommandArguments.Parse(args, valueOptions: ["--out"]);
        arguments.RequireNoPositionals("backup");
        var file = arguments.Value("--out") ?? throw new UsageException("backup needs --out FILE");

        await using var scope = await CommandScope.OpenAsync(context, write: false);
        var db = scope.Get<EduPlanDbContext>();
        var result = await scope.Get<DatabaseBackup>().BackupAsync(db, file, context.CancellationToken);
        if (result.Value is not { } backup)
        {
            throw new CliException(context.Text(new Message("Cli_Backup_Failed")) + context.Failure(result));
        }

        context.Say(backup.Rows is not { } rows
            ? new Message("Cli_Backup_PageCopy", DatabaseState.Describe(db), file, backup.Bytes)
            : new Message("Cli_Backup_RowCopy", DatabaseState.Describe(db), file, rows.Tables.Count, rows.TotalRows));
        return ExitCodes.Success;
    }
}
