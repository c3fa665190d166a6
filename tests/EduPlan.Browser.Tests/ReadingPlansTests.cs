using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace EduPlan.Browser.Tests;

/// <summary>An official signs in and reads the plans in real headless Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadingPlansTests(BrowserFixture fixture)
{
    private static readonly string SeedPath = Path.Combine(AppContext.BaseDirectory, "seeds", "education-plans-2024-2035.txt");

    [SkippableFact]
    public async Task Official_signs_in_opens_the_Chongqing_plan_and_reads_task_43()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/");
        await page.WaitForURLAsync(new Regex("/account/login"));
        await BrowserFixture.ScreenshotAsync(page, "01-login");
        await SignInAsync(page);

        // Home: the Chongqing plan is listed under the national outline.
        await page.WaitForURLAsync(new Regex("/$"));
        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("zh-CN");
        var body = await page.Locator("body").InnerTextAsync();
        body.Should().Contain("教育强国建设规划纲要（2024—2035年）").And.Contain("重庆加快建设教育强市推进教育现代化规划（2024—2035年）");
        body.IndexOf("教育强国建设规划纲要", StringComparison.Ordinal).Should()
            .BeLessThan(body.IndexOf("重庆加快建设教育强市", StringComparison.Ordinal));
        await BrowserFixture.ScreenshotAsync(page, "02-home");

        // Click 1: the Chongqing plan.
        await page.Locator("a[href='/plans/chongqing']").First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/plans/chongqing$"));
        (await page.Locator("body").InnerTextAsync()).Should().Contain("到2029年").And.Contain("教育强市建设实现重要突破");
        await BrowserFixture.ScreenshotAsync(page, "03-plan-chongqing");

        // Click 2: task 43, whose full text is on the page.
        await page.Locator("a[href='/plans/chongqing/tasks/43']").First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/plans/chongqing/tasks/43$"));
        var taskText = NormaliseSpace(await page.Locator("main").InnerTextAsync());
        taskText.Should().Contain("深入推进跨区域教育交流合作");
        taskText.Should().Contain(NormaliseSpace(SeedTaskBody("（四十三）")));
        await BrowserFixture.ScreenshotAsync(page, "04-task-43");
    }

    [SkippableFact]
    public async Task Official_reaches_the_2029_milestone_from_the_home_page_within_two_clicks()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/login");
        await SignInAsync(page);
        await page.WaitForURLAsync(new Regex("/$"));

        await page.Locator("a[href='/plans/chongqing']").First.ClickAsync();
        await page.Locator("a[href='#milestone-2029']").First.ClickAsync();
        await page.WaitForURLAsync(new Regex("#milestone-2029$"));

        var milestone = page.Locator("#milestone-2029");
        (await milestone.IsVisibleAsync()).Should().BeTrue();
        (await milestone.InnerTextAsync()).Should().Contain("教育现代化基本实现");
    }

    [SkippableFact]
    public async Task Targets_and_search_pages_render_in_Chinese()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/login");
        await SignInAsync(page);
        await page.WaitForURLAsync(new Regex("/$"));

        await page.GotoAsync("/targets");
        var targets = await page.Locator("main").InnerTextAsync();
        targets.Should().Contain("2027").And.Contain("2029").And.Contain("2035").And.Contain("教共体覆盖率");
        await BrowserFixture.ScreenshotAsync(page, "05-targets");

        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("学前教育"));
        var results = await page.Locator("main").InnerTextAsync();
        results.Should().Contain("推进学前教育优质普惠发展");
        (await page.Locator("main mark").CountAsync()).Should().BeGreaterThan(0);
        await BrowserFixture.ScreenshotAsync(page, "06-search");
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.Locator("input[name='UserName']").FillAsync("admin");
        await page.Locator("input[name='Password']").FillAsync(PortalServer.AdminPassword);
        await page.Locator("main form button[type='submit']").First.ClickAsync();
    }

    /// <summary>The seed's text of the Chongqing task with the given marker, without the marker.</summary>
    private static string SeedTaskBody(string marker)
    {
        var lines = File.ReadAllLines(SeedPath);
        var chongqingStart = Array.FindIndex(lines, l => l.Contains("主要内容如下", StringComparison.Ordinal));
        var line = lines.Skip(chongqingStart).First(l => l.StartsWith(marker, StringComparison.Ordinal));
        return line[marker.Length..].Trim();
    }

    private static string NormaliseSpace(string text) => Regex.Replace(text, @"\s+", "");
}
