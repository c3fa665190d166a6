using EduPlan.Application.Security;
using EduPlan.Core.Reporting;
using EduPlan.Web.Tests.Reporting.MyTasks;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Reporting.Targets;

/// <summary>目标一览 shows the latest approved value beside each target, never a draft's or a submitted report's.</summary>
public sealed class LatestValueOnTargetsTests(ReadPagesApp app) : IClassFixture<ReadPagesApp>
{
    [Fact]
    public async Task The_latest_approved_value_is_beside_the_target_and_later_unapproved_values_are_ignored()
    {
        var coverage = await app.IndicatorIdAsync("教共体覆盖率");
        var task = await app.OwnAsync("chongqing", 10, "市教委", "市财政局");
        await app.AddReportAsync(task, "市教委", new Quarter(2026, 1), ReportState.Approved, new DateTime(2026, 4, 3, 9, 0, 0), values: new Dictionary<int, decimal> { [coverage] = 80m });
        await app.AddReportAsync(task, "市教委", ReadPagesApp.Q2, ReportState.Approved, new DateTime(2026, 7, 3, 9, 0, 0), values: new Dictionary<int, decimal> { [coverage] = 86.5m });
        await app.AddReportAsync(task, "市教委", ReadPagesApp.Q3, ReportState.Submitted, new DateTime(2026, 9, 3, 9, 0, 0), values: new Dictionary<int, decimal> { [coverage] = 95m });
        await app.AddReportAsync(task, "市财政局", ReadPagesApp.Q3, ReportState.Draft, values: new Dictionary<int, decimal> { [coverage] = 99m });
        var client = await app.SignedInAsync("targets-viewer", Roles.Viewer);

        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/targets"));

        var row = RowContaining(html, "教共体覆盖率");
        row.Should().Contain("86.5%").And.Contain("（2026年第二季度，市教委）").And.Contain("尚未达到");
        row.Should().NotContain("95%").And.NotContain("99%").And.NotContain("暂无已审核数据");
        row.Should().Contain("≥").And.Contain(">90<", "the target stays as it was");
    }

    [Fact]
    public async Task An_indicator_without_an_approved_value_says_so()
    {
        var coverage = await app.IndicatorIdAsync("教共体覆盖率");
        var other = await app.WithDbAsync(db => db.Indicators
            .Where(i => i.Id != coverage && i.Plan!.Code == "chongqing" && i.TaskId == null)
            .OrderBy(i => i.Id)
            .Select(i => i.Name)
            .FirstAsync());
        var client = await app.SignedInAsync("targets-admin", Roles.Administrator);

        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/targets"));

        RowContaining(html, ">" + other + "<").Should().Contain("暂无已审核数据").And.NotContain("达到");
    }

    private static string RowContaining(string html, string text)
    {
        var at = html.IndexOf(text, StringComparison.Ordinal);
        at.Should().BeGreaterThan(0, $"the page should show {text}");
        var start = html.LastIndexOf("<tr", at, StringComparison.Ordinal);
        var end = html.IndexOf("</tr>", at, StringComparison.Ordinal);
        return html[start..end];
    }
}
