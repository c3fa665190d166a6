using System.Net;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Core.Auditing;
using EduPlan.Data;
using EduPlan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static EduPlan.Web.Tests.Security.SecurityTestKit;

namespace EduPlan.Web.Tests.Security;

/// <summary>The sign-in events and authorization failures in the audit log, and no password anywhere in it or in the log files.</summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private const string UserName = "audit-subject";
    private const string WrongPassword = "Wrong-Guess-981";
    private const string NewPassword = "Renewed-Lantern-55";

    private readonly EduPlanWebFactory factory = new();
    private WebApplicationFactory<Program> app = null!;

    public async Task InitializeAsync()
    {
        app = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddControllers().AddApplicationPart(typeof(AuditProbeController).Assembly)));
        _ = app.Services;
        await factory.CreateUserAsync(UserName, Password, [Roles.Viewer]);
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await factory.DisposeAsync();
    }

    [Fact]
    public async Task Sign_in_events_and_refusals_are_audited_without_any_password()
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        (await client.SignInAsync(UserName, WrongPassword)).StatusCode.Should().Be(HttpStatusCode.OK);
        await client.SignInOkAsync(UserName);
        using var policyRefusal = await client.GetAsync("/test/audit/admin-only");
        using var recordRefusal = await client.GetAsync("/test/audit/forbid");
        (await client.PostFormAsync("/account/change-password", "/account/change-password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = Password,
            ["NewPassword"] = NewPassword,
            ["ConfirmPassword"] = NewPassword,
        })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.PostFormAsync("/plans", "/account/logout", new Dictionary<string, string>())).StatusCode.Should().Be(HttpStatusCode.Redirect);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await client.SignInAsync(UserName, WrongPassword);
        }

        policyRefusal.Headers.Location!.AbsolutePath().Should().Be("/account/access-denied");
        recordRefusal.Headers.Location!.AbsolutePath().Should().Be("/account/access-denied");
        // Start-up's creation of admin (by "system") comes first; this test is about what the sign-ins wrote.
        var audit = (await factory.AuditAsync()).Where(e => e.ActorName != "system").ToList();
        audit.Select(e => (e.Action, e.Outcome)).Should().Equal(
            (AuditActions.SignInFailed, AuditOutcome.Failure),
            (AuditActions.SignIn, AuditOutcome.Success),
            (AuditActions.AccessDenied, AuditOutcome.Denied),
            (AuditActions.AccessDenied, AuditOutcome.Denied),
            (AuditActions.PasswordChanged, AuditOutcome.Success),
            (AuditActions.SignOut, AuditOutcome.Success),
            (AuditActions.SignInFailed, AuditOutcome.Failure),
            (AuditActions.SignInFailed, AuditOutcome.Failure),
            (AuditActions.SignInFailed, AuditOutcome.Failure),
            (AuditActions.SignInFailed, AuditOutcome.Failure),
            (AuditActions.SignInFailed, AuditOutcome.Failure),
            (AuditActions.LockedOut, AuditOutcome.Failure));
        audit[0].Details.Should().Be("""{"reason":"WrongPassword"}""");
        audit.Where(e => e.Action == AuditActions.AccessDenied).Select(e => (e.TargetType, e.TargetName, e.ActorName)).Should().Equal(
            ("Route", "GET /test/audit/admin-only", UserName),
            ("Route", "GET /test/audit/forbid", UserName));
        audit.Should().OnlyContain(e => e.ActorName == UserName && e.TargetName != null);

        var passwords = new[] { Password, WrongPassword, NewPassword };
        var stored = string.Join("\n", audit.Select(e => string.Join("|", e.ActorName, e.TargetId, e.TargetName, e.Details, e.ClientAddress)));
        var logs = factory.ReadLogs();
        logs.Should().Contain("signed in", "the log file is the one the app writes");
        foreach (var password in passwords)
        {
            stored.Should().NotContain(password);
            logs.Should().NotContain(password);
        }
    }

    [Fact]
    public async Task A_failed_sign_in_with_a_name_no_account_has_keeps_a_keyed_hash_of_it_never_the_text()
    {
        const string typed = "Secret-Password-123";
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        (await client.SignInAsync(typed, WrongPassword)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.SignInAsync("  secret-password-123 ", WrongPassword)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.SignInAsync("Another-Typo-456", WrongPassword)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.SignInAsync(UserName, WrongPassword)).StatusCode.Should().Be(HttpStatusCode.OK);

        var failures = (await factory.AuditAsync()).Where(e => e.Action == AuditActions.SignInFailed).ToList();
        failures.Should().HaveCount(4);
        var stored = string.Join("\n", failures.Select(e => string.Join("|", e.ActorName, e.TargetId, e.TargetName, e.Details)));
        stored.Should().NotContainEquivalentOf(typed).And.NotContainEquivalentOf("Another-Typo-456");
        factory.ReadLogs().Should().NotContainEquivalentOf(typed);
        failures.Take(3).Should().OnlyContain(e => e.ActorName.StartsWith(TypedNameHashes.UnknownNameMarker, StringComparison.Ordinal)
            && e.ActorName.Length == TypedNameHashes.UnknownNameMarker.Length + 24 && e.TargetId == null && e.Details == """{"reason":"UnknownUser"}""");
        failures[1].ActorName.Should().Be(failures[0].ActorName, "the same name (as Identity compares names) correlates");
        failures[2].ActorName.Should().NotBe(failures[0].ActorName);
        failures[3].ActorName.Should().Be(UserName, "a name that is an account's is the account's name");

        // The key is generated once, kept protected (never the raw bytes) in the database, and survives a restart of the app.
        var secret = await factory.WithDbAsync(db => db.AppSecrets.SingleAsync());
        secret.Name.Should().Be(TypedNameHashes.SecretName);
        var hashes = new TypedNameHashes(app.Services.GetRequiredService<IServiceScopeFactory>(),
            app.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(), TimeProvider.System);
        (await hashes.ActorNameAsync(typed)).Should().Be(failures[0].ActorName);
    }

    [Fact]
    public async Task Auditing_a_refusal_never_saves_what_the_refusing_page_had_changed()
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await client.SignInOkAsync(UserName);

        using var response = await client.GetAsync("/test/audit/forbid-after-change");

        response.Headers.Location!.AbsolutePath().Should().Be("/account/access-denied");
        (await factory.FindUserAsync(UserName)).DisplayName.Should().NotBe(AuditProbeController.UnsavedName);
        (await factory.AuditAsync()).Should().ContainSingle(e => e.Action == AuditActions.AccessDenied);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_and_nothing_is_audited_as_denied()
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/test/audit/admin-only");

        response.Headers.Location!.AbsolutePath().Should().Be("/account/login");
        (await factory.AuditAsync()).Should().NotContain(e => e.Action == AuditActions.AccessDenied);
    }
}

/// <summary>Pages added only in <see cref="AuditTrailTests"/>: one its policy refuses, one that refuses the record itself.</summary>
[Route("test/audit")]
public sealed class AuditProbeController : Controller
{
    [Authorize(Policy = Policies.ManageUsers)]
    [HttpGet("admin-only")]
    public IActionResult AdminOnly() => Content("administrators only");

    public const string UnsavedName = "不应保存的名字";

    [Authorize(Policy = Policies.SignedIn)]
    [HttpGet("forbid")]
    public IActionResult Refuse() => Forbid();

    /// <summary>Changes a tracked record, then refuses without saving it.</summary>
    [Authorize(Policy = Policies.SignedIn)]
    [HttpGet("forbid-after-change")]
    public async Task<IActionResult> RefuseAfterChange([FromServices] EduPlanDbContext db)
    {
        var user = await db.Users.SingleAsync(u => u.UserName == User.Identity!.Name);
        user.DisplayName = UnsavedName;
        return Forbid();
    }
}
