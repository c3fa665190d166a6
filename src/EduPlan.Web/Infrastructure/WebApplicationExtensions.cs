using EduPlan.Application.Security;
using Microsoft.Extensions.Options;
using Serilog;

namespace EduPlan.Web.Infrastructure;

/// <summary>The request pipeline and the endpoints, in the order they must run.</summary>
public static class WebApplicationExtensions
{
    /// <summary>True when the host filter lets every Host header through (unset, empty, or a '*' entry).</summary>
    public static bool AllowsAnyHost(string? allowedHosts) =>
        string.IsNullOrWhiteSpace(allowedHosts)
        || allowedHosts.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains("*");

    public static WebApplication UseEduPlanPipeline(this WebApplication app)
    {
        // First, so that everything after it (HSTS, cookies, audit, rate limit) sees the real client and scheme.
        app.UseEduPlanReverseProxy();
        app.UseMiddleware<SecurityHeadersMiddleware>();

        var security = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        if (security.RequireHttps)
        {
            app.UseHttpsRedirection();
        }
        else if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
        {
            app.Logger.LogWarning("Security:RequireHttps is off: unless a TLS proxy is in front, sign-in cookies and passwords travel unencrypted");
        }

        if (app.Environment.IsProduction() && AllowsAnyHost(app.Configuration["AllowedHosts"]))
        {
            app.Logger.LogWarning("AllowedHosts is '*': requests with any Host header are served; list the portal's host names (for example \"eduplan.cq.gov.cn;localhost\")");
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
            // Only on HTTPS requests, and never for localhost (the middleware's own exclusion).
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/error/{0}");

        // Static files are public (the sign-in page needs its CSS) and skip the request log.
        app.UseStaticFiles();
        // The host's own Serilog logger: the static Log.Logger stays unused (see LoggingSetup).
        // The default message names the path only, never the query string.
        app.UseSerilogRequestLogging(options => options.Logger = app.Services.GetRequiredService<Serilog.ILogger>());

        app.UseRequestLocalization();
        app.UseRouting();
        // After routing, which tells the endpoint's size limit; before anything (antiforgery) reads a body too large.
        app.UseMiddleware<RequestTooLargeMiddleware>();
        // After routing (the sign-in POST names its policy) and before authentication, which costs a query.
        app.UseRateLimiter();
        app.UseAuthentication();
        // Sees the final status of authorization and of the action: every refusal is audited there.
        app.UseMiddleware<RefusalAuditMiddleware>();
        app.UseMiddleware<PasswordChangeRequiredMiddleware>();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapEduPlanEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapControllers();
        // Describes the read API; read under the same sign-in as the API itself.
        app.MapOpenApi().RequireAuthorization(EduPlan.Web.Authorization.Policies.ReadPlans);
        return app;
    }
}
