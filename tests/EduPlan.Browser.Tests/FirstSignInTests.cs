using System.Text.RegularExpressions;
using EduPlan.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlan.Browser.Tests;

/// <summary>The administrator's first sign-in with a generated one-time password, in real headless Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FirstSignInTests(BrowserFixture fixture)
{
    private const string OneTimePassword = "OneTime-Passw0rd-2035";
    private const string NewPassword = "Chongqing-Plan-2035";

    [SkippableFact]
    public async Task Administrator_with_a_one_time_password_must_change_it_before_reading_the_plans()
    {
        await using var portal = new PortalServer(adminPassword: "");
        _ = portal.RootUri;
        await ReplacePasswordKeepingTheChangeRequirementAsync(portal);
        var page = await fixture.NewPageAsync(portal);

        await page.GotoAsync("/account/login");
        await page.Locator("input[name='UserName']").FillAsync("admin");
        await page.Locator("input[name='Password']").FillAsync(OneTimePassword);
        await page.Locator("main form button[type='submit']").First.ClickAsync();

        await page.WaitForURLAsync(new Regex("/account/change-password"));
        await page.GotoAsync("/plans/chongqing");
        page.Url.Should().Contain("/account/change-password", "no page may be read before the one-time password is changed");
        await BrowserFixture.ScreenshotAsync(page, "07-change-password");

        // A wrong confirmation is refused with a message, and nothing is changed.
        await page.Locator("input[name='CurrentPassword']").FillAsync(OneTimePassword);
        await page.Locator("input[name='NewPassword']").FillAsync(NewPassword);
        await page.Locator("input[name='ConfirmPassword']").FillAsync(NewPassword + "x");
        await page.Locator("main form button[type='submit']").First.ClickAsync();
        await page.WaitForLoadStateAsync();
        page.Url.Should().Contain("/account/change-password");
        (await page.Locator("main").InnerTextAsync()).Should().Contain("两次输入的新密码不一致");
        await BrowserFixture.ScreenshotAsync(page, "08-change-password-mismatch");

        // Typed key by key, as a person would: the page re-checks the field and clears its message as they type.
        await page.Locator("input[name='CurrentPassword']").FillAsync(OneTimePassword);
        await page.Locator("input[name='NewPassword']").FillAsync(NewPassword);
        await page.Locator("input[name='ConfirmPassword']").FillAsync("");
        await page.Locator("input[name='ConfirmPassword']").PressSequentiallyAsync(NewPassword);
        (await page.Locator("main").InnerTextAsync()).Should().NotContain("两次输入的新密码不一致");
        await page.Locator("main form button[type='submit']").First.ClickAsync();

        await page.WaitForURLAsync(new Regex("/$"));
        (await page.Locator("main").InnerTextAsync()).Should().Contain("重庆加快建设教育强市推进教育现代化规划（2024—2035年）");
        await page.GotoAsync("/plans/chongqing/tasks/9");
        (await page.Locator("h1").InnerTextAsync()).Should().Contain("推进学前教育优质普惠发展");

        using var scope = portal.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = await users.FindByNameAsync("admin");
        admin!.MustChangePassword.Should().BeFalse();
        (await users.CheckPasswordAsync(admin, NewPassword)).Should().BeTrue();
    }

    /// <summary>The generated password is printed, not returned; the test swaps in a known one and keeps the flag set.</summary>
    private static async Task ReplacePasswordKeepingTheChangeRequirementAsync(PortalServer portal)
    {
        using var scope = portal.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = await users.FindByNameAsync("admin");
        admin!.MustChangePassword.Should().BeTrue("a generated password must be changed at first sign-in");
        (await users.RemovePasswordAsync(admin)).Succeeded.Should().BeTrue();
        (await users.AddPasswordAsync(admin, OneTimePassword)).Succeeded.Should().BeTrue();
    }
}
