using System.Collections.Concurrent;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Core.Auditing;
using EduPlan.Core.Messages;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace EduPlan.Web.Infrastructure;

/// <summary>
/// The one place a refused request is audited, for every route, pages and API alike: a policy that refuses a signed-in
/// user (the cookie handler's redirect to the access-denied page, or the API's 403) and a record-level refusal (any
/// 403 an action answers, with the reason it left in <see cref="ReasonItemKey"/>). At most
/// <see cref="SecurityOptions.RefusalAuditsPerMinute"/> entries per user (per address when anonymous) in a minute, so a
/// loop cannot flood the log; the entry that reaches the limit says so.
/// </summary>
public sealed class RefusalAuditMiddleware(RequestDelegate next, RefusalAuditLimiter limiter)
{
    /// <summary>The <see cref="HttpContext.Items"/> key of the refusal's reason (a <see cref="Message"/>), when the action gave one.</summary>
    public const string ReasonItemKey = "EduPlan.RefusalReason";

    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (!IsRefusal(context))
        {
            return;
        }

        var who = context.User.Identity?.IsAuthenticated == true
            ? "user:" + context.User.Identity.Name
            : "address:" + context.Connection.RemoteIpAddress;
        var (write, limitReached) = limiter.Take(who);
        if (!write)
        {
            return;
        }

        object? details = (context.Items[ReasonItemKey] as Message, limitReached) switch
        {
            (null, null) => null,
            ({ } reason, null) => new { reason },
            (null, { } limit) => new { limitReached = limit },
            ({ } reason, { } limit) => new { reason, limitReached = limit },
        };

        // A scope of its own: an action that refused after loading or changing records must not have them saved here.
        await using var scope = context.RequestServices.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditLog>().WriteAsync(
            AuditActions.AccessDenied,
            AuditOutcome.Denied,
            AuditTarget.Route($"{context.Request.Method} {context.Request.Path}"),
            details,
            cancellationToken: CancellationToken.None);
    }

    /// <summary>A 403 (except the access-denied page's own, which says what happened), or the cookie handler's redirect to that page.</summary>
    private static bool IsRefusal(HttpContext context)
    {
        // The status-code page re-executed for a refusal: the original request was audited already.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            return false;
        }

        var accessDenied = new PathString(WebServiceCollectionExtensions.AccessDeniedPath);
        if (context.Response.StatusCode == StatusCodes.Status403Forbidden)
        {
            return !context.Request.Path.StartsWithSegments(accessDenied, StringComparison.OrdinalIgnoreCase);
        }

        return context.Response.StatusCode == StatusCodes.Status302Found
            && context.Response.Headers.Location.ToString().StartsWith(accessDenied.Value!, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>Counts refusals per user in a fixed window of a minute from the first, on the app's clock (per instance).</summary>
public sealed class RefusalAuditLimiter(TimeProvider clock, IOptions<SecurityOptions> options)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (DateTimeOffset Start, int Count)> windows = new(StringComparer.Ordinal);

    /// <summary>Whether to write this refusal, and the limit when this is the last entry the window allows.</summary>
    public (bool Write, int? LimitReached) Take(string who)
    {
        var limit = Math.Max(1, options.Value.RefusalAuditsPerMinute);
        var now = clock.GetUtcNow();
        if (windows.Count > 10_000)
        {
            foreach (var (key, value) in windows)
            {
                if (now - value.Start >= Window)
                {
                    windows.TryRemove(key, out _);
                }
            }
        }

        var (_, count) = windows.AddOrUpdate(who, _ => (now, 1), (_, current) => now - current.Start >= Window ? (now, 1) : (current.Start, current.Count + 1));
        return (count <= limit, count == limit ? limit : null);
    }
}
