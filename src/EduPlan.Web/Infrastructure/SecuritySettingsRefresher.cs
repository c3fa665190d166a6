using EduPlan.Application.Security;
using EduPlan.Data;

namespace EduPlan.Web.Infrastructure;

/// <summary>
/// Reads the saved security settings again every <see cref="StoredSecuritySettings.RefreshInterval"/>, so that a change
/// saved through another instance on the same database takes effect here too (this instance's own saves apply at once).
/// </summary>
public sealed partial class SecuritySettingsRefresher(
    IServiceScopeFactory scopeFactory, StoredSecuritySettings stored, TimeProvider clock, ILogger<SecuritySettingsRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(StoredSecuritySettings.RefreshInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopeFactory.CreateAsyncScope();
                    await stored.ReloadAsync(scope.ServiceProvider.GetRequiredService<EduPlanDbContext>(), stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The values held stay in force; the next tick tries again.
                    LogRefreshFailed(exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the saved security settings; the ones read before stay in force")]
    private partial void LogRefreshFailed(Exception exception);
}
