using System.Security.Claims;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Core.Auditing;
using EduPlan.Data;
using EduPlan.Web.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduPlan.Web.Infrastructure;

/// <summary>
/// Checks the sign-in cookie on every request, in place of Identity's SecurityStampValidator: ends the session
/// when the absolute limit has passed, or the user was deleted, disabled or had their security stamp changed
/// (role change, password reset), and works out whether the password must be changed first.
/// </summary>
/// <remarks>
/// Identity's validator checks only every 30 minutes by default and rebuilds the whole principal (user, roles,
/// claims: several queries) when it does; this one runs one small query on every request, so the very next
/// request after an administrator disables someone is refused. See docs/adr/0007-authentication-rules.md.
/// </remarks>
public sealed partial class SessionValidator(
    EduPlanDbContext db,
    AuditLog audit,
    IOptions<SecurityOptions> security,
    IOptions<IdentityOptions> identity,
    TimeProvider clock,
    ILogger<SessionValidator> logger)
{
    /// <summary>The cookie event: hands the work to the request's own <see cref="SessionValidator"/>.</summary>
    public static Task ValidatePrincipalAsync(CookieValidatePrincipalContext context) =>
        context.HttpContext.RequestServices.GetRequiredService<SessionValidator>().ValidateAsync(context);

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var claimTypes = identity.Value.ClaimsIdentity;
        var userId = principal?.FindFirstValue(claimTypes.UserIdClaimType);
        var signedInAt = principal?.SignedInAt();
        if (principal is null || userId is null || signedInAt is null)
        {
            // A cookie from before the sign-in time was recorded, or not ours: sign in again.
            await RejectAsync(context);
            return;
        }

        var now = clock.GetUtcNow();
        var limit = TimeSpan.FromHours(security.Value.AbsoluteTimeoutHours);
        if (now - signedInAt.Value >= limit)
        {
            var userName = principal.Identity?.Name ?? userId;
            await audit.WriteAsync(
                AuditActions.SessionExpired,
                AuditOutcome.Success,
                AuditTarget.User(userId, userName),
                new { reason = "AbsoluteTimeout", signedInAt = signedInAt.Value.UtcDateTime, hours = security.Value.AbsoluteTimeoutHours },
                new FixedAuditActor(userId, userName, audit.Actor.ClientAddress),
                context.HttpContext.RequestAborted);
            LogSessionEnded(userId, "absolute time limit");
            await RejectAsync(context);
            return;
        }

        var user = await db.Users
            .AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.IsDisabled, u.MustChangePassword, u.PasswordChangedAt, u.CreatedAt })
            .FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        var reason = user is null ? "user deleted"
            : user.IsDisabled ? "user disabled"
            : !string.Equals(user.SecurityStamp, principal.FindFirstValue(claimTypes.SecurityStampClaimType), StringComparison.Ordinal) ? "security stamp changed"
            : null;
        if (reason is not null)
        {
            LogSessionEnded(userId, reason);
            await RejectAsync(context);
            return;
        }

        PasswordChangeRequirement.Set(context.HttpContext,
            user!.MustChangePassword ? PasswordChangeReason.OneTimePassword
            : PasswordExpiry.IsExpired(user.PasswordChangedAt ?? user.CreatedAt, security.Value.PasswordExpiryDays, now) ? PasswordChangeReason.Expired
            : PasswordChangeReason.None);
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session of user {UserId} ended: {Reason}")]
    private partial void LogSessionEnded(string userId, string reason);
}

/// <summary>Whether a password has outlived <see cref="SecurityOptions.PasswordExpiryDays"/>.</summary>
public static class PasswordExpiry
{
    /// <summary>
    /// True when <paramref name="changedAt"/> is <paramref name="days"/> or more days ago. Expiry off (0 days) or an
    /// account with no recorded date (created before dates were kept) never expires.
    /// </summary>
    public static bool IsExpired(DateTimeOffset? changedAt, int days, DateTimeOffset now) =>
        days > 0 && changedAt is { } changed && now - changed >= TimeSpan.FromDays(days);
}
