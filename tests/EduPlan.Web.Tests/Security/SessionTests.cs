using System.Net;
using System.Security.Claims;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Web.Authorization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static EduPlan.Web.Tests.Security.SecurityTestKit;

namespace EduPlan.Web.Tests.Security;

/// <summary>How long a session lasts and what ends it, with the app's clock under the test's control.</summary>
public sealed class SessionTests : IAsyncLifetime
{
    private const string UserName = "session-user";

    private readonly FakeTimeProvider clock = new(Start);
    private readonly EduPlanWebFactory factory;

    public SessionTests() => factory = new EduPlanWebFactory { Clock = clock };

    public async Task InitializeAsync() => await factory.CreateUserAsync(UserName, Password, [Roles.Viewer], departmentShortName: "会话单位");

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task A_session_survives_activity_but_ends_after_thirty_idle_minutes()
    {
        using var client = factory.CreateBrowser();
        await client.SignInOkAsync(UserName);

        clock.Advance(TimeSpan.FromMinutes(29));
        var afterFirstPause = await client.IsSentToSignInAsync();
        clock.Advance(TimeSpan.FromMinutes(29));
        var afterSecondPause = await client.IsSentToSignInAsync();
        clock.Advance(TimeSpan.FromMinutes(31));
        var afterIdle = await client.IsSentToSignInAsync();

        afterFirstPause.Should().BeFalse("29 minutes idle is within the limit");
        afterSecondPause.Should().BeFalse("each request restarts the idle limit (sliding expiration)");
        afterIdle.Should().BeTrue("31 minutes without a request ends the session");
    }

    [Fact]
    public async Task A_busy_session_still_ends_twelve_hours_after_sign_in_and_is_audited()
    {
        using var client = factory.CreateBrowser();
        await client.SignInOkAsync(UserName);

        await KeepBusyAsync(client, TimeSpan.FromHours(12) - TimeSpan.FromMinutes(20));
        clock.Advance(TimeSpan.FromMinutes(20));
        var atTwelveHours = await client.IsSentToSignInAsync();

        atTwelveHours.Should().BeTrue("12 hours after sign-in the session ends however busy");
        var expired = (await factory.AuditAsync()).Should().ContainSingle(e => e.Action == AuditActions.SessionExpired).Subject;
        expired.ActorName.Should().Be(UserName);
        expired.OccurredAt.Should().Be(Start.AddHours(12).UtcDateTime);
    }

    [Fact]
    public async Task Changing_the_password_keeps_the_session_but_not_past_twelve_hours_from_the_sign_in()
    {
        using var client = factory.CreateBrowser();
        await client.SignInOkAsync(UserName);

        await KeepBusyAsync(client, TimeSpan.FromHours(11));
        var changed = await client.PostFormAsync("/account/change-password", "/account/change-password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = Password,
            ["NewPassword"] = "Second-Horse-43",
            ["ConfirmPassword"] = "Second-Horse-43",
        });
        var rightAfter = await client.IsSentToSignInAsync();
        await KeepBusyAsync(client, TimeSpan.FromMinutes(40));
        clock.Advance(TimeSpan.FromMinutes(19));
        var beforeLimit = await client.IsSentToSignInAsync();
        clock.Advance(TimeSpan.FromMinutes(2));
        var afterLimit = await client.IsSentToSignInAsync();

