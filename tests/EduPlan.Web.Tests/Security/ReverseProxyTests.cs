using System.Net;
using EduPlan.Application.Auditing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static EduPlan.Web.Tests.Security.SecurityTestKit;

namespace EduPlan.Web.Tests.Security;

/// <summary>ReverseProxy:KnownProxies: forwarded client address and scheme, believed only from a known proxy.</summary>
public sealed class ReverseProxyTests
{
    private const string Proxy = "10.0.0.1";
    private const string Client = "203.0.113.7";

    [Fact]
    public async Task Behind_a_known_proxy_forwarded_https_makes_the_cookies_secure_and_adds_HSTS()
    {
        await using var factory = new ProxiedApp(Proxy) { Settings = { ["ReverseProxy:KnownProxies:0"] = Proxy } };
        using var client = Browser(factory, Client, handleCookies: false);

        var (form, signIn) = await SignInOverForwardedHttpsAsync(client);

        form.Headers.GetValues("Strict-Transport-Security").Single().Should().Contain("max-age=31536000");
        SetCookies(form).Single(c => c.StartsWith("EduPlan.Antiforgery=", StringComparison.Ordinal))
            .Should().Contain("secure").And.Contain("httponly").And.Contain("samesite=strict");
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        SetCookies(signIn).Single(c => c.StartsWith(AuthCookieName + "=", StringComparison.Ordinal))
            .Should().Contain("secure").And.Contain("httponly").And.Contain("samesite=lax");
        (await factory.AuditAsync()).Single(e => e.Action == AuditActions.SignIn).ClientAddress
            .Should().Be(Client, "the audit log names the real client, not the proxy");
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_known_proxy_are_ignored()
    {
        await using var factory = new ProxiedApp("10.0.0.9") { Settings = { ["ReverseProxy:KnownProxies:0"] = Proxy } };
        using var client = Browser(factory, Client);

        using var form = await client.GetAsync("/account/login");
        using var signIn = await client.SignInAsync(WebTestHelpers.AdminUserName, EduPlanWebFactory.TestAdminPassword);

        form.Headers.Contains("Strict-Transport-Security").Should().BeFalse("the request really came over HTTP");
        SetCookies(signIn).Single(c => c.StartsWith(AuthCookieName + "=", StringComparison.Ordinal)).Should().NotContain("secure");
        (await factory.AuditAsync()).Single(e => e.Action == AuditActions.SignIn).ClientAddress.Should().Be("10.0.0.9");
    }

    [Fact]
    public async Task Without_configured_proxies_no_forwarded_header_is_believed()
    {
        await using var factory = new ProxiedApp(Proxy);
        using var client = Browser(factory, Client);

        using var signIn = await client.SignInAsync(WebTestHelpers.AdminUserName, EduPlanWebFactory.TestAdminPassword);

        signIn.Headers.Contains("Strict-Transport-Security").Should().BeFalse();
        SetCookies(signIn).Single(c => c.StartsWith(AuthCookieName + "=", StringComparison.Ordinal)).Should().NotContain("secure");
        (await factory.AuditAsync()).Single(e => e.Action == AuditActions.SignIn).ClientAddress.Should().Be(Proxy);
    }

    [Fact]
    public async Task The_sign_in_rate_limit_counts_each_real_client_behind_the_proxy_separately()
    {
        await using var factory = new ProxiedApp(Proxy)
        {
            Settings = { ["ReverseProxy:KnownProxies:0"] = Proxy, ["Security:SignInAttemptsPerMinute"] = "2" },
        };
        using var first = Browser(factory, "203.0.113.7");
        using var second = Browser(factory, "203.0.113.8");
        // Plain HTTP, so the cookie jar keeps the antiforgery cookie.
        first.DefaultRequestHeaders.Remove("X-Forwarded-Proto");
        second.DefaultRequestHeaders.Remove("X-Forwarded-Proto");

        var firstAnswers = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            firstAnswers.Add((await first.SignInAsync("someone", "Wrong-Passw0rd-1")).StatusCode);
        }

        var secondAnswer = (await second.SignInAsync("someone", "Wrong-Passw0rd-1")).StatusCode;

        firstAnswers.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        secondAnswer.Should().Be(HttpStatusCode.OK, "another office behind the same proxy has its own allowance");
        (await factory.AuditAsync()).Single(e => e.Action == AuditActions.SignInRateLimited).ClientAddress.Should().Be("203.0.113.7");
    }

    private static HttpClient Browser(EduPlanWebFactory factory, string forwardedFor, bool handleCookies = true)
    {
        // Not localhost: the HSTS middleware never sends the header to localhost.
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = handleCookies, BaseAddress = new Uri("http://portal.example.cn") });
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return client;
    }

    /// <summary>
    /// Signs in as admin passing the antiforgery cookie by hand: a cookie jar would keep the Secure cookie from
    /// the plain-HTTP test connection, where a real browser talks HTTPS to the proxy.
    /// </summary>
    private static async Task<(HttpResponseMessage Form, HttpResponseMessage SignIn)> SignInOverForwardedHttpsAsync(HttpClient client)
    {
        var form = await client.GetAsync("/account/login");
        var antiforgery = SetCookies(form).Single(c => c.StartsWith("EduPlan.Antiforgery=", StringComparison.Ordinal)).Split(';')[0];
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = WebTestHelpers.AdminUserName,
                ["Password"] = EduPlanWebFactory.TestAdminPassword,
                ["__RequestVerificationToken"] = WebTestHelpers.ReadAntiforgeryToken(await form.Content.ReadAsStringAsync()),
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        return (form, await client.SendAsync(post));
    }

    /// <summary>The app with every request arriving from <paramref name="remoteAddress"/>, as if through that proxy.</summary>
    private sealed class ProxiedApp(string remoteAddress) : EduPlanWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new RemoteAddressFilter(IPAddress.Parse(remoteAddress))));
        }
    }

    private sealed class RemoteAddressFilter(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
