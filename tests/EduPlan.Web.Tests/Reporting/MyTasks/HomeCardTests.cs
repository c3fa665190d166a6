using EduPlan.Application.Security;
using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Reporting.MyTasks;

/// <summary>The home page's reporting card: the way in for a reporter who has never seen EduPlan.</summary>
public sealed class HomeCardTests(ReadPagesApp app) : IClassFixture<ReadPagesApp>
{
    [Fact]
    public async Task A_reporter_sees_how_many_tasks_wait_this_quarter_with_the_deadline_and_a_link_to_my_tasks()
    {
        var t17 = await app.OwnAsync("chongqing", 17, "首页单位");
        var t18 = await app.OwnAsync("chongqing", 18, "首页单位");
        var t19 = await app.OwnAsync("chongqing", 19, null, "首页单位");
        await app.AddReportAsync(t17, "首页单位", ReadPagesApp.Q3, ReportState.Draft);
        await app.AddReportAsync(t18, "首页单位", ReadPagesApp.Q3, ReportState.Returned, new DateTime(2026, 9, 1, 9, 0, 0));
        await app.AddReportAsync(t19, "首页单位", ReadPagesApp.Q3, ReportState.Submitted, new DateTime(2026, 9, 1, 9, 0, 0));
        var client = await app.SignedInAsync("home-reporter", Roles.Reporter, "首页单位");

        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/"));

        html.Should().Contain("本季度待填报 2 项（截止 2026-10-15）").And.Contain("其中 1 项被退回");
        var cardStart = html.IndexOf("reporting-card-reporter", StringComparison.Ordinal);
        var card = html[cardStart..html.IndexOf("</section>", cardStart, StringComparison.Ordinal)];
        card.Should().Contain("href=\"/my/tasks\"");
        html.IndexOf("reporting-card", StringComparison.Ordinal).Should().BeLessThan(html.IndexOf("plan-tree", StringComparison.Ordinal), "the card comes before the plans");
        html.Should().NotContain("待审核 ", "a reporter reviews nothing");
    }

    [Fact]
    public async Task A_coordinator_sees_the_reports_waiting_for_review()
    {
        var t23 = await app.OwnAsync("chongqing", 23, "审核单位");
        var t24 = await app.OwnAsync("chongqing", 24, "审核单位");
        await app.AddReportAsync(t23, "审核单位", ReadPagesApp.Q3, ReportState.Submitted, new DateTime(2026, 9, 1, 9, 0, 0));
        await app.AddReportAsync(t24, "审核单位", ReadPagesApp.Q3, ReportState.Approved, new DateTime(2026, 9, 1, 9, 0, 0));
        var client = await app.SignedInAsync("home-coordinator", Roles.Coordinator);
        // Other tests of this class may have added submitted reports too (all on 2026-09-01 09:00).
        var waiting = await app.WithDbAsync(db => db.ProgressReports.CountAsync(r => r.State == ReportState.Submitted));

        // A coordinator's home page is 总览 ("/" sends them there); the card is on it.
        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/dashboard"));

        waiting.Should().BeGreaterThan(0);
        html.Should().Contain($"待审核 {waiting} 份").And.Contain("href=\"/review\"").And.Contain("最早一份提交于 2026-09-01 09:00");
        html.Should().NotContain("本季度待填报");
    }

    [Fact]
    public async Task Others_see_no_reporting_card()
    {
        var client = await app.SignedInAsync("home-viewer", Roles.Viewer, "首页单位");

        var html = await client.GetPageAsync("/plans");

        html.Should().NotContain("reporting-card").And.Contain("plan-tree");
    }

    [Fact]
    public async Task A_reporter_without_a_department_is_told_on_the_home_page()
    {
        var client = await app.SignedInAsync("home-nodept", Roles.Reporter);

        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/"));

        html.Should().Contain("您的账号尚未分配所属单位");
    }
}
