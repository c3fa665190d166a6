namespace EduPlan.Web.Infrastructure;

/// <summary>Adds the CSP and the other hardening headers to every response, static files and error pages included.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    // No inline script or style anywhere: all CSS is in wwwroot/css, all JS in wwwroot/js and wwwroot/lib.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        // Set just before the response starts: the exception handler clears the headers before it
        // re-executes into the error page, and that page needs them too.
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }
}
