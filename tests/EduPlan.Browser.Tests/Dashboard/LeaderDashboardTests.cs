using System.Text.RegularExpressions;
using EduPlan.Application.Progress;
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

namespace EduPlan.Browser.Tests.Dashboard;

/// <summary>
/// The question answered in Chromium: a leader who signs in lands on 总览 and reaches Chongqing's red tasks with
/// their lead units in at most two clicks, at 1366 pixels and on a 390-pixel phone, in legible Chinese and in English,
/// with the charts drawn under the portal's CSP.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LeaderDashboardTests(BrowserFixture fixture)
{
    private const string Password = "Leader-Dashboard-2035";

    [SkippableFact]
    public async Task A_leader_reaches_the_red_Chongqing_tasks_and_their_lead_units_in_two_clicks()
    {
        using var portal = new PortalServer();
        await SeedAsync(portal);

        foreach (var (width, name) in new[] { (1366, "desktop"), (390, "phone") })
        {
            if (fixture.ChromiumMissing)
            {
                BrowserRequirement.Require();
            }

            var context = await fixture.Browser!.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = portal.RootUri.ToString().TrimEnd('/'),
                Locale = "zh-CN",
                ViewportSize = new ViewportSize { Width = width, Height = 900 },
            });
            var page = await context.NewPageAsync();
            var problems = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type is "error" or "warning")
                {
                    problems.Add(message.Text);
                }
            };
            page.PageError += (_, error) => problems.Add(error);

            await page.GotoAsync("/account/login");
            await page.Locator("input[name='UserName']").FillAsync("wang.leader");
            await page.Locator("input[name='Password']").FillAsync(Password);
            await page.Locator("main form button[type='submit']").First.ClickAsync();
            await page.WaitForURLAsync(new Regex("/dashboard$"));
            await page.Locator(".chart canvas").First.WaitForAsync();
            (await page.Locator(".dashboard-subtitle").InnerTextAsync()).Should().Contain("重庆加快建设教育强市推进教育现代化规划");
            await BrowserFixture.ScreenshotAsync(page, $"60-dashboard-{name}");
            (await ChineseIsLegibleAsync(page)).Should().BeTrue("the screenshot must show Chinese glyphs, not empty boxes");

            // Click 1: the red count.
            var red = page.Locator("a.light-card-red");
            (await red.Locator(".light-card-number").InnerTextAsync()).Should().Be("2");
            await red.ClickAsync();
            await page.WaitForURLAsync(new Regex("light=red"));
            var rows = page.Locator("#tasks tbody tr");
            (await rows.CountAsync()).Should().Be(2);
            var listed = await page.Locator("#tasks").InnerTextAsync();
            listed.Should().Contain("红灯单位").And.Contain("逾期单位").And.Contain("牵头单位报告“进度滞后”").And.Contain("逾期未报");
            (await page.Locator("#tasks").IsVisibleAsync()).Should().BeTrue();
            await BrowserFixture.ScreenshotAsync(page, $"61-red-tasks-{name}");
            problems.Should().BeEmpty("the page and its charts run under the CSP without errors");

            // The same in English: words beside every light, no Chinese but the data.
            await page.GotoAsync("/dashboard?culture=en");
            var english = await page.Locator("main").InnerTextAsync();
            english.Should().Contain("Seriously behind").And.Contain("Overview");
            english.Should().Contain("delayed; ").And.NotContain("；", "a light's reasons are joined as English joins sentences");
            if (name == "desktop")
            {
                // The longer English words make no table wider than its panel at 1366 px (on a phone they scroll).
                var cut = await page.EvaluateAsync<int>(
                    "() => [...document.querySelectorAll('.dashboard-panel .table-responsive')].filter(e => e.scrollWidth > e.clientWidth + 1).length");
                cut.Should().Be(0);
            }

            await BrowserFixture.ScreenshotAsync(page, $"62-dashboard-en-{name}");
            await context.CloseAsync();
        }
    }

    /// <summary>
    /// Draws a Chinese character and a code point no font has into a canvas with the page's font: if they come out the
    /// same, the character fell back to an empty box (tofu).
    /// </summary>
    private static Task<bool> ChineseIsLegibleAsync(IPage page) => page.EvaluateAsync<bool>("""
        () => {
          const font = getComputedStyle(document.body).fontFamily;
          const draw = (text) => {
            const canvas = document.createElement('canvas');
            canvas.width = 40; canvas.height = 40;
            const c = canvas.getContext('2d');
            c.font = '28px ' + font;
            c.fillText(text, 4, 32);
            return Array.from(c.getImageData(0, 0, 40, 40).data).join(',');
          };
          return draw('灯') !== draw('\uE000') && draw('灯') !== draw('红');
        }
        """);

    /// <summary>
    /// Two Chongqing tasks red in the latest closed quarter (whatever today's date): one whose lead reported it delayed,
    /// one whose lead never reported; a green one; and the leader.
    /// </summary>
    private static async Task SeedAsync(PortalServer portal)
    {
        _ = portal.RootUri;
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EduPlanDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var quarter = scope.ServiceProvider.GetRequiredService<ReportingCalendar>().LatestClosedQuarter();
        var redUnit = new Department { Name = "重庆市红灯测试局", ShortName = "红灯单位", Kind = DepartmentKind.MunicipalDepartment };
        var lateUnit = new Department { Name = "重庆市逾期测试局", ShortName = "逾期单位", Kind = DepartmentKind.MunicipalDepartment };
        var greenUnit = new Department { Name = "重庆市绿灯测试局", ShortName = "绿灯单位", Kind = DepartmentKind.MunicipalDepartment };
        db.Departments.AddRange(redUnit, lateUnit, greenUnit);
        await db.SaveChangesAsync();
        var tasks = await db.Tasks.Where(t => t.Plan!.Code == "chongqing" && t.Number <= 3).OrderBy(t => t.Number).ToListAsync();
        tasks[0].LeadDepartmentId = redUnit.Id;
        tasks[1].LeadDepartmentId = lateUnit.Id;
        tasks[2].LeadDepartmentId = greenUnit.Id;
        var at = quarter.EndDate.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);
        foreach (var (task, unit, status, percent) in new[] { (tasks[0], redUnit, ReportStatus.Delayed, 30), (tasks[2], greenUnit, ReportStatus.OnTrack, 60) })
        {
            var report = new ProgressReport
            {
                TaskId = task.Id,
                DepartmentId = unit.Id,
                Year = quarter.Year,
                QuarterNumber = quarter.Number,
                State = ReportState.Approved,
                Status = status,
                Percent = percent,
                Progress = "按计划推进各项工作",
                CreatedAt = at,
                UpdatedAt = at,
                UpdatedByName = "seed",
                SubmittedAt = at,
                ApprovedAt = at,
                Revision = 3,
            };
            report.Revisions.Add(new ReportRevision { Number = 1, Action = ReportAction.Saved, StateAfter = ReportState.Draft, At = at, ActorName = "seed", Snapshot = "{}" });
            report.Revisions.Add(new ReportRevision { Number = 2, Action = ReportAction.Submitted, StateAfter = ReportState.Submitted, At = at, ActorName = "seed", Snapshot = "{}" });
            report.Revisions.Add(new ReportRevision { Number = 3, Action = ReportAction.Approved, StateAfter = ReportState.Approved, At = at, ActorName = "seed", Snapshot = "{}" });
            db.ProgressReports.Add(report);
        }

        await ProgressReadModel.SaveChangesAsync(db, tasks.Select(t => t.Id).ToList());

        var leader = new ApplicationUser { UserName = "wang.leader", DisplayName = "王领导", PasswordChangedAt = clock.GetUtcNow(), CreatedAt = clock.GetUtcNow() };
        (await users.CreateAsync(leader, Password)).Succeeded.Should().BeTrue();
        (await users.AddToRoleAsync(leader, Roles.Viewer)).Succeeded.Should().BeTrue();
    }
}
