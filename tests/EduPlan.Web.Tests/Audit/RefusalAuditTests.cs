using System.Net;
using System.Text.Json;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Core.Auditing;
using EduPlan.Web.Tests.Ownership;
using EduPlan.Web.Tests.Reporting.Editing;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Audit;

/// <summary>
/// Every refused request is audited in one place (RefusalAuditMiddleware): a record-level 403 with its reason, a policy
/// refusal on a page and on the API, and no more than Security:RefusalAuditsPerMinute entries per user in a minute.
/// </summary>
public sealed class RefusalAuditTests
{
    [Fact]
    public async Task A_403_on_a_report_page_its_diff_and_an_evidence_download_each_write_an_entry_with_the_reason()
    {
        await using var app = await ReportFormApp.StartAsync();
        var finance = await app.ReporterAsync("fin-writer", "市财政局");
        var html = await finance.GetPageAsync(app.FormPath);
        (await finance.PostMultipartAsync(html, app.FormPath, app.FormPath, ReportFormApp.Filled(html, app.FormPath, progress: "财政局草稿"),
            new MultipartFile("EvidenceFile", "内部拨款.pdf", ReportFormApp.Pdf(), "application/pdf"))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var report = (await app.ReportAsync("市财政局"))!;
        var viewer = await app.SignedInAsync("viewer", [Roles.Viewer]);
        var paths = new[] { $"/reports/{report.Id}", $"/reports/{report.Id}/diff", $"/reports/{report.Id}/evidence/{report.Evidence.Single().Id}" };

        foreach (var path in paths)
        {
            (await viewer.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Forbidden, path);
        }

        var entries = await DeniedAsync(app);
        entries.Select(e => e.TargetName).Should().Equal(paths.Select(p => "GET " + p));
        entries.Should().OnlyContain(e => e.ActorName == "viewer" && e.Outcome == AuditOutcome.Denied && e.TargetType == "Route");
        // The reason the report gave (ReportVisibility), stored as its Chinese sentence.
        entries.Should().OnlyContain(e => JsonDocument.Parse(e.Details!).RootElement.GetProperty("reason").GetString()!.Length > 0);
    }

    [Fact]
    public async Task A_policy_refusal_is_audited_on_a_page_and_on_the_api()
    {
        await using var app = new EduPlanWebFactory();
        var viewer = await app.SignedInAsync("viewer", [Roles.Viewer]);
        var nobody = await app.SignedInAsync("nobody", []);

        var page = await viewer.GetAsync("/admin/users");
        var api = await nobody.GetAsync("/api/v1/plans/chongqing/dashboard");

        page.StatusCode.Should().Be(HttpStatusCode.Redirect);
        page.Headers.Location!.OriginalString.Should().StartWith("/account/access-denied");
        api.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await DeniedAsync(app)).Select(e => (e.ActorName, e.TargetName, e.Details)).Should().Equal(
            ("viewer", "GET /admin/users", (string?)null),
            ("nobody", "GET /api/v1/plans/chongqing/dashboard", (string?)null));
    }

    [Fact]
    public async Task A_loop_of_refusals_writes_at_most_the_limit_per_user_in_a_minute_and_says_when_it_was_reached()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Security.SecurityTestKit.Start);
        await using var app = new EduPlanWebFactory { Clock = clock, Settings = { ["Security:RefusalAuditsPerMinute"] = "3" } };
        var viewer = await app.SignedInAsync("viewer", [Roles.Viewer]);
        var other = await app.SignedInAsync("other-viewer", [Roles.Viewer]);

        for (var i = 0; i < 10; i++)
        {
            (await viewer.GetAsync("/admin/users")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        (await other.GetAsync("/admin/users")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        clock.Advance(TimeSpan.FromSeconds(61));
        (await viewer.GetAsync("/admin/users")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var entries = await DeniedAsync(app);
        entries.Select(e => e.ActorName).Should().Equal("viewer", "viewer", "viewer", "other-viewer", "viewer");
        entries[2].Details.Should().Be("""{"limitReached":3}""");
        entries[0].Details.Should().BeNull();
        entries[3].Details.Should().BeNull("each user has a limit of their own");
        entries[4].Details.Should().BeNull("a new minute starts a new count");
    }

    private static Task<List<AuditEntry>> DeniedAsync(EduPlanWebFactory app) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.AccessDenied).OrderBy(e => e.Id).ToListAsync());
}
