using System.Diagnostics;
using System.Globalization;
using EduPlan.Application.Auditing;
using EduPlan.Application.Progress;
using EduPlan.Cli.Infrastructure;
using EduPlan.Core.Auditing;
using EduPlan.Data;

namespace EduPlan.Cli.Commands;

/// <summary><c>readmodel rebuild</c>: recomputes the leaders' figures (ADR 15) from the reports, in one transaction.</summary>
public static class ReadModelCommand
{
    public static CliCommand Definition { get; } = new(
        "readmodel",
        "readmodel rebuild",
        "Recompute the read model behind the dashboard, the lights and the read API from the reports (safe to run at any time).",
        RunAsync);

    private static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        if (args.Count != 1 || args[0] != "rebuild")
        {
            throw new UsageException(args.Count == 0 ? "readmodel needs a subcommand: rebuild" : $"unknown readmodel subcommand '{string.Join(' ', args)}'");
        }

        var watch = Stopwatch.StartNew();
        await using var scope = await CommandScope.OpenAsync(context, write: true);
        var size = await ProgressReadModel.RebuildAsync(scope.Get<EduPlanDbContext>(), context.CancellationToken);
        // On record, and the web app's cached lights (keyed by the newest audit entry) are recomputed.
        await scope.Get<AuditLog>().WriteAsync(AuditActions.ReadModelRebuilt, AuditOutcome.Success, null,
            new { taskQuarters = size.TaskQuarters, indicatorQuarters = size.IndicatorQuarters, submissions = size.Submissions }, cancellationToken: context.CancellationToken);
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"read model rebuilt in {watch.Elapsed.TotalSeconds:0.0} s: {size.TaskQuarters} task-quarter rows, {size.IndicatorQuarters} indicator-quarter rows, {size.Submissions} first submissions"));
        return ExitCodes.Success;
    }
}
