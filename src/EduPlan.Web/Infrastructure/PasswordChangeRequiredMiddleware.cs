using EduPlan.Web.Authorization;

namespace EduPlan.Web.Infrastructure;

/// <summary>
/// Sends a user who still has a one-time password, or whose password has expired, to the change-password page,
/// whatever they asked for.
/// </summary>
public sealed class PasswordChangeRequiredMiddleware(RequestDelegate next)
{
    public const string ChangePasswordPath = "/account/change-password";

    // Static files are served before this middleware runs, so they need no entry here.
    private static readonly PathString[] Allowed =
    [
        ChangePasswordPath,
        "/account/logout",
        "/error",
        "/healthz",
    ];

    public Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && PasswordChangeRequirement.Get(context) != PasswordChangeReason.None
            && !Allowed.Any(path => context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.Redirect(ChangePasswordPath);
            return Task.CompletedTask;
        }

        return next(context);
    }
}

/// <summary>Why a signed-in user must choose a new password before anything else.</summary>
public enum PasswordChangeReason
{
    None,
    OneTimePassword,
    Expired,
}

/// <summary>The password-change requirement of the current request, as the session validator found it.</summary>
public static class PasswordChangeRequirement
{
    private static readonly object Key = new();

    public static void Set(HttpContext context, PasswordChangeReason reason) => context.Items[Key] = reason;

    /// <summary>The validator's finding; without one (it did not run), the one-time-password flag in the cookie.</summary>
    public static PasswordChangeReason Get(HttpContext context) =>
        context.Items.TryGetValue(Key, out var value) && value is PasswordChangeReason reason ? reason
        : context.User.MustChangePassword() ? PasswordChangeReason.OneTimePassword
        : PasswordChangeReason.None;
}
