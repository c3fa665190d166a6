using System.Text.RegularExpressions;
using EduPlan.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EduPlan.Browser.Tests;

/// <summary>
/// Issue 3's walk-through in real Chromium: the administrator sets up a department, a user in it and the lead
/// department of Chongqing task 9 by following the navigation; the security administrator makes the user a reporter
/// and tightens the lockout (三员分立); the reporter then signs in with the one-time password, is made to change it,
/// and lands on the portal.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AdministrationTests(BrowserFixture fixture)
{
    private const string ReporterPassword = "Jiangbei-Report-2027";

    [SkippableFact]
    public async Task Administrator_sets_up_a_reporter_who_signs_in_and_must_change_the_one_time_password()
    {
        await using var portal = new PortalServer();
        var page = await fixture.NewPageAsync(portal);
        await SignInAsync(page, "admin", PortalServer.AdminPassword);

        // A department, from the navigation.
        await page.GetByRole(AriaRole.Link, new() { Name = "责任单位", Exact = true }).ClickAsync();
        await page.Locator("main a[href='/admin/departments/new']").ClickAsync();
        await page.Locator("input[name='Name']").FillAsync("重庆市江北区教育委员会");
        await page.Locator("input[name='ShortName']").FillAsync("江北区教委");
        await page.Locator("select[name='Kind']").SelectOptionAsync(new SelectOptionValue { Label = "区县" });
        await BrowserFixture.ScreenshotAsync(page, "20-department-new");
        await page.Locator("main form button[type='submit']").First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/admin/departments$"));
        (await page.Locator("main").InnerTextAsync()).Should().Contain("江北区教委");
        await BrowserFixture.ScreenshotAsync(page, "21-departments");

        // A reporter in it.
        await page.GetByRole(AriaRole.Link, new() { Name = "用户", Exact = true }).ClickAsync();
        await page.Locator("main a[href='/admin/users/new']").ClickAsync();
        await page.Locator("input[name='Input.UserName']").FillAsync("jiangbei.li");
        await page.Locator("input[name='Input.DisplayName']").FillAsync("李江北");
        await page.Locator("select[name='Input.DepartmentId']").SelectOptionAsync(new SelectOptionValue { Label = "重庆市江北区教育委员会（江北区教委）" });
        await BrowserFixture.ScreenshotAsync(page, "22-user-new");
        await page.Locator("main form button[type='submit']").First.ClickAsync();
        var oneTimePassword = (await page.Locator("#one-time-password").InnerTextAsync()).Trim();
        oneTimePassword.Length.Should().BeGreaterThanOrEqualTo(12);
        await BrowserFixture.ScreenshotAsync(page, "23-one-time-password");

        // The lead department of Chongqing task 9.
        await page.GetByRole(AriaRole.Link, new() { Name = "任务分工", Exact = true }).ClickAsync();
        await page.Locator("main a[href='/ownership/chongqing']").First.ClickAsync();
        await page.Locator("main a[href='/ownership/chongqing/tasks/9']").First.ClickAsync();
        await page.Locator("select[name='LeadDepartmentId']").SelectOptionAsync(new SelectOptionValue { Label = "重庆市江北区教育委员会（江北区教委）" });
        await BrowserFixture.ScreenshotAsync(page, "24-ownership-task-9");
        await page.Locator("main form button[type='submit']").First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/ownership/chongqing"));
        await page.GotoAsync("/plans/chongqing/tasks/9");
        (await page.Locator("main").InnerTextAsync()).Should().Contain("牵头单位\n重庆市江北区教育委员会");

        await BrowserFixture.ScreenshotAsync(page, "26-task-owners");
        await page.GotoAsync("/admin/users");
        (await page.Locator("main").InnerTextAsync()).Should().Contain("李江北");
        await BrowserFixture.ScreenshotAsync(page, "27-users");
        (await page.Locator("header nav").InnerTextAsync()).Should().NotContain("权限分配").And.NotContain("安全设置");
        await page.Locator("header form button[type='submit']").ClickAsync();
        await page.WaitForURLAsync(new Regex("/account/login"));

        // The security administrator grants the role and tightens the lockout.
        await SignInAsync(page, "secadmin", PortalServer.SecurityAdminPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "权限分配", Exact = true }).ClickAsync();
        await page.Locator("main tr[data-user-name='jiangbei.li'] a").First.ClickAsync();
        await page.Locator("input[name='Input.Roles'][value='Reporter']").CheckAsync();
        await BrowserFixture.ScreenshotAsync(page, "28a-role-grant");
        await page.Locator("main form.role-grant-form button[type='submit']").ClickAsync();
        (await page.Locator("main").InnerTextAsync()).Should().Contain("已保存 jiangbei.li 的角色");
        await page.GetByRole(AriaRole.Link, new() { Name = "安全设置", Exact = true }).ClickAsync();
        await page.Locator("input[name='Input.MaxFailedSignIns']").FillAsync("12");
        await page.Locator("main form.settings-form button[type='submit']").ClickAsync();
        (await page.Locator("main").InnerTextAsync()).Should().Contain("连续登录失败多少次后锁定账户必须在3到10之间（填写的是12）");
        (await page.Locator("input[name='Input.MaxFailedSignIns']").InputValueAsync()).Should().Be("12", "what was typed is kept");
        await BrowserFixture.ScreenshotAsync(page, "28b-settings-refused");
        await page.Locator("input[name='Input.MaxFailedSignIns']").FillAsync("4");
        await page.Locator("main form.settings-form button[type='submit']").ClickAsync();
        await page.WaitForURLAsync(new Regex("/security/settings$"));
        (await page.Locator("main").InnerTextAsync()).Should().Contain("安全设置已保存并生效");
        (await page.Locator("input[name='Input.MaxFailedSignIns']").InputValueAsync()).Should().Be("4");
        await BrowserFixture.ScreenshotAsync(page, "28c-settings");
        await page.Locator("form[action='/language'] button[value='en']").ClickAsync();
        await page.WaitForLoadStateAsync();
        (await page.Locator("main").InnerTextAsync()).Should().Contain("Failed sign-ins before the account is locked").And.Contain("Save settings");
        await BrowserFixture.ScreenshotAsync(page, "28d-settings-en");
        await page.Locator("form[action='/language'] button[value='zh-CN']").ClickAsync();
        await page.WaitForLoadStateAsync();

        // The reporter's first sign-in.
        await page.Locator("form[action='/account/logout'] button[type='submit']").ClickAsync();
        await page.WaitForURLAsync(new Regex("/account/login"));
        await SignInAsync(page, "jiangbei.li", oneTimePassword);
        await page.WaitForURLAsync(new Regex("/account/change-password"));
        await page.Locator("input[name='CurrentPassword']").FillAsync(oneTimePassword);
        await page.Locator("input[name='NewPassword']").FillAsync(ReporterPassword);
        await page.Locator("input[name='ConfirmPassword']").FillAsync(ReporterPassword);
        await page.Locator("main form button[type='submit']").First.ClickAsync();

        await page.WaitForURLAsync(new Regex("/$"));
        (await page.Locator("header").InnerTextAsync()).Should().Contain("李江北");
        await page.GotoAsync("/plans/chongqing/tasks/9");
        (await page.Locator("main").InnerTextAsync()).Should().Contain("重庆市江北区教育委员会");
        await BrowserFixture.ScreenshotAsync(page, "25-reporter-task-9");
    }

    [SkippableFact]
    public async Task Auditor_reads_who_changed_what_in_the_audit_log()
    {
        await using var portal = new PortalServer();
        _ = portal.RootUri;
        using (var scope = portal.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var auditor = new ApplicationUser { UserName = "shen.ji", DisplayName = "审计员甲", PasswordChangedAt = DateTimeOffset.UtcNow };
            (await users.CreateAsync(auditor, "Audit-Trail-2035")).Succeeded.Should().BeTrue();
            (await users.AddToRoleAsync(auditor, "Auditor")).Succeeded.Should().BeTrue();
        }

        var page = await fixture.NewPageAsync(portal);
        await SignInAsync(page, "admin", "wrong-password-1A");
        await SignInAsync(page, "admin", PortalServer.AdminPassword);
        await page.GotoAsync("/admin/departments/new");
        await page.Locator("input[name='Name']").FillAsync("重庆市渝中区教育委员会");
        await page.Locator("input[name='ShortName']").FillAsync("渝中区教委");
        await page.Locator("main form button[type='submit']").First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/admin/departments$"));
        await page.Locator("header form button[type='submit']").ClickAsync();

        await SignInAsync(page, "shen.ji", "Audit-Trail-2035");
        await page.GetByRole(AriaRole.Link, new() { Name = "安全审计", Exact = true }).ClickAsync();
        var log = await page.Locator("main").InnerTextAsync();
        log.Should().Contain("渝中区教委").And.Contain("admin");
        log.Should().NotContain("wrong-password-1A").And.NotContain(PortalServer.AdminPassword);
        await BrowserFixture.ScreenshotAsync(page, "29-audit");
    }

    private static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("input[name='UserName']").FillAsync(userName);
        await page.Locator("input[name='Password']").FillAsync(password);
        await page.Locator("main form button[type='submit']").First.ClickAsync();
        await page.WaitForLoadStateAsync();
    }
}
