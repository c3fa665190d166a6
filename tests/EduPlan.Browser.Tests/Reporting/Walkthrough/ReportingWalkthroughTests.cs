using System.Text.RegularExpressions;
using EduPlan.Application.Security;
using EduPlan.Core.Organisation;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using EduPlan.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EduPlan.Browser.Tests.Reporting.Walkthrough;

/// <summary>
/// The walk-through in Chromium, through the pages only: a reporter finds this quarter's report from the home
/// page, fills and submits it; the coordinator returns it with a comment on a field; the reporter sees the comment,
/// fixes and resubmits; the coordinator approves; a viewer sees the new status on the task page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportingWalkthroughTests(BrowserFixture fixture)
{
    private const string Password = "Walkthrough-Report-2035";
    private const string FirstProgress = "新建城乡学校共同体42个，覆盖农村学校1260所。";
    private const string FixedProgress = "新建城乡学校共同体42个，覆盖农村学校1260所；第二批23个区县通过市级复核，名单已公示。";

    [SkippableFact]
    public async Task Reporter_submits_coordinator_returns_reporter_resubmits_coordinator_approves_viewer_sees_it()
    {
        using var portal = new PortalServer();
        var quarter = await SeedAsync(portal);

        // The reporter starts from the home page.
        var reporter = await fixture.NewPageAsync(portal);
        await SignInAsync(reporter, "zhang.report");
        (await reporter.Locator(".reporting-card-reporter").InnerTextAsync()).Should().Contain("待填报");
        await BrowserFixture.ScreenshotAsync(reporter, "40-home-reporter");
        await reporter.Locator(".reporting-card-reporter a.reporting-card-button").ClickAsync();
        await reporter.WaitForURLAsync(new Regex("/my/tasks"));
        await BrowserFixture.ScreenshotAsync(reporter, "41-my-tasks");
        await reporter.Locator($"main a[href='/my/tasks/{quarter.TaskId}/{quarter.Quarter}']").First.ClickAsync();
        await reporter.WaitForURLAsync(new Regex($"/my/tasks/{quarter.TaskId}/{quarter.Quarter}$"));

        await reporter.Locator("label[for='status-OnTrack'], input[name='Status'][value='OnTrack'] + label").First.ClickAsync();
        await reporter.Locator("#Percent").FillAsync("40");
        await reporter.Locator("#Progress").FillAsync(FirstProgress);
        await reporter.Locator("#NextSteps").FillAsync("开展第二轮督导评估。");
        await reporter.Locator("input[name='Indicators[0].Value']").FillAsync("86.5");
        await BrowserFixture.ScreenshotAsync(reporter, "42-report-form-filled");
        await reporter.Locator("main button[name='intent'][value='submit']:not(.visually-hidden)").ClickAsync();
        await reporter.WaitForLoadStateAsync();
        (await reporter.Locator("main").InnerTextAsync()).Should().Contain("已提交");
        await BrowserFixture.ScreenshotAsync(reporter, "43-report-submitted");

        // The coordinator returns it with a comment pointing at the progress text.
        var coordinator = await fixture.NewPageAsync(portal);
        await SignInAsync(coordinator, "li.coord");
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "待审核", Exact = true }).ClickAsync();
        await coordinator.WaitForURLAsync(new Regex("/review$"));
        var item = coordinator.Locator("li.review-item").First;
        (await item.InnerTextAsync()).Should().Contain(FirstProgress[..10]);
        await item.Locator("summary").ClickAsync();
        await item.Locator("select[name='field']").SelectOptionAsync("Progress");
        await item.Locator("textarea[name='comment']").FillAsync("请写明通过市级复核的区县数量。");
        await BrowserFixture.ScreenshotAsync(coordinator, "44-review-return");
        await item.Locator("form.review-return-form button[type='submit']").ClickAsync();
        await coordinator.WaitForURLAsync(new Regex("/review$"));
        (await coordinator.Locator(".review-message").InnerTextAsync()).Should().Contain("已退回");

        // The reporter sees the comment, fixes the text and resubmits.
        await reporter.GotoAsync("/my/tasks");
        (await reporter.Locator("main").InnerTextAsync()).Should().Contain("已退回");
        await reporter.Locator($"main a[href='/my/tasks/{quarter.TaskId}/{quarter.Quarter}']").First.ClickAsync();
        (await reporter.Locator("main").InnerTextAsync()).Should().Contain("请写明通过市级复核的区县数量。");
        await BrowserFixture.ScreenshotAsync(reporter, "45-report-returned");
        await reporter.Locator("#Progress").FillAsync(FixedProgress);
        await reporter.Locator("main button[name='intent'][value='submit']:not(.visually-hidden)").ClickAsync();
        await reporter.WaitForLoadStateAsync();
        (await reporter.Locator("main").InnerTextAsync()).Should().Contain("已提交");

        // The coordinator approves in place.
        await coordinator.GotoAsync("/review");
        item = coordinator.Locator("li.review-item").First;
        (await item.InnerTextAsync()).Should().Contain("第二批23个区县");
        await item.Locator("form.review-approve button").ClickAsync();
        await coordinator.WaitForURLAsync(new Regex("/review$"));
        (await coordinator.Locator(".review-message").InnerTextAsync()).Should().Contain("已审核通过");

        // A viewer sees the approved status and progress on the task page.
        var viewer = await fixture.NewPageAsync(portal);
        await SignInAsync(viewer, "wang.leader");
        await viewer.GotoAsync("/plans/chongqing/tasks/10");
        var timeline = await viewer.Locator(".task-timeline").InnerTextAsync();
        timeline.Should().Contain(quarter.Quarter.ToChinese()).And.Contain("按计划推进").And.Contain("第二批23个区县");
        await viewer.Locator(".task-timeline").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(viewer, "46-task-page-viewer");
        (await viewer.Locator("#field-Progress").CountAsync()).Should().Be(0, "a viewer has no form");
    }

    [SkippableFact]
    public async Task A_submission_over_the_request_limit_is_stopped_in_the_page_and_the_servers_413_page_leads_back_to_the_typed_text()
    {
        // A file limit raised above the form's request limit (12 MB) without raising that too: the case the check is for.
        using var portal = new PortalServer { Settings = { ["Reporting:MaxEvidenceBytes"] = (20 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        var quarter = await SeedAsync(portal);
        var reporter = await fixture.NewPageAsync(portal);
        await SignInAsync(reporter, "zhang.report");
        var formPath = $"/my/tasks/{quarter.TaskId}/{quarter.Quarter}";
        await reporter.GotoAsync(formPath);
        await reporter.Locator("#Progress").FillAsync(FirstProgress);
        await reporter.Locator("#EvidenceFile").SetInputFilesAsync(new FilePayload { Name = "督导评估报告.pdf", MimeType = "application/pdf", Buffer = new byte[13 * 1024 * 1024] });

        await reporter.Locator("button[name='intent'][value='save']:not(.visually-hidden)").First.ClickAsync();

        var warning = reporter.Locator("[data-valmsg-for='EvidenceFile']");
        await Assertions.Expect(warning).ToContainTextAsync("本次提交超过了 12 MB 的上限，未发送；填写的内容仍在。");
        reporter.Url.Should().EndWith(formPath);
        (await reporter.Locator("#Progress").InputValueAsync()).Should().Be(FirstProgress);
        await BrowserFixture.ScreenshotAsync(reporter, "47-report-form-request-too-large");

        // Without the page's check (an old cached script, say) the server answers 413 with the limit and a way back.
        await reporter.EvaluateAsync("document.querySelector('form.report-form').removeAttribute('data-max-request-bytes')");
        await reporter.Locator("button[name='intent'][value='save']:not(.visually-hidden)").First.ClickAsync();
        await Assertions.Expect(reporter.Locator(".notice-code")).ToHaveTextAsync("413");
        (await reporter.Locator("main").InnerTextAsync()).Should().Contain("提交的内容超过了 12 MB 的上限，没有保存任何内容。");
        await BrowserFixture.ScreenshotAsync(reporter, "48-request-too-large-page");
        await reporter.Locator("a[data-history-back]").ClickAsync();
        await reporter.WaitForURLAsync(new Regex(Regex.Escape(formPath) + "$"));
        (await reporter.Locator("#Progress").InputValueAsync()).Should().Be(FirstProgress, "going back shows the form as it was typed");
    }

    private static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("input[name='UserName']").FillAsync(userName);
        await page.Locator("input[name='Password']").FillAsync(Password);
        await page.Locator("main form button[type='submit']").First.ClickAsync();
        // Viewers and coordinators land on 总览 (/dashboard), everyone else on the plans.
        await page.WaitForURLAsync(new Regex("/(dashboard)?$"));
    }

    private sealed record Seeded(int TaskId, Quarter Quarter);

    /// <summary>
    /// What an administrator and coordinator set up beforehand: 市教委 leads Chongqing task 10 (with 教共体覆盖率 to
    /// report), a reporter in it, a coordinator, a viewer; and the current quarter open for entry whatever today's date
    /// (a coordinator's reopening), so the test does not depend on the day it runs.
    /// </summary>
    private static async Task<Seeded> SeedAsync(PortalServer portal)
    {
        _ = portal.RootUri;
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EduPlanDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var (task, education, _) = await BrowserSeed.OwnTask10Async(db, withFinance: false);
        var coverage = await db.Indicators.SingleAsync(i => i.Name == "教共体覆盖率");
        db.IndicatorTaskLinks.Add(new IndicatorTaskLink { IndicatorId = coverage.Id, TaskId = task.Id, LinkedAt = clock.GetUtcNow().UtcDateTime, LinkedByName = "admin" });
        var quarter = await BrowserSeed.OpenTodaysQuarterAsync(db, clock);

        foreach (var (name, display, role, department) in new[]
        {
            ("zhang.report", "张晓明", Roles.Reporter, (int?)education.Id),
            ("li.coord", "李协调", Roles.Coordinator, null),
            ("wang.leader", "王领导", Roles.Viewer, null),
        })
        {
            await BrowserSeed.AddUserAsync(users, clock, name, display, role, department, Password);
        }

        return new Seeded(task.Id, quarter);
    }
}
