using EduPlan.Web.Authorization;

namespace EduPlan.Web.Infrastructure;

/// <summary>Sends a user who still has a one-time password to the change-password page, whatever they asked for.</summary>
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
            && context.User.MustChangePassword()
            && !Allowed.Any(path => context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.Redirect(ChangePasswordPath);
            return Task.CompletedTask;
        }

        return next(context);
    }
}
