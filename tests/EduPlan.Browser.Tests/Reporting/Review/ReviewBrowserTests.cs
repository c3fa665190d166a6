using System.Text.RegularExpressions;
using EduPlan.Application.Auditing;
using EduPlan.Application.Reporting;
using EduPlan.Application.Security;
using EduPlan.Core.Organisation;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using EduPlan.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EduPlan.Browser.Tests.Reporting.Review;

/// <summary>
/// In Chromium: a coordinator works through 待审核 (a return refused without a comment, then returned; the other
/// approved), reads a report's history and compares two submissions; a viewer then sees the approved status on the
/// task page's timeline and nothing of the returned report. Reports are made in the database, not through the form.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReviewBrowserTests(BrowserFixture fixture)
{
    private const string Password = "Review-Browser-2035";
    private static readonly Quarter Q3 = new(2026, 3);
    private static readonly Quarter Q2 = new(2026, 2);

    [SkippableFact]
    public async Task Coordinator_reviews_in_place_and_a_viewer_sees_the_approved_status_on_the_task_page()
    {
        using var portal = new PortalServer();
        var seeded = await SeedAsync(portal);
        var page = await fixture.NewPageAsync(portal);

        await SignInAsync(page, "coord");
        await page.GotoAsync("/review");
        var items = page.Locator("li.review-item");
        (await items.CountAsync()).Should().Be(2);
        (await items.Nth(0).GetAttributeAsync("id")).Should().Be($"report-{seeded.CoQ3}", "the report submitted first comes first");
        await BrowserFixture.ScreenshotAsync(page, "h4-01-review-queue");

        // Return without a comment: refused beside the item, with the chosen field kept.
        var co = page.Locator($"#report-{seeded.CoQ3}");
        await co.Locator("summary").ClickAsync();
        await co.Locator("select[name='field']").SelectOptionAsync("Evidence");
        await co.Locator("form.review-return-form button[type='submit']").ClickAsync();
        await page.WaitForLoadStateAsync();
        co = page.Locator($"#report-{seeded.CoQ3}");
        (await co.Locator(".review-error").InnerTextAsync()).Should().Contain("请填写退回意见");
        (await co.Locator("select[name='field']").InputValueAsync()).Should().Be("Evidence");
        await BrowserFixture.ScreenshotAsync(page, "h4-02-review-return-error");

        await co.Locator("textarea[name='comment']").FillAsync("请补充资金下达文件作为佐证材料。");
        await co.Locator("form.review-return-form button[type='submit']").ClickAsync();
        await page.WaitForURLAsync(new Regex("/review$"));
        (await page.Locator(".review-message").InnerTextAsync()).Should().Contain("已退回修改");

        await page.Locator($"#report-{seeded.LeadQ3} form.review-approve button").ClickAsync();
        await page.WaitForURLAsync(new Regex("/review$"));
        (await page.Locator(".review-message").InnerTextAsync()).Should().Contain("已审核通过");
        (await page.Locator(".review-empty").IsVisibleAsync()).Should().BeTrue();
        await BrowserFixture.ScreenshotAsync(page, "h4-03-review-done");

        // The report with a returned-and-resubmitted history, and its two submissions compared.
        await page.GotoAsync($"/reports/{seeded.LeadQ2}");
        (await page.Locator(".history-table tbody tr").CountAsync()).Should().Be(5);
        await BrowserFixture.ScreenshotAsync(page, "h4-04-report-history");
        await page.Locator("form.compare-form button[type='submit']").ClickAsync();
        await page.WaitForURLAsync(new Regex($"/reports/{seeded.LeadQ2}/diff"));
        (await page.Locator("ins.diff-added").First.InnerTextAsync()).Should().NotBeEmpty();
        (await page.Locator("main").InnerTextAsync()).Should().Contain("本季度进展").And.Contain("完成进度");
        await BrowserFixture.ScreenshotAsync(page, "h4-05-report-diff");

        // A viewer: the lead's approved 2026Q3 report is the task's status; the returned co-department report is not shown.
        var viewer = await fixture.NewPageAsync(portal);
        await SignInAsync(viewer, "official");
        await viewer.GotoAsync("/plans/chongqing/tasks/10");
        var timeline = viewer.Locator(".task-timeline");
        var text = await timeline.InnerTextAsync();
        text.Should().Contain("2026年第三季度").And.Contain("2026年第二季度").And.Contain("任务状态");
        text.Should().NotContain("市财政局第三季度进展");
        (await timeline.Locator(".timeline-quarter").First.Locator(".timeline-task-status .report-status").InnerTextAsync()).Should().Be("按计划推进");
        await timeline.ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(viewer, "h4-06-task-timeline");
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

    private sealed record Seeded(int LeadQ3, int CoQ3, int LeadQ2);

    /// <summary>Departments owning Chongqing task 10, a coordinator and a viewer, and reports in several states.</summary>
    private static async Task<Seeded> SeedAsync(PortalServer portal)
    {
        _ = portal.RootUri; // starts the server, which migrates and imports the plans
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EduPlanDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var (task, education, owner) = await BrowserSeed.OwnTask10Async(db, withFinance: true);
        var finance = owner!;
        foreach (var (name, display, role) in new[] { ("coord", "李协调", Roles.Coordinator), ("official", "王领导", Roles.Viewer) })
        {
            await BrowserSeed.AddUserAsync(users, clock, name, display, role, null, Password);
        }

        var writer = new FixedAuditActor(null, "张晓明", "local");
        var reviewer = new FixedAuditActor(null, "李协调", "local");
        var start = clock.GetUtcNow().UtcDateTime.AddDays(-10);

        ProgressReport New(Department department, Quarter quarter, string progress, int percent) => new()
        {
            TaskId = task.Id,
            DepartmentId = department.Id,
            Department = department,
            Year = quarter.Year,
            QuarterNumber = quarter.Number,
            Status = ReportStatus.OnTrack,
            Percent = percent,
            Progress = progress,
            NextSteps = "推进城乡学校共同体建设，开展第二轮督导评估。",
            CreatedAt = start,
            UpdatedAt = start,
            UpdatedByName = writer.UserName,
        };

        void Step(ProgressReport report, ReportAction action, IAuditActor actor, DateTime at, string? comment = null)
        {
            report.State = ReportWorkflow.After(report.Revision == 0 ? null : report.State, action);
            if (action == ReportAction.Submitted)
            {
                report.SubmittedAt = at;
            }

            if (action == ReportAction.Approved)
            {
                report.ApprovedAt = at;
                report.ApprovedByName = actor.UserName;
            }

            report.ReviewComment = action is ReportAction.Returned ? comment : report.ReviewComment;
            ReportRevisions.Append(db, report, action, actor, at, comment);
        }

        // 2026Q2, lead: submitted, returned, corrected, resubmitted, approved.
        var leadQ2 = New(education, Q2, "全市38个区县完成义务教育优质均衡发展自评。12个区县通过市级复核。", 30);
        db.ProgressReports.Add(leadQ2);
        Step(leadQ2, ReportAction.Saved, writer, start);
        Step(leadQ2, ReportAction.Submitted, writer, start.AddHours(2));
        Step(leadQ2, ReportAction.Returned, reviewer, start.AddDays(1), "请写明通过复核的区县数量依据。");
        leadQ2.Progress = "全市38个区县完成义务教育优质均衡发展自评。15个区县通过市级复核，名单已在市教委网站公示。";
        leadQ2.Percent = 35;
        leadQ2.Problems = "部分区县学校布局调整进度偏慢。";
        Step(leadQ2, ReportAction.Submitted, writer, start.AddDays(2));
        Step(leadQ2, ReportAction.Approved, reviewer, start.AddDays(3));
        leadQ2.ReviewComment = null;

        var coQ2 = New(finance, Q2, "下达义务教育薄弱环节改善资金4.2亿元。", 40);
        db.ProgressReports.Add(coQ2);
        Step(coQ2, ReportAction.Saved, writer, start);
        Step(coQ2, ReportAction.Submitted, writer, start.AddHours(1));
        Step(coQ2, ReportAction.Approved, reviewer, start.AddDays(1));

        // 2026Q3: both submitted, the co-department first.
        var coQ3 = New(finance, Q3, "市财政局第三季度进展：下达教共体建设专项资金1.5亿元，支持60个城乡学校共同体。", 55);
        db.ProgressReports.Add(coQ3);
        Step(coQ3, ReportAction.Saved, writer, start.AddDays(5));
        Step(coQ3, ReportAction.Submitted, writer, start.AddDays(6));
        var leadQ3 = New(education, Q3, "新建城乡学校共同体42个，累计覆盖农村学校1,260所；完成第二批23个区县的市级复核，通过率100%。组织优质学校与薄弱学校结对帮扶，开展同步课堂2,300节。", 60);
        db.ProgressReports.Add(leadQ3);
        Step(leadQ3, ReportAction.Saved, writer, start.AddDays(6));
        Step(leadQ3, ReportAction.Submitted, writer, start.AddDays(7));
        await db.SaveChangesAsync();
        return new Seeded(leadQ3.Id, coQ3.Id, leadQ2.Id);
    }
}
