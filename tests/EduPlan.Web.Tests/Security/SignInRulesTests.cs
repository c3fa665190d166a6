using System.Net;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Core.Auditing;
using EduPlan.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static EduPlan.Web.Tests.Security.SecurityTestKit;

namespace EduPlan.Web.Tests.Security;

/// <summary>Sign-in failures, lockout and the sign-in audit trail, on an app of their own with a fake clock.</summary>
public sealed class SignInRulesTests : IAsyncLifetime
{
    private const string GenericError = "用户名或密码错误。连续失败5次后账户将被锁定15分钟。";

    private readonly FakeTimeProvider clock = new(Start);
    private readonly EduPlanWebFactory factory;

    public SignInRulesTests() => factory = new EduPlanWebFactory { Clock = clock };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Unknown_user_wrong_password_locked_and_disabled_accounts_get_one_identical_answer()
    {
        const string userName = "same-answer";
        using var client = factory.CreateBrowser();

        var unknown = await AnswerAsync(client, userName, "Wrong-Passw0rd-1");
        await factory.CreateUserAsync(userName, Password, [Roles.Viewer]);
        var wrong = await AnswerAsync(client, userName, "Wrong-Passw0rd-1");
        for (var attempt = 2; attempt <= 5; attempt++)
        {
            await client.SignInAsync(userName, "Wrong-Passw0rd-1");
        }

        var locked = await AnswerAsync(client, userName, Password);
        clock.Advance(TimeSpan.FromMinutes(16));
        await factory.UpdateUserAsync(userName, (_, user) =>
        {
            user.IsDisabled = true;
            return Task.CompletedTask;
        });
        var disabled = await AnswerAsync(client, userName, Password);

        unknown.Status.Should().Be(HttpStatusCode.OK);
        unknown.Body.Should().Contain(GenericError).And.Contain($"value=\"{userName}\"");
        wrong.Should().Be(unknown, "a wrong password must not tell that the user exists");
        locked.Should().Be(unknown, "a locked account, even with the right password, answers like an unknown user");
        disabled.Should().Be(unknown, "a disabled account, even with the right password, answers like an unknown user");
        var reasons = (await factory.AuditAsync())
            .Where(e => e.Action == AuditActions.SignInFailed)
            .Select(e => e.Details)
            .ToList();
        reasons.Should().Equal(
            """{"reason":"UnknownUser"}""",
            """{"reason":"WrongPassword"}""", """{"reason":"WrongPassword"}""", """{"reason":"WrongPassword"}""",
            """{"reason":"WrongPassword"}""", """{"reason":"WrongPassword"}""",
            """{"reason":"LockedOut"}""",
            """{"reason":"Disabled"}""");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_until_fifteen_minutes_have_passed_on_the_clock()
    {
        const string userName = "lockout-clock";
        await factory.CreateUserAsync(userName, Password, [Roles.Viewer]);
        using var client = factory.CreateBrowser();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await client.SignInAsync(userName, "Wrong-Passw0rd-" + attempt);
        }

        (await factory.FindUserAsync(userName)).LockoutEnd.Should().BeNull("four failures do not lock");
        await client.SignInAsync(userName, "Wrong-Passw0rd-5");
        var lockoutEnd = (await factory.FindUserAsync(userName)).LockoutEnd;
        clock.Advance(TimeSpan.FromMinutes(14));
        var stillLocked = await client.SignInAsync(userName, Password);
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var released = await client.SignInAsync(userName, Password);

        lockoutEnd.Should().Be(Start.AddMinutes(15), "the lockout is timed by the app's clock");
        stillLocked.StatusCode.Should().Be(HttpStatusCode.OK, "fourteen minutes later the account is still locked");
        released.StatusCode.Should().Be(HttpStatusCode.Redirect, "after fifteen minutes the right password works again");
        var audit = await factory.AuditAsync();
        audit.Should().ContainSingle(e => e.Action == AuditActions.LockedOut)
            .Which.Should().Match<AuditEntry>(e => e.ActorName == userName && e.TargetName == userName && e.ActorId == null);
        audit.Last().Action.Should().Be(AuditActions.SignIn);
    }

