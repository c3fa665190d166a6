using Serilog;

namespace EduPlan.Web.Infrastructure;

/// <summary>The request pipeline and the endpoints, in the order they must run.</summary>
public static class WebApplicationExtensions
{
    public static WebApplication UseEduPlanPipeline(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
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
        app.UseAuthentication();
        app.UseMiddleware<PasswordChangeRequiredMiddleware>();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapEduPlanEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapControllers();
        return app;
    }
}
