using System.Net;
using EduPlan.Application.Auditing;
using EduPlan.Core.Auditing;
using static EduPlan.Web.Tests.Security.SecurityTestKit;

namespace EduPlan.Web.Tests.Security;

/// <summary>Security:SignInAttemptsPerMinute, set to 3 so that the test stays inside one window.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly EduPlanWebFactory factory = new() { Settings = { ["Security:SignInAttemptsPerMinute"] = "3" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task The_fourth_sign_in_attempt_within_a_minute_is_refused_with_429_and_audited_once()
    {
        using var client = factory.CreateBrowser();

        var allowed = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            allowed.Add((await client.SignInAsync("rate-user", "Wrong-Passw0rd-" + attempt)).StatusCode);
        }

        using var fourth = await client.SignInAsync(WebTestHelpers.AdminUserName, EduPlanWebFactory.TestAdminPassword);
        var page = WebTestHelpers.Decoded(await fourth.Content.ReadAsStringAsync());
        var later = new List<HttpStatusCode>();
        for (var attempt = 5; attempt <= 7; attempt++)
        {
            later.Add((await client.SignInAsync("rate-user", "Wrong-Passw0rd-" + attempt)).StatusCode);
        }

        allowed.Should().OnlyContain(status => status == HttpStatusCode.OK);
        fourth.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "even the right password waits once the limit is reached");
        AuthCookie(fourth).Should().BeNull();
        fourth.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(60));
        page.Should().Contain("<html lang=\"zh-CN\">").And.Contain("请等待一分钟后再试");
        later.Should().OnlyContain(status => status == HttpStatusCode.TooManyRequests);
        (await client.GetAsync("/account/login")).StatusCode.Should().Be(HttpStatusCode.OK, "only the POST is limited");
        var audit = await factory.AuditAsync();
        audit.Should().ContainSingle(e => e.Action == AuditActions.SignInRateLimited, "one entry per address per window, not one per request")
            .Which.Should().Match<AuditEntry>(e => e.Outcome == AuditOutcome.Denied && e.TargetName == "POST /account/login");
        audit.Count(e => e.Action == AuditActions.SignInFailed).Should().Be(3, "refused attempts never reach the password check");
    }
}
