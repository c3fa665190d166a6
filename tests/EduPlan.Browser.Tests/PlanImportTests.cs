using System.Text.RegularExpressions;
using EduPlan.Tests.Shared;
using Microsoft.Playwright;

namespace EduPlan.Browser.Tests;

/// <summary>
/// Issue 16's walk-through in real Chromium: the administrator uploads a district's plan as a Word document, corrects
/// one indicator the parser read wrongly in the preview, confirms, and finds the plan on the home page under the
/// Chongqing plan it was made under.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PlanImportTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task Administrator_uploads_a_Word_plan_corrects_an_indicator_in_the_preview_confirms_and_sees_the_plan_on_the_home_page()
    {
        await using var portal = new PortalServer();
        var page = await fixture.NewPageAsync(portal);
        await page.GotoAsync("/account/login");
        await page.Locator("input[name='UserName']").FillAsync("admin");
        await page.Locator("input[name='Password']").FillAsync(PortalServer.AdminPassword);
        await page.Locator("main form button[type='submit']").First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/$"));

        // The upload page, from the home page.
        await page.Locator("main a[href='/admin/plans/import']").ClickAsync();
        var docx = Path.Combine(Path.GetTempPath(), $"区教育规划-{Guid.NewGuid():N}.docx");
        await File.WriteAllBytesAsync(docx, PlanDocx.FromText(PlanFixtures.Text("district-draft-title-two-lines"), wordNumbering: true));
        try
        {
            await page.Locator("input[type='file']").SetInputFilesAsync(docx);
            await BrowserFixture.ScreenshotAsync(page, "60-plan-import");
            await page.Locator("form.plan-upload button[type='submit']").ClickAsync();
        }
        finally
        {
            File.Delete(docx);
        }

        // The preview: what the parser read, each indicator beside its sentence.
        await page.WaitForURLAsync(new Regex("/admin/plans/import/[0-9]+$"));
        var main = await page.Locator("main").InnerTextAsync();
        main.Should().Contain("《重庆市某某区教育事业发展“十五五”规划》").And.Contain("推进学前教育优质普惠").And.Contain("教育集团覆盖率达到80%");
        await BrowserFixture.ScreenshotAsync(page, "61-plan-import-preview");

        // The same preview in English: the portal's words change, the plan's own sentences stay as written.
        var previewUrl = page.Url;
        await page.Locator("button.language-switch").ClickAsync();
        await page.WaitForURLAsync(previewUrl);
        (await page.Locator("main").InnerTextAsync()).Should().Contain("Import preview").And.Contain("教育集团覆盖率达到80%");
        await BrowserFixture.ScreenshotAsync(page, "61-plan-import-preview-en");
        await page.Locator("button.language-switch").ClickAsync();
        await page.WaitForURLAsync(previewUrl);

        // The code and the parent plan (the text names no parent: the district plan is made under Chongqing's).
        await page.Locator("input[name='Code']").FillAsync("district-2030");
        await page.Locator("select[name='ParentCode']").SelectOptionAsync("chongqing");
        await page.Locator("form.plan-settings button[type='submit']").ClickAsync();
        await page.WaitForLoadStateAsync();

        // One indicator read without its year: 教育集团覆盖率 is the 2030 target, and 85% rather than 80%.
        var row = page.Locator("tr.import-indicator[data-key='教育集团覆盖率@standing']");
        await row.Locator("summary").ClickAsync();
        await row.Locator("input[name='Target']").FillAsync("85");
        await row.Locator("input[name='Year']").FillAsync("2030");
        await BrowserFixture.ScreenshotAsync(page, "62-plan-import-correct");
        await row.Locator("form.edit-indicator button[type='submit']").ClickAsync();
        await page.WaitForLoadStateAsync();
        var corrected = page.Locator("tr.import-indicator[data-key='教育集团覆盖率@2030']");
        (await corrected.Locator(".indicator-target").InnerTextAsync()).Should().Contain("85%");
        (await page.Locator(".import-corrections").InnerTextAsync()).Should().Contain("代码改为 district-2030").And.Contain("指标 教育集团覆盖率@standing 改为");

        await page.Locator("#confirm-import").ClickAsync();

        // The home page: the plan is there, under the Chongqing plan.
        await page.WaitForURLAsync(new Regex("/$"));
        (await page.Locator("#import-done").InnerTextAsync()).Should().Contain("已导入《重庆市某某区教育事业发展“十五五”规划》");
        var node = page.Locator("li.plan-node[data-plan='chongqing'] li.plan-node[data-plan='district-2030']");
        (await node.CountAsync()).Should().Be(1, "the district plan sits under the plan it was made under");
        await BrowserFixture.ScreenshotAsync(page, "63-plan-import-home");

        await node.Locator("a[href='/plans/district-2030']").First.ClickAsync();
        (await page.Locator("main").InnerTextAsync()).Should().Contain("推动义务教育优质均衡");
        await BrowserFixture.ScreenshotAsync(page, "64-imported-plan");
        await page.Locator("main a[href='/plans/district-2030/tasks/2']").First.ClickAsync();
        (await page.Locator("main").InnerTextAsync()).Should().Contain("教育集团覆盖率").And.Contain("85");
        await BrowserFixture.ScreenshotAsync(page, "65-imported-task");
    }
}