    [Fact]
    public async Task A_password_longer_than_the_maximum_gets_the_same_answer_and_counts_as_a_failure()
    {
        const string userName = "long-password";
        await factory.CreateUserAsync(userName, Password, [Roles.Viewer]);
        using var client = factory.CreateBrowser();

        var wrong = await AnswerAsync(client, userName, "Wrong-Passw0rd-1");
        var tooLong = await AnswerAsync(client, userName, Password + new string('x', 129 - Password.Length));
        var huge = await AnswerAsync(client, userName, new string('A', 200_000));

        tooLong.Should().Be(wrong);
        huge.Should().Be(wrong);
        (await factory.FindUserAsync(userName)).AccessFailedCount.Should().Be(3, "each too-long password is a failed attempt");
        (await factory.AuditAsync()).Where(e => e.Action == AuditActions.SignInFailed)
            .Should().HaveCount(3).And.OnlyContain(e => e.Details == """{"reason":"WrongPassword"}""");
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_with_the_right_password()
    {
        const string userName = "disabled-user";
        await factory.CreateUserAsync(userName, Password, [Roles.Viewer]);
        await factory.UpdateUserAsync(userName, (_, user) =>
        {
            user.IsDisabled = true;
            return Task.CompletedTask;
        });
        using var client = factory.CreateBrowser();

        var response = await client.SignInAsync(userName, Password);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        AuthCookie(response).Should().BeNull("no sign-in cookie is issued");
        (await client.IsSentToSignInAsync()).Should().BeTrue();
    }

    [Fact]
    public async Task A_successful_sign_in_is_audited_and_records_the_time_from_the_clock()
    {
        const string userName = "audited-sign-in";
        var created = await factory.CreateUserAsync(userName, Password, [Roles.Viewer]);
        clock.Advance(TimeSpan.FromMinutes(5));
        using var client = factory.CreateBrowser();

        await client.SignInOkAsync(userName);

        (await factory.FindUserAsync(userName)).LastSignInAt.Should().Be(Start.AddMinutes(5));
        var entry = (await factory.AuditAsync()).Should().ContainSingle(e => e.Action == AuditActions.SignIn).Subject;
        entry.Outcome.Should().Be(AuditOutcome.Success);
        entry.ActorId.Should().Be(created.Id);
        entry.ActorName.Should().Be(userName);
        entry.OccurredAt.Should().Be(Start.AddMinutes(5).UtcDateTime);
    }

    [Fact]
    public async Task A_failed_sign_in_with_a_long_unknown_name_keeps_only_its_short_keyed_hash()
    {
        var typed = "  " + new string('n', 100) + "  ";
        using var client = factory.CreateBrowser();

        await client.SignInAsync(typed, "Wrong-Passw0rd-1");

        var entry = (await factory.AuditAsync()).Should().ContainSingle(e => e.Action == AuditActions.SignInFailed).Subject;
        entry.ActorName.Should().StartWith(TypedNameHashes.UnknownNameMarker).And.HaveLength(TypedNameHashes.UnknownNameMarker.Length + 24).And.NotContain("nnn");
        entry.ActorId.Should().BeNull();
        entry.Outcome.Should().Be(AuditOutcome.Failure);
    }

    [Fact]
    public async Task A_missing_antiforgery_token_on_a_signed_in_post_gives_400_and_changes_nothing()
    {
        const string userName = "csrf-target";
        await factory.CreateUserAsync(userName, Password, [Roles.Viewer]);
        using var client = factory.CreateBrowser();
        await client.SignInOkAsync(userName);
        var hashBefore = (await factory.FindUserAsync(userName)).PasswordHash;

        var response = await client.PostAsync("/account/change-password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["CurrentPassword"] = Password,
            ["NewPassword"] = "Forged-Passw0rd-77",
            ["ConfirmPassword"] = "Forged-Passw0rd-77",
        }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await factory.FindUserAsync(userName)).PasswordHash.Should().Be(hashBefore);
    }

    [Fact]
    public async Task An_unknown_user_costs_one_password_hash_like_a_wrong_password_and_an_overlong_one_costs_none()
    {
        const string userName = "timing-user";
        var hasher = new CountingHasher();
        await using var app = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IPasswordHasher<ApplicationUser>>(hasher)));
        _ = app.Services;
        await factory.CreateUserAsync(userName, Password, [Roles.Viewer]);
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        var unknown = await VerificationsAsync(hasher, () => client.SignInAsync("nobody-here", "Wrong-Passw0rd-1"));
        var wrong = await VerificationsAsync(hasher, () => client.SignInAsync(userName, "Wrong-Passw0rd-1"));
        var overlong = await VerificationsAsync(hasher, () => client.SignInAsync(userName, new string('A', 100_000)));

        wrong.Should().Be(1);
        unknown.Should().Be(wrong, "an unknown user's password is checked against a stand-in hash, so both take as long");
        overlong.Should().Be(0, "a password over the maximum is refused without hashing it");
    }

    private static async Task<int> VerificationsAsync(CountingHasher hasher, Func<Task<HttpResponseMessage>> signIn)
    {
        var before = hasher.Verifications;
        using var response = await signIn();
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return hasher.Verifications - before;
    }

    /// <summary>Identity's hasher, counting how many passwords it verifies.</summary>
    private sealed class CountingHasher : IPasswordHasher<ApplicationUser>
    {
        private readonly PasswordHasher<ApplicationUser> inner = new();
        private int verifications;

        public int Verifications => Volatile.Read(ref verifications);

        public string HashPassword(ApplicationUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private static async Task<(HttpStatusCode Status, string Body)> AnswerAsync(HttpClient client, string userName, string password)
    {
        using var response = await client.SignInAsync(userName, password);
        return (response.StatusCode, WithoutAntiforgeryToken(await response.Content.ReadAsStringAsync()));
    }
}
