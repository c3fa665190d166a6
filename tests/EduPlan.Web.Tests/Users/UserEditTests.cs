using System.Net;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Users;

public sealed class UserEditTests(EduPlanWebFactory factory) : IClassFixture<EduPlanWebFactory>
{
    private async Task<(HttpClient Admin, string UserId)> AdminAndUserAsync(string userName, string[] roles, string? department = null)
    {
        var user = await factory.CreateUserAsync(userName, UsersTestKit.Password, roles, department);
        var admin = factory.CreateBrowser();
        await admin.SignInAsAdminAsync();
        return (admin, user.Id);
    }

    [Fact]
    public async Task Saving_the_form_changes_the_user_but_never_their_roles_and_returns_to_the_list()
    {
        var other = await factory.EnsureDepartmentAsync("区教委");
        var (admin, id) = await AdminAndUserAsync("editee", [Roles.Viewer], "原单位");
        using var _ = admin;
        var stamp = UsersTestKit.ConcurrencyStampInput(await admin.GetPageAsync(UsersTestKit.EditPath(id)));

        var response = await admin.PostFieldsAsync(UsersTestKit.EditPath(id), UsersTestKit.EditPath(id),
            ("Input.ConcurrencyStamp", stamp!), ("Input.DisplayName", "新名字"), ("Input.DepartmentId", other.ToString()),
            ("Input.Roles", Roles.Reporter), ("Input.Roles", Roles.Viewer), ("Input.Phone", ""), ("Input.Email", "editee@example.gov.cn"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.RedirectPath().Should().Be("/admin/users");
        (await admin.GetPageAsync("/admin/users")).Should().Contain("已保存用户 editee");
        var user = await factory.FindUserAsync("editee");
        user.DisplayName.Should().Be("新名字");
        user.DepartmentId.Should().Be(other);
        user.Email.Should().Be("editee@example.gov.cn");
        (await factory.RolesOfAsync("editee")).Should().Equal([Roles.Viewer], "granting roles is the security administrator's (三员分立)");
    }

    [Fact]
    public async Task Fields_the_edit_form_does_not_offer_change_nothing()
    {
        var (admin, id) = await AdminAndUserAsync("tamper.target", [Roles.Viewer]);
        using var _ = admin;
        var before = await factory.FindUserAsync("tamper.target");
        var stamp = UsersTestKit.ConcurrencyStampInput(await admin.GetPageAsync(UsersTestKit.EditPath(id)));

        var response = await admin.PostFieldsAsync(UsersTestKit.EditPath(id), UsersTestKit.EditPath(id),
            ("Input.ConcurrencyStamp", stamp!), ("Input.DisplayName", "改名"), ("Input.Roles", Roles.Viewer), ("Input.Roles", "Root"),
            ("Input.UserName", "renamed"), ("Input.IsDisabled", "true"), ("Input.PasswordHash", "AQAAAAEAACcQ"),
            ("Input.SecurityStamp", "mine"), ("Input.MustChangePassword", "true"), ("Input.LockoutEnd", "2999-01-01"),
            ("UserName", "renamed"), ("IsDisabled", "true"), ("PasswordHash", "AQAAAAEAACcQ"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var after = await factory.FindUserAsync("tamper.target");
        after.DisplayName.Should().Be("改名", "the offered field is saved");
        after.UserName.Should().Be("tamper.target");
        after.IsDisabled.Should().BeFalse();
        after.PasswordHash.Should().Be(before.PasswordHash);
        after.SecurityStamp.Should().Be(before.SecurityStamp, "neither roles nor department changed");
        after.MustChangePassword.Should().BeFalse();
        after.LockoutEnd.Should().BeNull();
        (await factory.RolesOfAsync("tamper.target")).Should().Equal(Roles.Viewer);
    }

    [Fact]
    public async Task The_action_buttons_ignore_every_posted_field()
    {
        var other = await factory.EnsureDepartmentAsync("别的单位");
        var (admin, id) = await AdminAndUserAsync("action.target", [Roles.Reporter], "本单位");
        using var _ = admin;
        var before = await factory.FindUserAsync("action.target");
        (string, string)[] extra =
        [
            ("DepartmentId", other.ToString()), ("Input.DepartmentId", other.ToString()), ("Roles", Roles.Administrator),
            ("Input.Roles", Roles.Administrator), ("DisplayName", "被改"), ("Input.DisplayName", "被改"), ("IsDisabled", "true"),
        ];

        (await admin.PostFieldsAsync(UsersTestKit.EditPath(id), $"/admin/users/{id}/reset-password", extra)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.PostFieldsAsync(UsersTestKit.EditPath(id), $"/admin/users/{id}/disable", extra)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var after = await factory.FindUserAsync("action.target");
        after.DepartmentId.Should().Be(before.DepartmentId);
        after.DisplayName.Should().Be(before.DisplayName);
        after.IsDisabled.Should().BeTrue("the disable button did its own job");
        (await factory.RolesOfAsync("action.target")).Should().Equal(Roles.Reporter);
    }

    [Fact]
    public async Task A_stale_form_is_a_conflict_that_shows_the_current_values_and_keeps_the_input()
    {
        var (admin, id) = await AdminAndUserAsync("contested", [Roles.Viewer]);
        using var _ = admin;
        var staleStamp = UsersTestKit.ConcurrencyStampInput(await admin.GetPageAsync(UsersTestKit.EditPath(id)));
        // Another administrator saves first.
        using var other = factory.CreateBrowser();
        await other.SignInAsAdminAsync();
        (await other.PostFieldsAsync(UsersTestKit.EditPath(id), UsersTestKit.EditPath(id),
            ("Input.ConcurrencyStamp", staleStamp!), ("Input.DisplayName", "先到者"), ("Input.Roles", Roles.Viewer))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var response = await admin.PostFieldsAsync(UsersTestKit.EditPath(id), UsersTestKit.EditPath(id),
            ("Input.ConcurrencyStamp", staleStamp!), ("Input.DisplayName", "后到者"), ("Input.Roles", Roles.Coordinator), ("Input.Phone", "13911112222"));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var html = WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync());
        html.Should().Contain("其他人已修改了该用户");
        html.Should().Contain("显示名（中文姓名）：先到者", "the values saved meanwhile are shown");
        html.Should().Contain("value=\"后到者\"").And.Contain("value=\"13911112222\"");
        var stored = await factory.FindUserAsync("contested");
        stored.DisplayName.Should().Be("先到者", "nothing was overwritten");
        (await factory.RolesOfAsync("contested")).Should().Equal(Roles.Viewer);

        // The page now carries the current stamp: saving again is a deliberate overwrite and succeeds.
        var freshStamp = UsersTestKit.ConcurrencyStampInput(html);
        freshStamp.Should().Be(stored.ConcurrencyStamp);
        var again = await admin.PostFieldsAsync(UsersTestKit.EditPath(id), UsersTestKit.EditPath(id),
            ("Input.ConcurrencyStamp", freshStamp!), ("Input.DisplayName", "后到者"), ("Input.Roles", Roles.Coordinator));
        again.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await factory.FindUserAsync("contested")).DisplayName.Should().Be("后到者");
    }

    [Fact]
    public async Task Disabling_a_user_makes_their_open_session_useless_and_enabling_lets_them_back()
    {
        var (admin, id) = await AdminAndUserAsync("soon.disabled", [Roles.Viewer]);
        using var _ = admin;
        using var victim = factory.CreateBrowser();
        (await victim.SignInAsync("soon.disabled", UsersTestKit.Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await victim.GetAsync("/plans")).StatusCode.Should().Be(HttpStatusCode.OK);

        var disable = await admin.PostFieldsAsync(UsersTestKit.EditPath(id), $"/admin/users/{id}/disable");

        disable.StatusCode.Should().Be(HttpStatusCode.Redirect);
        disable.RedirectPath().Should().Be(UsersTestKit.EditPath(id));
        (await admin.GetPageAsync(UsersTestKit.EditPath(id))).Should().Contain("已停用用户 soon.disabled");
        var replay = await victim.GetAsync("/plans");
        replay.StatusCode.Should().Be(HttpStatusCode.Redirect, "the old cookie no longer opens the portal");
        replay.RedirectPath().Should().Be("/account/login");
        (await factory.CreateBrowser().SignInAsync("soon.disabled", UsersTestKit.Password)).StatusCode.Should().Be(HttpStatusCode.OK, "a disabled user cannot sign in");

        (await admin.PostFieldsAsync(UsersTestKit.EditPath(id), $"/admin/users/{id}/enable")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await factory.FindUserAsync("soon.disabled")).IsDisabled.Should().BeFalse();
        (await factory.CreateBrowser().SignInAsync("soon.disabled", UsersTestKit.Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Resetting_a_password_shows_a_new_one_time_password_and_the_old_one_stops_working()
    {
        var (admin, id) = await AdminAndUserAsync("forgetful", [Roles.Viewer]);
        using var _ = admin;

        var response = await admin.PostFieldsAsync(UsersTestKit.EditPath(id), $"/admin/users/{id}/reset-password");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var password = UsersTestKit.ReadOneTimePassword(await response.Content.ReadAsStringAsync());
        (await factory.CreateBrowser().SignInAsync("forgetful", UsersTestKit.Password)).StatusCode.Should().Be(HttpStatusCode.OK, "the old password fails");
        using var user = factory.CreateBrowser();
        (await user.SignInAsync("forgetful", password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await user.GetAsync("/")).RedirectPath().Should().Be("/account/change-password");
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.PasswordReset && e.TargetId == id).ToListAsync());
        audit.Should().ContainSingle().Which.Details.Should().NotContain(password);
    }

    [Fact]
    public async Task The_edit_page_shows_a_lockout_and_leaves_unlocking_to_the_security_administrator()
    {
        var (admin, id) = await AdminAndUserAsync("locked.out", [Roles.Viewer]);
        using var _ = admin;
        using (var guesser = factory.CreateBrowser())
        {
            for (var i = 0; i < 5; i++)
            {
                await guesser.SignInAsync("locked.out", "Wrong-Passw0rd-999");
            }
        }

        var page = await admin.GetPageAsync(UsersTestKit.EditPath(id));
        page.Should().Contain("已锁定").And.Contain("解锁由安全管理员办理").And.NotContain("/unlock\"");

        using var security = factory.CreateBrowser();
        await security.SignInAsSecurityAdminAsync();
        (await security.PostFieldsAsync($"/security/users/{id}", $"/security/users/{id}/unlock")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await factory.FindUserAsync("locked.out")).LockoutEnd.Should().BeNull();
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditActions.UserUnlocked && e.TargetId == id));
        audit.ActorName.Should().Be(WebTestHelpers.SecurityAdminUserName);
        (await factory.CreateBrowser().SignInAsync("locked.out", UsersTestKit.Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task An_administrator_cannot_disable_themselves_and_is_told_why()
    {
        using var admin = factory.CreateBrowser();
        await admin.SignInAsAdminAsync();
        var me = await factory.FindUserAsync(WebTestHelpers.AdminUserName);

        var page = await admin.GetPageAsync(UsersTestKit.EditPath(me.Id));
        var response = await admin.PostUnofferedAsync(UsersTestKit.EditPath(me.Id), $"/admin/users/{me.Id}/disable");

        page.Should().NotContain($"/admin/users/{me.Id}/disable", "the button is not offered");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await admin.GetPageAsync(UsersTestKit.EditPath(me.Id))).Should().Contain("您不能停用自己的账户");
        (await factory.FindUserAsync(WebTestHelpers.AdminUserName)).IsDisabled.Should().BeFalse();
    }

    [Theory]
    [InlineData("/admin/users/new")]
    [InlineData("/admin/users/{id}/edit")]
    [InlineData("/admin/users/{id}/disable")]
    [InlineData("/admin/users/{id}/enable")]
    [InlineData("/admin/users/{id}/reset-password")]
    public async Task A_post_without_the_antiforgery_token_is_refused_with_400(string path)
    {
        var (admin, id) = await AdminAndUserAsync("csrf-" + Guid.NewGuid().ToString("N")[..8], [Roles.Viewer]);
        using var _ = admin;
        var before = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));

        var response = await admin.PostAsync(path.Replace("{id}", id), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "csrf.victim",
            ["Input.DisplayName"] = "跨站",
            ["Input.Roles"] = Roles.Viewer,
        }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var after = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));
        after.ConcurrencyStamp.Should().Be(before.ConcurrencyStamp, "nothing was saved");
        (await factory.WithDbAsync(db => db.Users.CountAsync(u => u.UserName == "csrf.victim"))).Should().Be(0);
    }
}
