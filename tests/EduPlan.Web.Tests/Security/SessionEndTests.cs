using System.Net;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using static EduPlan.Web.Tests.Security.SecurityTestKit;

namespace EduPlan.Web.Tests.Security;

/// <summary>Signing out and being locked out end the session on the server, not only in the browser; parallel failures all count.</summary>
public sealed class SessionEndTests : IDisposable
{
    private const string UserName = "session.end";
    private readonly EduPlanWebFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task A_copy_of_the_cookie_stops_working_after_sign_out()
    {
        await factory.CreateUserAsync(UserName, Password, [Roles.Viewer]);
        using var client = factory.CreateBrowser();
        var cookie = AuthCookie(await client.SignInOkAsync(UserName))!;

        var signedOut = await client.PostFormAsync("/plans", "/account/logout", new Dictionary<string, string>());

        signedOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await factory.IsReplayRefusedAsync(cookie)).Should().BeTrue("a cookie copied before sign-out must not outlive it");
    }

    [Fact]
    public async Task Wrong_current_passwords_that_lock_the_account_leave_a_copied_cookie_no_more_tries()
    {
        await factory.CreateUserAsync(UserName, Password, [Roles.Viewer]);
        using var client = factory.CreateBrowser();
        var cookie = AuthCookie(await client.SignInOkAsync(UserName))!;
        var token = await client.GetAntiforgeryTokenAsync("/account/change-password");

        for (var i = 0; i < 5; i++)
        {
            await client.PostAsync("/account/change-password", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["CurrentPassword"] = "Wrong-Guess-" + i,
                ["NewPassword"] = "Brand-New-Pass-77",
                ["ConfirmPassword"] = "Brand-New-Pass-77",
                ["__RequestVerificationToken"] = token,
            }));
        }

        (await factory.FindUserAsync(UserName)).LockoutEnd.Should().NotBeNull("five wrong current passwords lock the account");
        (await factory.IsReplayRefusedAsync(cookie)).Should().BeTrue("the locked account's session is over, copies included");
    }

    [Fact]
    public async Task Parallel_wrong_passwords_all_answer_the_same_all_count_and_are_all_audited()
    {
        await factory.CreateUserAsync(UserName, Password, [Roles.Viewer]);
        var tokens = new List<(HttpClient Client, string Token)>();
        for (var i = 0; i < 8; i++)
        {
            var client = factory.CreateBrowser();
            tokens.Add((client, await client.GetAntiforgeryTokenAsync("/account/login")));
        }

        var responses = await Task.WhenAll(tokens.Select(t => t.Client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = UserName,
            ["Password"] = "Not-The-Password-1",
            ["__RequestVerificationToken"] = t.Token,
        }))));

        responses.Select(r => r.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.OK, "a race must never show a 500 that tells the account exists");
        var audit = await factory.AuditAsync();
        audit.Count(e => e.Action == AuditActions.SignInFailed).Should().Be(8);
        (await factory.FindUserAsync(UserName)).LockoutEnd.Should().NotBeNull("every one of the 8 failures counts, so the 5th locks");
        foreach (var (client, _) in tokens)
        {
            client.Dispose();
        }
    }
}
