using EduPlan.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EduPlan.Web.Infrastructure;

/// <summary>Healthy while the database answers; drives <c>/healthz</c> (200 or 503).</summary>
public sealed class DatabaseHealthCheck(EduPlanDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database cannot be reached.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The message could name the server; the exception itself stays out of the response.
            return HealthCheckResult.Unhealthy("The database cannot be reached.");
        }
    }
}
