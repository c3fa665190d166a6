using System.Net;
using EduPlan.Application.Security;
using EduPlan.Application.Users;
using EduPlan.Core.Auditing;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Users;

/// <summary>三权分立: the administrator cannot create, take over or silence an auditor from the portal.</summary>
public sealed class SeparationOfDutiesTests : IDisposable
{
    private readonly EduPlanWebFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task The_administrator_cannot_create_an_auditor()
    {
        var admin = app.CreateBrowser();
        await admin.SignInAsAdminAsync();

        var response = await admin.PostFieldsAsync("/admin/users/new", "/admin/users/new",
            ("Input.UserName", "new.auditor"), ("Input.DisplayName", "新审计员"), ("Input.Roles", Roles.Auditor));

        WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync()).Should().Contain("审计员账户只能由安全管理员");
        (await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "new.auditor"))).Should().BeFalse();
    }

    [Theory]
    [InlineData("Auditor")]
    [InlineData("Administrator", "Auditor")]
    public async Task A_refused_grant_of_Auditor_on_a_new_user_is_audited(params string[] roles)
    {
        var admin = app.CreateBrowser();
        await admin.SignInAsAdminAsync();

        await admin.PostFieldsAsync("/admin/users/new", "/admin/users/new",
            [("Input.UserName", "would.be.auditor"), ("Input.DisplayName", "新审计员"), .. roles.Select(r => ("Input.Roles", r))]);

        var attempt = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == "UserCreated" && e.TargetName == "would.be.auditor"));
        attempt.Outcome.Should().Be(AuditOutcome.Failure);
        attempt.ActorName.Should().Be(WebTestHelpers.AdminUserName);
        attempt.TargetName.Should().Be("would.be.auditor");
        attempt.Details.Should().Contain("Auditor").And.Contain("审计员");
    }

    [Fact]
    public async Task Editing_oneself_to_Auditor_is_refused_and_audited()
    {
        var admin = app.CreateBrowser();
        await admin.SignInAsAdminAsync();
        var adminId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == WebTestHelpers.AdminUserName).Select(u => u.Id).SingleAsync());
        var form = await admin.GetPageAsync($"/admin/users/{adminId}/edit");
        var stamp = System.Text.RegularExpressions.Regex.Match(form, "name=\"Input.ConcurrencyStamp\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;

        await admin.PostFieldsAsync($"/admin/users/{adminId}/edit", $"/admin/users/{adminId}/edit",
            ("Input.DisplayName", "系统管理员"), ("Input.Roles", Roles.Administrator), ("Input.Roles", Roles.Auditor), ("Input.ConcurrencyStamp", stamp));

        var attempt = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == "UserUpdated"));
        attempt.Outcome.Should().Be(AuditOutcome.Failure);
        attempt.TargetName.Should().Be(WebTestHelpers.AdminUserName);
        (await app.WithDbAsync(db => db.UserRoles.CountAsync(r => r.UserId == adminId))).Should().Be(1, "the roles did not change");
    }

    [Theory]
    [InlineData("reset-password", "PasswordReset")]
    [InlineData("disable", "UserDisabled")]
    [InlineData("unlock", "UserUnlocked")]
    public async Task The_administrator_cannot_reset_disable_or_unlock_an_auditor_and_the_attempt_is_audited(string action, string auditAction)
    {
        var auditor = await app.CreateUserAsync("the.auditor", UsersTestKit.Password, [Roles.Auditor]);
        var stamp = auditor.SecurityStamp;
        var admin = app.CreateBrowser();
        await admin.SignInAsAdminAsync();

        var response = await admin.PostUnofferedAsync("/admin/users", $"/admin/users/{auditor.Id}/{action}", new Dictionary<string, string>());

        var html = WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync());
        html.Should().NotContain("one-time-password");
        var after = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == auditor.Id));
        after.SecurityStamp.Should().Be(stamp, "nothing about the auditor's account may change");
        after.IsDisabled.Should().BeFalse();
        after.MustChangePassword.Should().BeFalse();
        (await admin.GetPageAsync($"/admin/users/{auditor.Id}/edit")).Should().Contain("审计员账户只能由安全管理员", "the page says why the buttons do nothing");
        response.StatusCode.Should().NotBe(HttpStatusCode.InternalServerError);
        var attempt = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == auditAction));
        attempt.Outcome.Should().Be(EduPlan.Core.Auditing.AuditOutcome.Failure);
        attempt.ActorName.Should().Be(WebTestHelpers.AdminUserName);
        attempt.TargetName.Should().Be("the.auditor");
    }

    [Fact]
    public async Task Trying_to_disable_yourself_is_refused_and_audited()
    {
        var admin = app.CreateBrowser();
        await admin.SignInAsAdminAsync();
        var adminId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync());

        await admin.PostUnofferedAsync("/admin/users", $"/admin/users/{adminId}/disable", new Dictionary<string, string>());

        (await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == adminId))).IsDisabled.Should().BeFalse();
        var attempt = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == "UserDisabled"));
        attempt.Outcome.Should().Be(EduPlan.Core.Auditing.AuditOutcome.Failure);
        attempt.Details.Should().Contain("您不能停用自己的账户");
    }
}
