using System.Net;
using System.Text.RegularExpressions;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Core.Auditing;
using EduPlan.Web.Tests.Ownership;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Users;

/// <summary>
/// 三员分立: the administrator keeps accounts but grants no roles and changes no security settings; the security
/// administrator grants roles and unlocks; nobody holds two of the three duties (nor one with Coordinator or Reporter);
/// the auditor reads what both did; auditors and security administrators cannot be taken over from the users page.
/// </summary>
public sealed class SeparationOfDutiesTests : IDisposable
{
    private readonly EduPlanWebFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task The_administrator_can_neither_grant_roles_nor_change_security_settings_and_each_refusal_is_audited()
    {
        var target = await app.CreateUserAsync("wants.more", UsersTestKit.Password, [Roles.Viewer]);
        using var admin = await app.AdminAsync();
        var token = await admin.GetAntiforgeryTokenAsync("/admin/users/new");

        var grant = await admin.PostAsync($"/security/users/{target.Id}/roles", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Roles"] = Roles.Coordinator,
            ["Input.ConcurrencyStamp"] = target.ConcurrencyStamp!,
        }));
        var settings = await admin.PostAsync("/security/settings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.MaxFailedSignIns"] = "10",
            ["Input.Version"] = "0",
        }));
        var self = await admin.PostFieldsAsync(UsersTestKit.EditPath(target.Id), UsersTestKit.EditPath(target.Id),
            ("Input.DisplayName", "改了名"), ("Input.Roles", Roles.Administrator), ("Input.Roles", Roles.Coordinator),
            ("Input.ConcurrencyStamp", UsersTestKit.ConcurrencyStampInput(await admin.GetPageAsync(UsersTestKit.EditPath(target.Id)))!));

        await grant.ShouldBeForbiddenAsync(admin, "granting a role");
        await settings.ShouldBeForbiddenAsync(admin, "changing the settings");
        self.StatusCode.Should().Be(HttpStatusCode.Redirect, "the account's own fields are the administrator's");
        (await app.RolesOfAsync("wants.more")).Should().Equal([Roles.Viewer], "roles posted to the users page bind to nothing");
        (await app.WithDbAsync(db => db.SecuritySettings.AnyAsync())).Should().BeFalse();
        var denied = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditActions.AccessDenied && e.ActorName == WebTestHelpers.AdminUserName).Select(e => e.TargetName).ToListAsync());
        denied.Should().Contain(p => p!.Contains("/security/users/")).And.Contain(p => p!.Contains("/security/settings"));
    }

    [Fact]
    public async Task The_security_administrator_grants_and_revokes_roles_with_the_change_audited_and_the_sessions_ended()
    {
        var department = await app.EnsureDepartmentAsync("授权单位");
        var target = await app.CreateUserAsync("new.reporter", UsersTestKit.Password, [], "授权单位");
        using var user = app.CreateBrowser();
        (await user.SignInAsync("new.reporter", UsersTestKit.Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        using var security = await app.SecurityAdminAsync();
        var page = await security.GetPageAsync($"/security/users/{target.Id}");
        page.Should().Contain("name=\"Input.Roles\" id=\"Input_Roles-SecurityAdministrator\"").And.Contain("安全管理员");

        var response = await Grant(security, target.Id, Roles.Reporter, Roles.Viewer);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.RolesOfAsync("new.reporter")).Should().Equal(Roles.Reporter, Roles.Viewer);
        (await user.GetAsync("/my/tasks")).RedirectPath().Should().Be("/account/login", "a role change ends the open sessions");
        var entry = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(e => e.Action == AuditActions.UserUpdated && e.TargetId == target.Id));
        entry.Outcome.Should().Be(AuditOutcome.Success);
        entry.ActorName.Should().Be(WebTestHelpers.SecurityAdminUserName);
        entry.Details.Should().Contain("Reporter").And.Contain("Viewer");

        (await Grant(security, target.Id, Roles.Viewer)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.RolesOfAsync("new.reporter")).Should().Equal(Roles.Viewer);
        _ = department;
    }

    [Theory]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.Administrator, Roles.Auditor)]
    [InlineData(Roles.Administrator, Roles.Coordinator)]
    [InlineData(Roles.SecurityAdministrator, Roles.Reporter)]
    [InlineData(Roles.Administrator, Roles.SecurityAdministrator)]
    public async Task A_refused_privileged_grant_says_why_changes_nothing_and_is_audited(params string[] roles)
    {
        await app.EnsureDepartmentAsync("授权单位");
        var target = await app.CreateUserAsync("would.be", UsersTestKit.Password, [Roles.Viewer], "授权单位");
        using var security = await app.SecurityAdminAsync();

        var response = await Grant(security, target.Id, roles);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync());
        html.Should().MatchRegex(roles.Contains(Roles.Auditor) ? "审计员" : "三员分立");
        foreach (var role in roles)
        {
            html.Should().MatchRegex($"value=\"{role}\"\\s+checked", "the ticks are kept");
        }

        (await app.RolesOfAsync("would.be")).Should().Equal(Roles.Viewer);
        var attempt = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == "UserUpdated" && e.TargetName == "would.be"));
        attempt.Outcome.Should().Be(AuditOutcome.Failure);
        attempt.ActorName.Should().Be(WebTestHelpers.SecurityAdminUserName);
        foreach (var role in roles)
        {
            attempt.Details.Should().Contain(role);
        }
    }

    [Fact]
    public async Task With_separation_of_duties_off_an_administrator_may_also_coordinate_but_never_audit()
    {
        using var relaxed = new EduPlanWebFactory { Settings = { ["Security:SeparateDuties"] = "false" } };
        var target = await relaxed.CreateUserAsync("both.hats", UsersTestKit.Password, [Roles.Viewer]);
        using var security = await relaxed.SecurityAdminAsync();

        (await Grant(security, target.Id, Roles.Administrator, Roles.Coordinator)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await relaxed.RolesOfAsync("both.hats")).Should().Equal(Roles.Administrator, Roles.Coordinator);
        (await Grant(security, target.Id, Roles.Administrator, Roles.Auditor)).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task The_security_administrator_cannot_revoke_their_own_role_and_the_last_one_keeps_it()
    {
        using var security = await app.SecurityAdminAsync();
        var self = await app.FindUserAsync(WebTestHelpers.SecurityAdminUserName);

        var response = await Grant(security, self.Id, Roles.Viewer);

        WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync()).Should().Contain("您不能撤销自己的安全管理员角色");
        (await app.RolesOfAsync(WebTestHelpers.SecurityAdminUserName)).Should().Equal(Roles.SecurityAdministrator);
    }

    [Fact]
    public async Task Two_security_administrators_saving_the_same_roles_do_not_overwrite_each_other()
    {
        var target = await app.CreateUserAsync("contested.roles", UsersTestKit.Password, [Roles.Viewer]);
        using var first = await app.SecurityAdminAsync();
        using var second = await app.SecurityAdminAsync();
        var stale = UsersTestKit.ConcurrencyStampInput(await second.GetPageAsync($"/security/users/{target.Id}"))!;

        (await Grant(first, target.Id, Roles.Coordinator)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var response = await Grant(second, target.Id, [Roles.Viewer, Roles.Reporter], stale);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var html = WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync());
        html.Should().Contain("其他人已修改了该用户").And.Contain("统筹协调");
        html.Should().MatchRegex("value=\"Reporter\"\\s+checked", "what was ticked is kept");
        (await app.RolesOfAsync("contested.roles")).Should().Equal(Roles.Coordinator);
    }

    [Theory]
    [InlineData(Roles.Auditor, "reset-password", "PasswordReset", "审计员账户只能由安全管理员")]
    [InlineData(Roles.Auditor, "disable", "UserDisabled", "审计员账户只能由安全管理员")]
    [InlineData(Roles.SecurityAdministrator, "reset-password", "PasswordReset", "安全管理员账户不能由系统管理员")]
    [InlineData(Roles.SecurityAdministrator, "disable", "UserDisabled", "安全管理员账户不能由系统管理员")]
    public async Task The_administrator_cannot_reset_or_disable_an_auditor_or_a_security_administrator_and_the_attempt_is_audited(
        string role, string action, string auditAction, string reason)
    {
        var guarded = await app.CreateUserAsync("the.guarded", UsersTestKit.Password, [role]);
        var stamp = guarded.SecurityStamp;
        using var admin = await app.AdminAsync();

        var response = await admin.PostUnofferedAsync("/admin/users", $"/admin/users/{guarded.Id}/{action}", new Dictionary<string, string>());

        WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync()).Should().NotContain("one-time-password");
        var after = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == guarded.Id));
        after.SecurityStamp.Should().Be(stamp, "nothing about the account may change");
        after.IsDisabled.Should().BeFalse();
        (await admin.GetPageAsync($"/admin/users/{guarded.Id}/edit")).Should().Contain(reason, "the page says why the buttons do nothing");
        var attempt = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == auditAction));
        attempt.Outcome.Should().Be(AuditOutcome.Failure);
        attempt.ActorName.Should().Be(WebTestHelpers.AdminUserName);
        attempt.TargetName.Should().Be("the.guarded");
    }

    [Fact]
    public async Task The_security_administrator_unlocks_any_account_auditors_included()
    {
        var auditor = await app.CreateUserAsync("locked.auditor", UsersTestKit.Password, [Roles.Auditor]);
        using (var guesser = app.CreateBrowser())
        {
            for (var i = 0; i < 5; i++)
            {
                await guesser.SignInAsync("locked.auditor", "Wrong-Passw0rd-999");
            }
        }

        using var security = await app.SecurityAdminAsync();
        var page = await security.GetPageAsync($"/security/users/{auditor.Id}");
        page.Should().Contain("已锁定").And.Contain($"action=\"/security/users/{auditor.Id}/unlock\"");

        (await security.PostFieldsAsync($"/security/users/{auditor.Id}", $"/security/users/{auditor.Id}/unlock")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await app.FindUserAsync("locked.auditor")).LockoutEnd.Should().BeNull();
        (await app.CreateBrowser().SignInAsync("locked.auditor", UsersTestKit.Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task The_auditor_reads_what_the_administrator_and_the_security_administrator_did()
    {
        var target = await app.CreateUserAsync("watched", UsersTestKit.Password, [Roles.Viewer]);
        await app.CreateUserAsync("the.auditor", UsersTestKit.Password, [Roles.Auditor]);
        using (var admin = await app.AdminAsync())
        {
            await admin.PostFieldsAsync(UsersTestKit.EditPath(target.Id), UsersTestKit.EditPath(target.Id),
                ("Input.DisplayName", "被看着的人"),
                ("Input.ConcurrencyStamp", UsersTestKit.ConcurrencyStampInput(await admin.GetPageAsync(UsersTestKit.EditPath(target.Id)))!));
        }

        using (var security = await app.SecurityAdminAsync())
        {
            (await Grant(security, target.Id, Roles.Coordinator)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        using var auditor = app.CreateBrowser();
        (await auditor.SignInAsync("the.auditor", UsersTestKit.Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var log = WebTestHelpers.Decoded(await auditor.GetPageAsync("/audit?action=UserUpdated"));

        Regex.Matches(log, "<td class=\"audit-actor\">([^<]+)</td>").Select(m => m.Groups[1].Value)
            .Should().Contain(WebTestHelpers.AdminUserName).And.Contain(WebTestHelpers.SecurityAdminUserName);
        (await auditor.GetAsync("/security/users")).StatusCode.Should().NotBe(HttpStatusCode.OK, "the auditor changes nothing");
    }

    [Fact]
    public async Task An_existing_account_that_breaks_the_rule_is_warned_about_at_start_up_and_listed_but_keeps_its_roles()
    {
        await app.CreateUserAsync("two.hats", UsersTestKit.Password, [Roles.Administrator, Roles.Coordinator]);
        var folder = app.Folder;
        using var restarted = new EduPlanWebFactory { Folder = folder };
        _ = restarted.Server;

        var logs = string.Join("\n", Directory.GetFiles(restarted.LogDirectory).Select(f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd();
        }));
        logs.Should().Contain("Separation of duties").And.Contain("two.hats").And.Contain("Administrator, Coordinator");
        foreach (var page in new[] { ("admin", "/admin/users"), ("security", "/security/users") })
        {
            using var client = page.Item1 == "admin" ? await restarted.AdminAsync() : await restarted.SecurityAdminAsync();
            var html = WebTestHelpers.Decoded(await client.GetPageAsync(page.Item2));
            html.Should().Contain("1个账户违反三员分立规则").And.MatchRegex("two.hats</span> \\([^)]*\\)：系统管理员、统筹协调");
        }

        (await restarted.RolesOfAsync("two.hats")).Should().Equal(Roles.Administrator, Roles.Coordinator);
    }

    private static Task<HttpResponseMessage> Grant(HttpClient security, string userId, params string[] roles) => Grant(security, userId, roles, stamp: null);

    private static async Task<HttpResponseMessage> Grant(HttpClient security, string userId, string[] roles, string? stamp)
    {
        var path = $"/security/users/{Uri.EscapeDataString(userId)}";
        stamp ??= UsersTestKit.ConcurrencyStampInput(await security.GetPageAsync(path))!;
        return await security.PostFieldsAsync(path, path + "/roles", [.. roles.Select(r => ("Input.Roles", r)), ("Input.ConcurrencyStamp", stamp)]);
    }
}
