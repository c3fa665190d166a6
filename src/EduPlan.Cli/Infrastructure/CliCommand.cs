namespace EduPlan.Cli.Infrastructure;

/// <summary>One verb of the CLI: how it is written in the usage text and the handler that runs it.</summary>
/// <param name="Name">The verb as typed (<c>import</c>).</param>
/// <param name="Synopsis">The verb with its arguments, as shown in the usage text.</param>
/// <param name="Summary">One sentence saying what the verb does.</param>
/// <param name="RunAsync">Runs the verb on the arguments that follow it and returns the exit code.</param>
public sealed record CliCommand(
    string Name,
    string Synopsis,
    string Summary,
    Func<CliContext, IReadOnlyList<string>, Task<int>> RunAsync);
