using System.Net;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Users;

public sealed class UserCreateTests(EduPlanWebFactory factory) : IClassFixture<EduPlanWebFactory>
{
    [Fact]
    public async Task The_list_has_an_obvious_new_user_button_and_the_form_offers_active_departments_and_no_roles()
    {
        await factory.EnsureDepartmentAsync("在用单位");
        var retired = await factory.EnsureDepartmentAsync("停用单位");
        await factory.WithDbAsync(db => db.Departments.Where(d => d.Id == retired).ExecuteUpdateAsync(s => s.SetProperty(d => d.IsActive, false)));
        using var admin = factory.CreateBrowser();
        await admin.SignInAsAdminAsync();

        var list = await admin.GetPageAsync("/admin/users");
        var form = await admin.GetPageAsync("/admin/users/new");

        list.Should().MatchRegex("<a class=\"btn btn-primary[^\"]*\" href=\"/admin/users/new\">[^<]*新建用户</a>");
        form.Should().Contain("测试单位在用单位（在用单位）").And.NotContain("停用单位");
        form.Should().NotContain("name=\"Input.Roles\"", "roles are granted by the security administrator (三员分立)")
            .And.Contain("角色由安全管理员在“权限分配”中授予或撤销");

        form.Should().Contain("name=\"Input.UserName\"").And.Contain("name=\"Input.DisplayName\"").And.Contain("name=\"Input.Phone\"").And.Contain("name=\"Input.Email\"");
    }

    [Fact]
    public async Task Creating_a_user_shows_a_one_time_password_once_that_signs_in_and_must_be_changed_at_once()
    {
        var department = await factory.EnsureDepartmentAsync("教委");
        using var admin = factory.CreateBrowser();
        await admin.SignInAsAdminAsync();

        var response = await admin.PostFieldsAsync("/admin/users/new", "/admin/users/new",
            ("Input.UserName", "zhang.san"), ("Input.DisplayName", "张三"), ("Input.DepartmentId", department.ToString()),
            ("Input.Roles", Roles.Reporter), ("Input.Phone", "13800000000"), ("Input.Email", ""));

        response.StatusCode.Should().Be(HttpStatusCode.OK, "the password is shown in the answer to the POST, not after a redirect");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var html = await response.Content.ReadAsStringAsync();
        var password = UsersTestKit.ReadOneTimePassword(html);
        password.Should().HaveLength(20);
        html.Should().Contain("首次登录时必须修改此密码").And.Contain("只显示这一次");
        var user = await factory.FindUserAsync("zhang.san");
        user.DisplayName.Should().Be("张三");
        user.DepartmentId.Should().Be(department);
        user.PhoneNumber.Should().Be("13800000000");
        user.MustChangePassword.Should().BeTrue();
        (await factory.RolesOfAsync("zhang.san")).Should().BeEmpty("a posted role is not the administrator's to grant");
        (await admin.GetPageAsync("/admin/users")).Should().Contain("zhang.san").And.NotContain(password);
        (await admin.GetPageAsync(UsersTestKit.EditPath(user.Id))).Should().NotContain(password, "the password is never shown again");

        using var reporter = factory.CreateBrowser();
        var signIn = await reporter.SignInAsync("zhang.san", password);
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect, "the one-time password works");
        var home = await reporter.GetAsync("/");
        home.StatusCode.Should().Be(HttpStatusCode.Redirect);
        home.RedirectPath().Should().Be("/account/change-password");

        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.UserCreated && e.TargetId == user.Id).ToListAsync());
        audit.Should().ContainSingle().Which.ActorName.Should().Be(WebTestHelpers.AdminUserName);
        audit[0].Details.Should().Contain("张三").And.NotContain(password);
    }

    [Fact]
    public async Task A_refused_form_shows_each_error_next_to_its_field_and_keeps_the_input()
    {
        using var admin = factory.CreateBrowser();
        await admin.SignInAsAdminAsync();

        var response = await admin.PostFieldsAsync("/admin/users/new", "/admin/users/new",
            ("Input.UserName", "li si"), ("Input.DisplayName", "李四"), ("Input.DepartmentId", ""),
            ("Input.Phone", "call me"), ("Input.Email", "lisi@"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync());
        html.Should().MatchRegex("data-valmsg-for=\"Input.UserName\"[^>]*>[^<]*只能包含英文字母、数字和 . _ -");
        html.Should().MatchRegex("data-valmsg-for=\"Input.Phone\"[^>]*>[^<]*电话号码格式不正确");
        html.Should().MatchRegex("data-valmsg-for=\"Input.Email\"[^>]*>[^<]*电子邮箱格式不正确");
        html.Should().Contain("value=\"li si\"").And.Contain("value=\"李四\"").And.Contain("value=\"call me\"").And.Contain("value=\"lisi@\"");
        (await factory.WithDbAsync(db => db.Users.CountAsync(u => u.DisplayName == "李四"))).Should().Be(0);
    }

    [Fact]
    public async Task Fields_the_create_form_does_not_offer_change_nothing()
    {
        using var admin = factory.CreateBrowser();
        await admin.SignInAsAdminAsync();

        var response = await admin.PostFieldsAsync("/admin/users/new", "/admin/users/new",
            ("Input.UserName", "over.poster"), ("Input.DisplayName", "多填"), ("Input.Roles", Roles.Viewer), ("Input.Roles", "Root"),
            ("Input.IsDisabled", "true"), ("Input.MustChangePassword", "false"), ("Input.PasswordHash", "AQAAAAEAACcQ"),
            ("Input.LockoutEnabled", "false"), ("Input.Password", UsersTestKit.Password), ("Input.EmailConfirmed", "true"),
            ("IsDisabled", "true"), ("Id", "chosen-id"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var password = UsersTestKit.ReadOneTimePassword(await response.Content.ReadAsStringAsync());
        password.Should().NotBe(UsersTestKit.Password, "the form offers no password field");
        var user = await factory.FindUserAsync("over.poster");
        user.Id.Should().NotBe("chosen-id");
        user.IsDisabled.Should().BeFalse();
        user.MustChangePassword.Should().BeTrue();
        user.LockoutEnabled.Should().BeTrue();
        user.EmailConfirmed.Should().BeFalse();
        (await factory.RolesOfAsync("over.poster")).Should().BeEmpty();
    }
}
