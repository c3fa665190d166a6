using System.Security.Claims;
using EduPlan.Application.Auditing;

namespace EduPlan.Web.Infrastructure;

/// <summary>The audit actor of a web request: the signed-in user (or "anonymous") and the client's address.</summary>
public sealed class HttpAuditActor(IHttpContextAccessor accessor) : IAuditActor
{
    public const string Anonymous = "anonymous";

    private HttpContext? Context => accessor.HttpContext;

    public string? UserId => Context?.User.Identity?.IsAuthenticated == true
        ? Context.User.FindFirstValue(ClaimTypes.NameIdentifier)
        : null;

    public string UserName => Context?.User.Identity?.IsAuthenticated == true
        ? Context.User.Identity.Name ?? Anonymous
        : Anonymous;

    // After UseForwardedHeaders (when proxies are configured) this is the original client's address.
    public string? ClientAddress => Context?.Connection.RemoteIpAddress?.ToString();
}
