using System.Net;
using EduPlan.Web.Features.Shared;
using EduPlan.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlan.Web.Tests.Security;

/// <summary>
/// Redirects the portal builds: on real Kestrel (which refuses a header with non-ASCII or control characters, as the
/// in-memory test server does not), every return address a user can bring survives sign-in and the language switch,
/// and no Location ever names the host the client sent.
/// </summary>
public sealed class RedirectTests : IAsyncLifetime
{
    private readonly EduPlanWebFactory factory = new();

    /// <summary>
    /// Chinese, a space, a stray and a real escape, a fragment, a query in Chinese, a character outside the BMP — each
    /// with the Location it must give; control characters are not a local address (IsLocalUrl) and send the user home.
    /// </summary>
    public static TheoryData<string, string> ReturnAddresses => new()
    {
        { "/教", "/%E6%95%99" },
        { "/targets?q=教育强国", "/targets?q=%E6%95%99%E8%82%B2%E5%BC%BA%E5%9B%BD" },
        { "/a b", "/a%20b" },
        { "/100%", "/100%25" },
        { "/a%2Fb", "/a%2Fb" },
        { "/plans#task-3", "/plans#task-3" },
        { "/𠀀", "/%F0%A0%80%80" },
        { "/a\u0001b", "/" },
        { "/a\tb\u007f", "/" },
    };

    public Task InitializeAsync()
    {
        factory.UseRealKestrel();
        factory.StartServer();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        factory.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A client of the real server that keeps cookies and shows redirects instead of following them.</summary>
    private HttpClient CreateBrowser() => factory.CreateBrowser();

    [Theory]
    [MemberData(nameof(ReturnAddresses))]
    public async Task Sign_in_returns_to_any_local_address_with_the_cookie_set(string returnUrl, string location)
    {
        using var client = CreateBrowser();

        var response = await client.PostFormAsync(
            "/account/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl),
            "/account/login",
            new Dictionary<string, string>
            {
                ["UserName"] = WebTestHelpers.AdminUserName,
                ["Password"] = EduPlanWebFactory.TestAdminPassword,
                ["ReturnUrl"] = returnUrl,
            });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be(location);
        response.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("EduPlan.Auth=", StringComparison.Ordinal));
        (await client.GetAsync("/account/change-password")).StatusCode.Should().Be(HttpStatusCode.OK, "the sign-in cookie reached the client");
    }

    [Theory]
    [MemberData(nameof(ReturnAddresses))]
    public async Task The_language_switch_returns_to_any_local_address(string returnUrl, string location)
    {
        using var client = CreateBrowser();

        var response = await client.PostFormAsync("/account/login", "/language", new Dictionary<string, string>
        {
            ["culture"] = "en",
            ["returnUrl"] = returnUrl,
        });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be(location);
    }

    [Theory]
    [MemberData(nameof(ReturnAddresses))]
    public async Task A_signed_in_user_asking_for_the_sign_in_page_is_sent_on(string returnUrl, string location)
    {
        using var client = CreateBrowser();
        await client.SignInAsAdminAsync();

        var response = await client.GetAsync("/account/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be(location);
    }

    [Fact]
    public async Task The_sign_in_redirect_does_not_name_the_host_the_client_sent()
    {
        using var client = CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/plans");
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.IsAbsoluteUri.Should().BeFalse();
        response.Headers.Location.OriginalString.Should().Be("/account/login?ReturnUrl=%2Fplans");
    }

    [Fact]
    public async Task The_access_denied_redirect_does_not_name_the_host_the_client_sent()
    {
        await factory.CreateUserAsync("redirect-viewer", "Viewer-Passw0rd-2035", [Application.Security.Roles.Viewer]);
        using var client = CreateBrowser();
        (await client.SignInAsync("redirect-viewer", "Viewer-Passw0rd-2035")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/users");
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().StartWith("/account/access-denied");
    }

    [Theory]
    [InlineData("/教", "/%E6%95%99")]
    [InlineData("/a b", "/a%20b")]
    [InlineData("/100%", "/100%25")]
    [InlineData("/a%2Fb", "/a%2Fb")]
    [InlineData("/a%zz", "/a%25zz")]
    [InlineData("/x#y", "/x#y")]
    [InlineData("/a\u0001", "/a%01")]
    [InlineData("/𠀀", "/%F0%A0%80%80")]
    public void Encoding_for_the_header_escapes_what_a_header_cannot_carry(string url, string expected)
    {
        ReturnUrls.EncodeForHeader(url).Should().Be(expected);
        ReturnUrls.EncodeForHeader(expected).Should().Be(expected, "an address already encoded stays as it is");
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("*", true)]
    [InlineData("eduplan.example;*", true)]
    [InlineData("eduplan.example", false)]
    [InlineData("eduplan.example; localhost", false)]
    public void A_wildcard_in_AllowedHosts_is_recognised(string? allowedHosts, bool any)
    {
        WebApplicationExtensions.AllowsAnyHost(allowedHosts).Should().Be(any);
    }
}
