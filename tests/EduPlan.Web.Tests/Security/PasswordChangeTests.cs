using System.Net;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using Microsoft.Extensions.Time.Testing;
using static EduPlan.Web.Tests.Security.SecurityTestKit;

namespace EduPlan.Web.Tests.Security;

/// <summary>One-time and expired passwords, and the rules and audit of changing a password.</summary>
public sealed class PasswordChangeTests : IAsyncLifetime
{
    private const string ChangePath = "/account/change-password";
    private const string NewPassword = "Fresh-Garden-77";

    private readonly FakeTimeProvider clock = new(Start);
    private EduPlanWebFactory factory = null!;

    public Task InitializeAsync()
    {
        factory = new EduPlanWebFactory { Clock = clock };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task A_one_time_password_allows_nothing_but_changing_it_or_signing_out_until_it_is_changed()
    {
        const string userName = "one-time";
        await factory.CreateUserAsync(userName, Password, [Roles.Viewer]);
        await factory.UpdateUserAsync(userName, (_, user) =>
        {
            user.MustChangePassword = true;
            return Task.CompletedTask;
        });
        using var client = factory.CreateBrowser();
        await client.SignInOkAsync(userName);

        var form = WebTestHelpers.Decoded(await client.GetPageAsync(ChangePath));
        var blocked = new List<string>();
        foreach (var path in new[] { "/", "/plans/national", "/targets", "/account/login", "/admin/users", "/audit" })
        {
            using var response = await client.GetAsync(path);
            if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location!.OriginalString != ChangePath)
            {
                blocked.Add($"{path}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        using var language = await client.PostFormAsync(ChangePath, "/language", new Dictionary<string, string> { ["culture"] = "en" });
        var changed = await ChangeAsync(client, Password, NewPassword);
        using var home = await client.GetAsync("/plans");

        form.Should().Contain("您正在使用初始密码");
        blocked.Should().BeEmpty("every other page sends the user to change the password");
        language.Headers.Location!.OriginalString.Should().Be(ChangePath, "a POST elsewhere is turned back too");
        changed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        home.StatusCode.Should().Be(HttpStatusCode.OK);
        var user = await factory.FindUserAsync(userName);
        user.MustChangePassword.Should().BeFalse();
        user.PasswordChangedAt.Should().Be(Start);
    }

    [Fact]
    public async Task A_password_older_than_ninety_days_must_be_changed_first()
    {
        const string userName = "expired-user";
        await factory.CreateUserAsync(userName, Password, [Roles.Viewer]);
        clock.Advance(TimeSpan.FromDays(90));
        using var client = factory.CreateBrowser();
        await client.SignInOkAsync(userName);

        using var home = await client.GetAsync("/plans");
        var form = WebTestHelpers.Decoded(await client.GetPageAsync(ChangePath));
        var changed = await ChangeAsync(client, Password, NewPassword);
        using var after = await client.GetAsync("/plans");

        home.StatusCode.Should().Be(HttpStatusCode.Redirect);
        home.Headers.Location!.OriginalString.Should().Be(ChangePath);
        form.Should().Contain("您的密码已使用超过90天，已经过期");
        changed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        after.StatusCode.Should().Be(HttpStatusCode.OK, "the new password starts a new 90 days");
        (await factory.FindUserAsync(userName)).PasswordChangedAt.Should().Be(Start.AddDays(90));
    }

    [Fact]
    public async Task A_password_a_day_short_of_expiry_is_not_asked_for()
    {
        const string userName = "fresh-enough";
        await factory.CreateUserAsync(userName, Password, [Roles.Viewer]);
        clock.Advance(TimeSpan.FromDays(89));
        using var client = factory.CreateBrowser();
        await client.SignInOkAsync(userName);

        using var home = await client.GetAsync("/plans");

        home.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Expiry_set_to_zero_never_asks_for_a_new_password()
    {
        await factory.DisposeAsync();
        factory = new EduPlanWebFactory { Clock = clock, Settings = { ["Security:PasswordExpiryDays"] = "0" } };
        const string userName = "never-expires";
        await factory.CreateUserAsync(userName, Password, [Roles.Viewer]);
        clock.Advance(TimeSpan.FromDays(1000));
        using var client = factory.CreateBrowser();
        await client.SignInOkAsync(userName);

        using var home = await client.GetAsync("/plans");

        home.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_new_password_follows_the_rules_up_to_128_characters_and_failures_are_audited_by_reason()
    {
        const string userName = "rules-user";
        await factory.CreateUserAsync(userName, Password, [Roles.Viewer]);
        using var client = factory.CreateBrowser();
        await client.SignInOkAsync(userName);
        var longest = "Aa1-" + new string('x', 124);
        var tooLong = longest + "y";

        var same = await TextAsync(ChangeAsync(client, Password, Password));
        var kinds = await TextAsync(ChangeAsync(client, Password, "onlylowercaseletters"));
        var containsName = await TextAsync(ChangeAsync(client, Password, "My-rules-user-Pw9"));
        var overLimit = await TextAsync(ChangeAsync(client, Password, tooLong));
        var wrongCurrent = await TextAsync(ChangeAsync(client, "Not-The-Passw0rd", NewPassword));
        var accepted = await ChangeAsync(client, Password, longest);

        same.Should().Contain("新密码不能与当前密码相同");
        kinds.Should().Contain("密码须至少包含大写字母、小写字母、数字、符号中的3种");
        containsName.Should().Contain("密码不能包含用户名");
        overLimit.Should().Contain("密码不能超过128个字符");
        wrongCurrent.Should().Contain("当前密码不正确");
        accepted.StatusCode.Should().Be(HttpStatusCode.Redirect, "128 characters are accepted");
        using var again = factory.CreateBrowser();
        (await again.SignInAsync(userName, longest[..127])).StatusCode.Should().Be(HttpStatusCode.OK, "every one of the 128 characters counts");
        await again.SignInOkAsync(userName, longest);
        var audit = await factory.AuditAsync();
        audit.Where(e => e.Action == AuditActions.PasswordChangeFailed).Select(e => e.Details).Should().Equal(
            """{"reason":"SameAsCurrent"}""",
            """{"reason":"PasswordRules","rules":["PasswordRequiresCharacterKinds"]}""",
            """{"reason":"PasswordRules","rules":["PasswordContainsUserName"]}""",
            """{"reason":"PasswordRules","rules":["PasswordTooLong"]}""",
            """{"reason":"WrongCurrentPassword"}""");
        audit.Should().ContainSingle(e => e.Action == AuditActions.PasswordChanged)
            .Which.ActorName.Should().Be(userName);
    }

    [Fact]
    public async Task Guessing_the_current_password_five_times_locks_the_account_and_ends_the_session()
    {
        const string userName = "guesser";
        await factory.CreateUserAsync(userName, Password, [Roles.Viewer]);
        using var client = factory.CreateBrowser();
        await client.SignInOkAsync(userName);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            (await ChangeAsync(client, "Guess-Passw0rd-" + attempt, NewPassword)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var fifth = await ChangeAsync(client, "Guess-Passw0rd-5", NewPassword);

        fifth.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.IsSentToSignInAsync()).Should().BeTrue();
        (await client.SignInAsync(userName, Password)).StatusCode.Should().Be(HttpStatusCode.OK, "the account is locked");
        (await factory.AuditAsync()).Should().ContainSingle(e => e.Action == AuditActions.LockedOut);
    }

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string current, string next) =>
        client.PostFormAsync(ChangePath, ChangePath, new Dictionary<string, string>
        {
            ["CurrentPassword"] = current,
            ["NewPassword"] = next,
            ["ConfirmPassword"] = next,
        });

    private static async Task<string> TextAsync(Task<HttpResponseMessage> posting)
    {
        using var response = await posting;
        response.StatusCode.Should().Be(HttpStatusCode.OK, "a refused change shows the form again");
        return WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync());
    }
}
