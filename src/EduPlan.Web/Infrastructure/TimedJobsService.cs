using EduPlan.Application.Jobs;

namespace EduPlan.Web.Infrastructure;

/// <summary>
/// Checks the timed jobs every <c>Jobs:CheckSeconds</c> (60 by default) and runs those that are due; with several
/// instances on one database each job still runs once per period (<see cref="TimedJobRunner"/>, a lease row).
/// </summary>
public sealed partial class TimedJobsService(TimedJobRunner runner, IConfiguration configuration, TimeProvider clock, ILogger<TimedJobsService> logger)
    : BackgroundService
{
    public const string CheckSecondsKey = "Jobs:CheckSeconds";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = Math.Clamp(configuration.GetValue(CheckSecondsKey, 60.0), 0.05, 3600);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        do
        {
            try
            {
                await runner.RunDueJobsAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be unreachable for a moment; the next tick tries again.
                LogCheckFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking the timed jobs failed; trying again at the next check")]
    private partial void LogCheckFailed(Exception exception);
}
