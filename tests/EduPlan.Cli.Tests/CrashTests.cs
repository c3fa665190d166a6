using System.Diagnostics;
using EduPlan.Tests;

namespace EduPlan.Cli.Tests;

/// <summary>
/// <c>eduplan</c> as a process of its own, killed with SIGKILL in the middle of <c>import</c> and of <c>demo</c>: the
/// database then passes its integrity check, holds each plan whole or not at all, and no report lacks a revision or
/// the audit entry of a submission. The kill times are spread over the length of an undisturbed run.
/// </summary>
[Collection(CliProcesses.Name)]
public sealed class CrashTests
{
    [Fact]
    public async Task Killing_an_import_at_any_moment_leaves_both_plans_whole_or_none()
    {
        var full = await TimeFullRunAsync("import", CliSandbox.SeedPath);
        foreach (var fraction in new[] { 0.3, 0.6, 0.85 })
        {
            using var sandbox = new CliSandbox();
            var killed = await RunAndKillAsync(sandbox, full * fraction, "import", CliSandbox.SeedPath);

            var problems = await DatabaseIntegrity.CheckAsync(sandbox.Settings);
            problems.Should().BeEmpty($"killed after {killed.TotalMilliseconds:F0} ms of a {full.TotalMilliseconds:F0} ms import");
            var plans = sandbox.CountPlans() ?? 0;
            plans.Should().BeOneOf([0L, 2L], "the import is one transaction");
            if (plans == 2)
            {
                sandbox.Scalar("""SELECT COUNT(*) FROM "Tasks" """).Should().Be(81L);
            }

            // Whatever the kill left, importing again completes it.
            (await sandbox.RunAsync("import", CliSandbox.SeedPath)).ExitCode.Should().Be(0);
            sandbox.CountPlans().Should().Be(2);
        }
    }

    [Fact]
    public async Task Killing_the_demo_in_the_middle_leaves_no_report_without_its_history_and_a_second_run_completes_it()
    {
        string[] demo = ["demo", "--departments", "6", "--through", "2025Q3", "--today", "2026-09-10", "--seed", "11", "--password", "Demo-Crash-Passw0rd"];
        var full = await TimeFullRunAsync(demo);
        foreach (var fraction in new[] { 0.5, 0.8 })
        {
            using var sandbox = new CliSandbox();
            var killed = await RunAndKillAsync(sandbox, full * fraction, demo);

            (await DatabaseIntegrity.CheckAsync(sandbox.Settings)).Should().BeEmpty($"killed after {killed.TotalMilliseconds:F0} ms of a {full.TotalMilliseconds:F0} ms demo");

            var again = await sandbox.RunAsync([.. demo, "--force"]);
            again.ExitCode.Should().Be(0, again.ToString());
            (await DatabaseIntegrity.CheckAsync(sandbox.Settings)).Should().BeEmpty();
        }
    }

    private static async Task<TimeSpan> TimeFullRunAsync(params string[] args)
    {
        using var sandbox = new CliSandbox();
        using var process = Start(sandbox, args);
        var error = process.StandardError.ReadToEndAsync();
        var watch = Stopwatch.StartNew();
        await WaitOrFailAsync(process, args);
        var elapsed = watch.Elapsed;
        process.ExitCode.Should().Be(0, await error);
        return elapsed;
    }

    private static async Task<TimeSpan> RunAndKillAsync(CliSandbox sandbox, TimeSpan after, params string[] args)
    {
        using var process = Start(sandbox, args);
        _ = process.StandardError.ReadToEndAsync();
        var watch = Stopwatch.StartNew();
        await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(after));
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
        }

        await WaitOrFailAsync(process, args);
        return watch.Elapsed;
    }

    /// <summary>
    /// Waits for the process to end; one still running after <see cref="Longest"/> is killed and fails the test with
    /// its arguments, so a stuck process costs minutes, not the whole CI run.
    /// </summary>
    private static async Task WaitOrFailAsync(Process process, string[] args)
    {
        using var timeout = new CancellationTokenSource(Longest);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"eduplan {string.Join(' ', args)} was still running after {Longest.TotalMinutes} minutes");
        }
    }

    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(5);

    private static Process Start(CliSandbox sandbox, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = sandbox.Folder,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "eduplan.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Database__Provider"] = sandbox.Settings.Provider.ToString();
        start.Environment["ConnectionStrings__EduPlan"] = sandbox.Settings.ConnectionString;
        var process = Process.Start(start)!;
        // Both streams are read (standard error by the caller) so a full pipe never blocks the process.
        _ = process.StandardOutput.ReadToEndAsync();
        return process;
    }
}

/// <summary>The tests that start <c>eduplan</c> processes run one after another.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliProcesses
{
    public const string Name = "CLI processes";
}
