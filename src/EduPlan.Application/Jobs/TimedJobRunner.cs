using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EduPlan.Application.Jobs;

/// <summary>
/// Runs each registered <see cref="ITimedJob"/> that is due, under its lease: whichever instance asks first after the
/// interval has passed runs it, the others find the lease taken or the period done and skip it. A run that fails is
/// released without being recorded as done, so the next check tries again.
/// </summary>
public sealed partial class TimedJobRunner(IServiceScopeFactory scopes, ILogger<TimedJobRunner> logger)
{
    /// <summary>Checks every job once; returns the names of those this instance ran.</summary>
    public async Task<IReadOnlyList<string>> RunDueJobsAsync(CancellationToken cancellationToken)
    {
        var ran = new List<string>();
        List<(string Name, TimeSpan Interval, TimeSpan Timeout)> jobs;
        await using (var scope = scopes.CreateAsyncScope())
        {
            jobs = scope.ServiceProvider.GetServices<ITimedJob>().Select(j => (j.Name, j.Interval, j.Timeout)).ToList();
        }

        foreach (var (name, interval, timeout) in jobs)
        {
            if (await RunIfDueAsync(name, interval, timeout, cancellationToken))
            {
                ran.Add(name);
            }
        }

        return ran;
    }

    private async Task<bool> RunIfDueAsync(string name, TimeSpan interval, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // A scope per run: the job's DbContext is its own, and the lease's bookkeeping never shares its change tracker.
        await using var scope = scopes.CreateAsyncScope();
        var leases = scope.ServiceProvider.GetRequiredService<JobLeases>();
        if (await leases.TryAcquireAsync(name, timeout, oncePer: interval, cancellationToken) is not { } lease)
        {
            return false;
        }

        var completed = false;
        try
        {
            var job = scope.ServiceProvider.GetServices<ITimedJob>().Single(j => j.Name == name);
            LogStarting(name);
            await job.RunAsync(cancellationToken);
            completed = true;
            LogCompleted(name);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e, name);
        }
        finally
        {
            await using var release = scopes.CreateAsyncScope();
            await release.ServiceProvider.GetRequiredService<JobLeases>().ReleaseAsync(lease, completed, CancellationToken.None);
        }

        return completed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timed job {Job} started on this instance")]
    private partial void LogStarting(string job);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timed job {Job} completed")]
    private partial void LogCompleted(string job);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timed job {Job} failed; it will be tried again at the next check")]
    private partial void LogFailed(Exception exception, string job);
}