        changed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        AuthCookie(changed).Should().NotBeNullOrEmpty("the cookie is re-issued with the new security stamp");
        rightAfter.Should().BeFalse("the user who changed their password stays signed in");
        beforeLimit.Should().BeFalse();
        afterLimit.Should().BeTrue("the re-issued cookie keeps the original sign-in time");
    }

    [Fact]
    public async Task The_old_cookie_is_refused_on_the_next_request_after_the_user_is_disabled()
    {
        using var client = factory.CreateBrowser();
        var cookie = AuthCookie(await client.SignInOkAsync(UserName))!;
        (await client.IsSentToSignInAsync()).Should().BeFalse();

        await factory.UpdateUserAsync(UserName, async (users, user) =>
        {
            user.IsDisabled = true;
            await users.UpdateSecurityStampAsync(user);
        });

        (await client.IsSentToSignInAsync()).Should().BeTrue("the open session ends at once");
        (await factory.IsReplayRefusedAsync(cookie)).Should().BeTrue("a copy of the old cookie is refused too");
    }

    [Fact]
    public async Task The_old_cookie_is_refused_after_a_role_change()
    {
        using var client = factory.CreateBrowser();
        var cookie = AuthCookie(await client.SignInOkAsync(UserName))!;

        await factory.UpdateUserAsync(UserName, async (users, user) =>
        {
            await users.AddToRoleAsync(user, Roles.Coordinator);
            await users.UpdateSecurityStampAsync(user);
        });

        (await client.IsSentToSignInAsync()).Should().BeTrue();
        (await factory.IsReplayRefusedAsync(cookie)).Should().BeTrue();
        using var again = factory.CreateBrowser();
        await again.SignInOkAsync(UserName);
        (await again.IsSentToSignInAsync()).Should().BeFalse("signing in again gives a session with the new roles");
    }

    [Fact]
    public async Task The_old_cookie_is_refused_after_the_user_is_disabled_even_without_a_new_security_stamp()
    {
        using var client = factory.CreateBrowser();
        var cookie = AuthCookie(await client.SignInOkAsync(UserName))!;

        await factory.UpdateUserAsync(UserName, (_, user) =>
        {
            user.IsDisabled = true;
            return Task.CompletedTask;
        });

        (await factory.IsReplayRefusedAsync(cookie)).Should().BeTrue();
    }

    [Fact]
    public async Task The_cookie_of_a_deleted_user_is_refused()
    {
        using var client = factory.CreateBrowser();
        await client.SignInOkAsync(UserName);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<EduPlan.Data.Identity.ApplicationUser>>();
            (await users.DeleteAsync((await users.FindByNameAsync(UserName))!)).Succeeded.Should().BeTrue();
        }

        (await client.IsSentToSignInAsync()).Should().BeTrue();
    }

    [Fact]
    public async Task The_cookie_carries_the_department_and_the_sign_in_time()
    {
        using var client = factory.CreateBrowser();
        clock.Advance(TimeSpan.FromMinutes(3));

        var principal = ReadCookie(AuthCookie(await client.SignInOkAsync(UserName))!);

        var departmentId = await factory.EnsureDepartmentAsync("会话单位");
        principal.DepartmentId().Should().Be(departmentId);
        principal.SignedInAt().Should().Be(Start.AddMinutes(3));
    }

    [Fact]
    public async Task A_user_without_a_department_has_no_department_claim()
    {
        await factory.CreateUserAsync("no-department", Password, [Roles.Viewer]);
        using var client = factory.CreateBrowser();

        var principal = ReadCookie(AuthCookie(await client.SignInOkAsync("no-department"))!);

        principal.HasClaim(c => c.Type == EduPlanClaimTypes.DepartmentId).Should().BeFalse();
        principal.Identity!.Name.Should().Be("no-department");
    }

    [Fact]
    public async Task Each_signed_in_request_checks_the_session_with_one_query()
    {
        using var client = factory.CreateBrowser();
        await client.SignInOkAsync(UserName);
        await client.GetAsync("/account/access-denied");

        factory.Commands.Reset();
        await client.GetAsync("/account/access-denied");

        factory.Commands.Count.Should().Be(1, "the page itself reads nothing; the session check is one query");
    }

    /// <summary>Moves the clock on in 20-minute steps with a request after each, so the idle limit never strikes.</summary>
    private async Task KeepBusyAsync(HttpClient client, TimeSpan howLong)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < howLong; elapsed += TimeSpan.FromMinutes(20))
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            (await client.IsSentToSignInAsync()).Should().BeFalse($"the session is busy {clock.GetUtcNow() - Start} after the start");
        }
    }

    private ClaimsPrincipal ReadCookie(string cookie)
    {
        var options = factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        return options.TicketDataFormat.Unprotect(Uri.UnescapeDataString(cookie))!.Principal;
    }
}
