using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace EduPlan.Web.Infrastructure;

/// <summary>
/// <c>ReverseProxy:KnownProxies</c>: the addresses of the reverse proxies in front of the portal. Only when set are
/// X-Forwarded-For and X-Forwarded-Proto believed, and only from those addresses, so that the audit log, the sign-in
/// rate limit and the cookie's Secure flag see the real client and scheme without letting a client forge them.
/// </summary>
public static class ReverseProxySettings
{
    public const string KnownProxiesKey = "ReverseProxy:KnownProxies";

    /// <summary>The configured proxy addresses (an array, or one comma-separated value); empty when there is none.</summary>
    public static IReadOnlyList<IPAddress> KnownProxies(IConfiguration configuration)
    {
        var section = configuration.GetSection(KnownProxiesKey);
        var children = section.GetChildren().Select(c => c.Value ?? "").ToArray();
        var values = (children.Length > 0 ? children : (section.Value ?? "").Split(','))
            .Select(v => v.Trim())
            .Where(v => v.Length > 0);
        return values
            .Select(value => IPAddress.TryParse(value, out var address)
                ? address
                : throw new InvalidOperationException($"Configuration {KnownProxiesKey} holds \"{value}\", which is not an IP address."))
            .ToList();
    }

    public static IServiceCollection AddEduPlanReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = KnownProxies(configuration);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies; the defaults (loopback) would let anything on the server forge a client.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }

            // Walk back through as many known proxies as there are; the first unknown address is the client.
            options.ForwardLimit = null;
        });
        return services;
    }

    /// <summary>Believes the forwarded headers, first in the pipeline, when proxies are configured.</summary>
    public static WebApplication UseEduPlanReverseProxy(this WebApplication app)
    {
        if (KnownProxies(app.Configuration).Count > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
