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

namespace EduPlan.Browser.Tests.Accessibility;

/// <summary>
/// axe-core (vendored from npm) on every main page, as each role sees it, in Chromium: no serious or critical WCAG 2.1
/// A/AA violation (contrast of text, controls and focus among them).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture)
{
    private const string Password = "Access-Browser-2035";

    [SkippableFact]
    public async Task Every_main_page_passes_axe_without_serious_or_critical_violations()
    {
        using var portal = new PortalServer();
        var seeded = await SeedAsync(portal);
        var failures = new List<string>();

        async Task CheckAsync(IPage page, string path, string? name = null)
        {
            var response = await page.GotoAsync(path);
            response!.Ok.Should().BeTrue($"{path} should open");
            await Assertions.Expect(page.Locator("main")).ToBeVisibleAsync();
            foreach (var violation in await Axe.SeriousViolationsAsync(page))
            {
                failures.Add($"{path}: {violation}");
            }

            var file = name ?? Regex.Replace(path.Split('?')[0], "[^a-z0-9]+", "-").Trim('-');
            await BrowserFixture.ScreenshotAsync(page, "a11y-" + (file.Length > 0 ? file : "home"));
        }

        var anonymous = await fixture.NewPageAsync(portal);
        await CheckAsync(anonymous, "/account/login", "login");

        var coordinator = await fixture.NewPageAsync(portal);
        await SignInAsync(coordinator, "coord", Password);
        foreach (var path in new[]
        {
            "/", "/dashboard", "/plans", "/plans/chongqing", "/plans/chongqing/tasks/10", "/progress", "/targets", "/search?q=教育",
            "/review", "/reporting/status", $"/reporting/status/{seeded.EducationId}?quarter=2026Q3", $"/reports/{seeded.ReportId}",
            "/ownership", "/indicators", "/reporting/periods", "/account/change-password",
        })
        {
            await CheckAsync(coordinator, path);
        }

        // Focus on a navigation link: the ring must be there (axe does not judge focus styles, so it is asserted here).
        await coordinator.GotoAsync("/plans");
        for (var i = 0; i < 10 && !await coordinator.EvaluateAsync<bool>("() => document.activeElement?.matches('.site-header .nav-link') ?? false"); i++)
        {
            await coordinator.Keyboard.PressAsync("Tab");
        }

        var ring = await coordinator.EvaluateAsync<string>("() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor; }");
        ring.Should().Be("solid 3px rgb(242, 183, 5)", "a navigation link reached by keyboard shows the amber ring (about 6:1 on the blue header)");
        await BrowserFixture.ScreenshotAsync(coordinator, "a11y-nav-focus");

        var reporter = await fixture.NewPageAsync(portal);
        await SignInAsync(reporter, "writer", Password);
        await CheckAsync(reporter, "/my/tasks");
        await CheckAsync(reporter, $"/my/tasks/{seeded.TaskId}/{seeded.OpenQuarter}", "report-form");
        (await reporter.Locator("label.status-option").CountAsync()).Should().BeGreaterThan(0, "the form is open, with its status buttons");

        var admin = await fixture.NewPageAsync(portal);
        await SignInAsync(admin, "admin", PortalServer.AdminPassword);
        foreach (var path in new[] { "/admin/users", "/admin/departments", "/admin/plans/import" })
        {
            await CheckAsync(admin, path);
        }

        var security = await fixture.NewPageAsync(portal);
        await SignInAsync(security, "secadmin", PortalServer.SecurityAdminPassword);
        await CheckAsync(security, "/security/users");
        await CheckAsync(security, "/security/settings");

        var auditor = await fixture.NewPageAsync(portal);
        await SignInAsync(auditor, "auditor", Password);
        await CheckAsync(auditor, "/audit");

        failures.Should().BeEmpty("every violation is listed here:\n" + string.Join("\n", failures));
    }

    internal static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("input[name='UserName']").FillAsync(userName);
        await page.Locator("input[name='Password']").FillAsync(password);
        await page.Locator("main form button[type='submit']").First.ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    internal sealed record Seeded(int TaskId, int ReportId, int EducationId, Quarter OpenQuarter);

    /// <summary>
    /// Chongqing task 10 led by 市教委 with 市财政局: a submitted report with an indicator-free text and a link, a
    /// coordinator, a reporter of 市教委, a viewer and an auditor.
    /// </summary>
    internal static async Task<Seeded> SeedAsync(PortalServer portal)
    {
        _ = portal.RootUri; // starts the server, which migrates and imports the plans
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EduPlanDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var (task, education, owner) = await BrowserSeed.OwnTask10Async(db, withFinance: true);
        var finance = owner!;
        // The quarter of today open for entry, so the reporter's form is editable (its status buttons are checked too).
        var open = await BrowserSeed.OpenTodaysQuarterAsync(db, clock);
        foreach (var (name, display, role, department) in new[]
        {
            ("coord", "李协调", Roles.Coordinator, (int?)null), ("writer", "张晓明", Roles.Reporter, education.Id),
            ("official", "王领导", Roles.Viewer, null), ("auditor", "赵审计", Roles.Auditor, null),
        })
        {
            await BrowserSeed.AddUserAsync(users, clock, name, display, role, department, Password);
        }

        var writer = new FixedAuditActor(null, "writer", "local");
        var now = clock.GetUtcNow().UtcDateTime;
        var quarter = Quarter.Containing(DateOnly.FromDateTime(now)).Previous;
        var report = new ProgressReport
        {
            TaskId = task.Id,
            DepartmentId = finance.Id,
            Year = quarter.Year,
            QuarterNumber = quarter.Number,
            State = ReportState.Draft,
            Status = ReportStatus.AtRisk,
            Percent = 55,
            Progress = "下达教共体建设专项资金1.5亿元，支持60个城乡学校共同体。",
            Problems = "部分区县配套资金到位较慢。",
            CreatedAt = now,
            UpdatedAt = now,
            UpdatedByName = writer.UserName,
            Evidence = [new ReportEvidence { Kind = EvidenceKind.Link, Title = "资金下达通知", Url = "https://czj.cq.gov.cn/", AddedAt = now, AddedByName = "writer" }],
        };
        db.ProgressReports.Add(report);
        ReportRevisions.Append(db, report, ReportAction.Saved, writer, now);
        report.State = ReportState.Submitted;
        report.SubmittedAt = now;
        ReportRevisions.Append(db, report, ReportAction.Submitted, writer, now);
        await db.SaveChangesAsync();
        return new Seeded(task.Id, report.Id, education.Id, open);
    }
}
