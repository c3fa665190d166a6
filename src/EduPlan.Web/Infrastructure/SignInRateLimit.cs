using System.Threading.RateLimiting;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Core.Auditing;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace EduPlan.Web.Infrastructure;

/// <summary>
/// Limits sign-in attempts per client address (Security:SignInAttemptsPerMinute) with ASP.NET Core's rate limiter.
/// A refused attempt gets 429, which the status-code pages turn into a Chinese "wait a minute" page.
/// </summary>
public static class SignInRateLimit
{
    /// <summary>The policy the sign-in POST names in [EnableRateLimiting].</summary>
    public const string PolicyName = "sign-in";

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddEduPlanSignInRateLimit(this IServiceCollection services)
    {
        services.AddSingleton<RateLimitAuditGate>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SecurityOptions>>((options, security) =>
        {
            var permits = security.Value.SignInAttemptsPerMinute;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // A fixed window is the simplest limit to explain to a user ("wait a minute") and costs one counter per address.
            options.AddPolicy(PolicyName, context => RateLimitPartition.GetFixedWindowLimiter(
                PartitionKey(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = Window, QueueLimit = 0, AutoReplenishment = true }));
            options.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    /// <summary>
    /// The client's address (the real client's, behind a known reverse proxy); for IPv6 its /64 network, since one
    /// client usually holds a whole /64 and could otherwise rotate through addresses to dodge the limit.
    /// </summary>
    public static string PartitionKey(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new System.Net.IPAddress(bytes) + "/64";
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        http.Response.Headers.RetryAfter = ((int)Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

        // A script hammering the form would otherwise write an audit entry per request.
        var gate = http.RequestServices.GetRequiredService<RateLimitAuditGate>();
        if (gate.ShouldAudit(PartitionKey(http), Window))
        {
            var audit = http.RequestServices.GetRequiredService<AuditLog>();
            var permits = http.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.SignInAttemptsPerMinute;
            await audit.WriteAsync(
                AuditActions.SignInRateLimited,
                AuditOutcome.Denied,
                AuditTarget.Route($"{http.Request.Method} {http.Request.Path}"),
                new { limitPerMinute = permits },
                cancellationToken: cancellationToken);
        }
    }
}

/// <summary>Lets at most one audit entry per client address through per rate-limit window.</summary>
public sealed class RateLimitAuditGate(TimeProvider clock)
{
    // Far more addresses than any real office network; beyond it the stale ones are dropped.
    private const int MaxTracked = 10_000;

    private readonly Dictionary<string, DateTimeOffset> lastAudited = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public bool ShouldAudit(string address, TimeSpan window)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            if (lastAudited.TryGetValue(address, out var last) && now - last < window)
            {
                return false;
            }

            if (lastAudited.Count >= MaxTracked)
            {
                foreach (var stale in lastAudited.Where(e => now - e.Value >= window).Select(e => e.Key).ToList())
                {
                    lastAudited.Remove(stale);
                }
            }

            lastAudited[address] = now;
            return true;
        }
    }
}
