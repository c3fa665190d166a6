using System.Net;
using EduPlan.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlan.Web.Tests;

[Collection(SharedApp.Name)]
public sealed class SignInTests(EduPlanWebFactory factory)
{
    private const string GenericError = "用户名或密码错误。连续失败5次后账户将被锁定15分钟。";

    [Fact]
    public async Task Admin_signs_in_with_the_configured_password_and_sees_the_plans()
    {
        using var client = factory.CreateBrowser();

        await client.SignInAsAdminAsync();
        var html = await client.GetPageAsync("/");

        html.Should().Contain("系统管理员", "the navigation shows the user's display name");
        html.Should().Contain(SeedText.NationalTitle).And.Contain(SeedText.ChongqingTitle);
    }

    [Fact]
    public async Task Sign_in_returns_to_the_page_that_was_asked_for()
    {
        using var client = factory.CreateBrowser();

        var response = await client.PostFormAsync("/account/login?ReturnUrl=%2Ftargets", "/account/login", new Dictionary<string, string>
        {
            ["UserName"] = WebTestHelpers.AdminUserName,
            ["Password"] = EduPlanWebFactory.TestAdminPassword,
            ["ReturnUrl"] = "/targets",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/targets");
    }

    [Fact]
    public async Task Sign_in_never_redirects_to_another_site()
    {
        using var client = factory.CreateBrowser();

        var response = await client.PostFormAsync("/account/login", "/account/login", new Dictionary<string, string>
        {
            ["UserName"] = WebTestHelpers.AdminUserName,
            ["Password"] = EduPlanWebFactory.TestAdminPassword,
            ["ReturnUrl"] = "https://evil.example/",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/");
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_get_the_same_answer()
    {
        const string userName = "wrong-password-user";
        await CreateUserAsync(userName, "Right-Passw0rd-123");
        using var client = factory.CreateBrowser();

        var wrongPassword = await client.SignInAsync(userName, "Wrong-Passw0rd-123");
        var unknownUser = await client.SignInAsync("nobody-" + Guid.NewGuid().ToString("N"), "Wrong-Passw0rd-123");

        wrongPassword.StatusCode.Should().Be(HttpStatusCode.OK);
        unknownUser.StatusCode.Should().Be(wrongPassword.StatusCode);
        var wrongPasswordHtml = await wrongPassword.Content.ReadAsStringAsync();
        var unknownUserHtml = await unknownUser.Content.ReadAsStringAsync();
        wrongPasswordHtml.Should().Contain(GenericError);
        unknownUserHtml.Should().Contain(GenericError);
        wrongPasswordHtml.Should().Contain($"value=\"{userName}\"", "the form keeps the user name that was typed");
        wrongPasswordHtml.Should().NotContain("Wrong-Passw0rd-123", "a password is never sent back");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes()
    {
        const string userName = "lockout-user";
        const string password = "Right-Passw0rd-456";
        await CreateUserAsync(userName, password);
        using var client = factory.CreateBrowser();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await client.SignInAsync(userName, "Wrong-Passw0rd-" + attempt);
        }

        var withRightPassword = await client.SignInAsync(userName, password);

        withRightPassword.StatusCode.Should().Be(HttpStatusCode.OK, "a locked-out user is not signed in even with the right password");
        (await withRightPassword.Content.ReadAsStringAsync()).Should().Contain(GenericError, "a locked account gets the same answer as a wrong password");
        var lockoutEnd = await factory.WithDbAsync(async db =>
            (await db.Users.FindAsync((await FindUserIdAsync(userName))!))!.LockoutEnd);
        lockoutEnd.Should().BeCloseTo(DateTimeOffset.UtcNow.AddMinutes(15), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Empty_form_shows_Chinese_validation_messages()
    {
        using var client = factory.CreateBrowser();

        var response = await client.SignInAsync("", "");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("请输入用户名").And.Contain("请输入密码");
    }

    [Fact]
    public async Task Login_without_antiforgery_token_is_rejected()
    {
        using var client = factory.CreateBrowser();
        await client.GetAsync("/account/login");

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = WebTestHelpers.AdminUserName,
            ["Password"] = EduPlanWebFactory.TestAdminPassword,
        }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Contains("Set-Cookie").Should().BeFalse("no sign-in cookie may be issued");
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        using var client = factory.CreateBrowser();
        await client.SignInAsAdminAsync();

        var signOut = await client.PostFormAsync("/plans", "/account/logout", new Dictionary<string, string>());
        var home = await client.GetAsync("/");

        signOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        home.StatusCode.Should().Be(HttpStatusCode.Redirect);
        home.Headers.Location!.ToString().Should().Contain("/account/login");
    }

    [Fact]
    public async Task Sign_in_cookie_is_http_only_and_same_site_lax()
    {
        using var client = factory.CreateBrowser();

        var response = await client.SignInAsync(WebTestHelpers.AdminUserName, EduPlanWebFactory.TestAdminPassword);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("EduPlan.Auth=", StringComparison.Ordinal));
        cookie.Should().Contain("httponly").And.Contain("samesite=lax");
    }

    private async Task CreateUserAsync(string userName, string password)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByNameAsync(userName) is null)
        {
            var result = await users.CreateAsync(new ApplicationUser { UserName = userName, DisplayName = "测试用户" }, password);
            result.Succeeded.Should().BeTrue(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    private async Task<string?> FindUserIdAsync(string userName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return (await users.FindByNameAsync(userName))?.Id;
    }
}
