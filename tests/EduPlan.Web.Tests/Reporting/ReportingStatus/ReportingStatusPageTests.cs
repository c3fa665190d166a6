using EduPlan.Application.Security;
using EduPlan.Core.Reporting;
using EduPlan.Web.Tests.Ownership;
using EduPlan.Web.Tests.Reporting.MyTasks;

namespace EduPlan.Web.Tests.Reporting.ReportingStatus;

/// <summary>填报情况 for a constructed quarter: on time, late and missing departments.</summary>
public sealed class ReportingStatusPageTests(ReadPagesApp app) : IClassFixture<ReadPagesApp>
{
    /// <summary>
    /// 2026Q2 (closed on 2026-07-15): 按时局 submitted both its tasks on 2026-07-10 (one approved); 迟交局 submitted its
    /// one a day late; 未报局 leads one task and joins another and has sent nothing.
    /// </summary>
    [Fact]
    public async Task A_closed_quarter_shows_on_time_late_and_missing_departments_worst_first()
    {
        var t25 = await app.OwnAsync("chongqing", 25, "按时局", "未报局");
        var t26 = await app.OwnAsync("chongqing", 26, "按时局");
        var t27 = await app.OwnAsync("chongqing", 27, "迟交局");
        await app.OwnAsync("chongqing", 28, "未报局");
        await app.AddReportAsync(t25, "按时局", ReadPagesApp.Q2, ReportState.Approved, new DateTime(2026, 7, 10, 9, 0, 0));
        await app.AddReportAsync(t26, "按时局", ReadPagesApp.Q2, ReportState.Submitted, new DateTime(2026, 7, 15, 22, 0, 0));
        await app.AddReportAsync(t27, "迟交局", ReadPagesApp.Q2, ReportState.Submitted, new DateTime(2026, 7, 16, 10, 0, 0));
        var client = await app.SignedInAsync("status-viewer", Roles.Viewer);

        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/reporting/status?quarter=2026Q2"));

        html.Should().Contain("2026年第二季度已于2026-07-15截止填报");
        var onTime = ReadPagesApp.Row(html, "data-department=\"按时局\"");
        (ReadPagesApp.Cell(onTime, "expected"), ReadPagesApp.Cell(onTime, "submitted"), ReadPagesApp.Cell(onTime, "approved"),
            ReadPagesApp.Cell(onTime, "on-time"), ReadPagesApp.Cell(onTime, "late"), ReadPagesApp.Cell(onTime, "overdue"))
            .Should().Be((2, 2, 1, 2, 0, 0));
        var late = ReadPagesApp.Row(html, "data-department=\"迟交局\"");
        (ReadPagesApp.Cell(late, "submitted"), ReadPagesApp.Cell(late, "on-time"), ReadPagesApp.Cell(late, "late")).Should().Be((1, 0, 1));
        late.Should().Contain("status-late");
        var missing = ReadPagesApp.Row(html, "data-department=\"未报局\"");
        (ReadPagesApp.Cell(missing, "expected"), ReadPagesApp.Cell(missing, "submitted"), ReadPagesApp.Cell(missing, "not-submitted"), ReadPagesApp.Cell(missing, "overdue"))
            .Should().Be((2, 0, 2, 2));
        missing.Should().Contain("status-overdue");
        var totals = ReadPagesApp.Row(html, "data-department=\"total\"");
        (ReadPagesApp.Cell(totals, "expected"), ReadPagesApp.Cell(totals, "submitted"), ReadPagesApp.Cell(totals, "late"), ReadPagesApp.Cell(totals, "overdue"))
            .Should().Be((5, 3, 1, 2));
        var order = new[] { "未报局", "迟交局", "按时局" }.Select(d => html.IndexOf($"data-department=\"{d}\"", StringComparison.Ordinal)).ToList();
        order.Should().BeInAscendingOrder("the worst department comes first");
    }

    [Fact]
    public async Task Reporters_do_not_see_other_departments_reporting()
    {
        var reporter = await app.SignedInAsync("status-reporter", Roles.Reporter, "按时局");

        (await reporter.IsForbiddenAsync("/reporting/status")).Should().BeTrue();
    }
}

/// <summary>The quarter open now, on an app of its own (owners hold for every quarter, so they would change the closed quarter's totals).</summary>
public sealed class ReportingStatusOpenQuarterTests(ReadPagesApp app) : IClassFixture<ReadPagesApp>
{
    [Fact]
    public async Task The_open_quarter_is_shown_by_default_and_nothing_in_it_is_overdue()
    {
        await app.OwnAsync("chongqing", 29, "本季局");
        var client = await app.SignedInAsync("status-coordinator", Roles.Coordinator);

        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/reporting/status"));

        html.Should().Contain("2026年第三季度填报截止于2026-10-15");
        ReadPagesApp.Cell(ReadPagesApp.Row(html, "data-department=\"total\""), "overdue").Should().Be(0);
        ReadPagesApp.Cell(ReadPagesApp.Row(html, "data-department=\"本季局\""), "not-submitted").Should().Be(1);
        html.Should().Contain("href=\"/reporting/status?quarter=2026Q2\"");
    }
}

/// <summary>A report sent on time and then returned, on an app of its own (its department would change the other tests' totals).</summary>
public sealed class ReportingStatusReturnedReportTests(ReadPagesApp app) : IClassFixture<ReadPagesApp>
{
    [Fact]
    public async Task A_report_returned_after_an_on_time_submission_is_not_counted_on_time_and_the_help_says_how_the_columns_add_up()
    {
        var t30 = await app.OwnAsync("chongqing", 30, "市卫生健康委");
        await app.AddReportAsync(t30, "市卫生健康委", ReadPagesApp.Q2, ReportState.Returned, new DateTime(2026, 7, 1, 9, 0, 0));
        var client = await app.SignedInAsync("status-returned", Roles.Coordinator);

        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/reporting/status?quarter=2026Q2"));

        var row = ReadPagesApp.Row(html, "data-department=\"市卫生健康委\"");
        (ReadPagesApp.Cell(row, "expected"), ReadPagesApp.Cell(row, "submitted"), ReadPagesApp.Cell(row, "returned"), ReadPagesApp.Cell(row, "not-submitted"),
            ReadPagesApp.Cell(row, "on-time"), ReadPagesApp.Cell(row, "late"), ReadPagesApp.Cell(row, "overdue"))
            .Should().Be((1, 0, 1, 1, 0, 0, 1), "按时 and 逾期提交 split 已提交 (0 here), and once closed 逾期未报 is 未提交");
        html.Should().Contain("应报 = 已提交 + 未提交；已提交 = 按时 + 逾期提交");

        await client.PostFormAsync("/reporting/status", "/language", new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/" });
        var english = WebTestHelpers.Decoded(await client.GetPageAsync("/reporting/status?quarter=2026Q2"));
        english.Should().Contain("Expected = Submitted + Not submitted, and Submitted = On time + Late");
    }
}

/// <summary>From a department's row to its missing and late reports, on an app of its own (its owners would change the other quarter's totals).</summary>
public sealed class ReportingStatusDepartmentTests(ReadPagesApp app) : IClassFixture<ReadPagesApp>
{
    [Fact]
    public async Task Each_department_row_links_to_its_missing_and_late_reports()
    {
        var onTime = await app.OwnAsync("chongqing", 30, "明细局");
        var late = await app.OwnAsync("chongqing", 31, "明细局");
        var draft = await app.OwnAsync("chongqing", 32, "明细局");
        var none = await app.OwnAsync("chongqing", 33, "明细局");
        await app.AddReportAsync(onTime, "明细局", ReadPagesApp.Q2, ReportState.Submitted, new DateTime(2026, 7, 10, 9, 0, 0));
        var lateId = await app.AddReportAsync(late, "明细局", ReadPagesApp.Q2, ReportState.Approved, new DateTime(2026, 7, 16, 10, 0, 0));
        var draftId = await app.AddReportAsync(draft, "明细局", ReadPagesApp.Q2, ReportState.Draft, null);
        var client = await app.SignedInAsync("status-detail-viewer", Roles.Viewer);
        var departmentId = await app.EnsureDepartmentAsync("明细局");

        var status = WebTestHelpers.Decoded(await client.GetPageAsync("/reporting/status?quarter=2026Q2"));
        var link = $"/reporting/status/{departmentId}?quarter=2026Q2";
        ReadPagesApp.Row(status, "data-department=\"明细局\"").Should().Contain($"href=\"{link}\"");

        var detail = WebTestHelpers.Decoded(await client.GetPageAsync(link));
        var missing = Section(detail, "missing");
        missing.Should().Contain("未提交的报告（2）").And.Contain($"data-task=\"{draft}\"").And.Contain($"data-task=\"{none}\"")
            .And.Contain($"href=\"/reports/{draftId}\"").And.Contain("草稿").And.Contain("未填报")
            .And.Contain("href=\"/plans/chongqing/tasks/33\"");
        missing.Should().NotContain($"data-task=\"{onTime}\"").And.NotContain($"data-task=\"{late}\"");
        var lateSection = Section(detail, "late");
        lateSection.Should().Contain("逾期提交的报告（1）").And.Contain($"data-task=\"{late}\"").And.Contain($"href=\"/reports/{lateId}\"")
            .And.Contain("2026-07-16 10:00").And.NotContain($"data-task=\"{onTime}\"");
        (await ReadPagesApp.StatusOfAsync(client, "/reporting/status/999999?quarter=2026Q2")).Should().Be(System.Net.HttpStatusCode.NotFound);
        (await ReadPagesApp.StatusOfAsync(client, $"/reporting/status/{departmentId}?quarter=1999Q1")).Should().Be(System.Net.HttpStatusCode.NotFound);
        var reporter = await app.SignedInAsync("status-detail-reporter", Roles.Reporter, "明细局");
        (await reporter.IsForbiddenAsync(link)).Should().BeTrue();
    }

    private static string Section(string html, string id) =>
        System.Text.RegularExpressions.Regex.Match(html, $"<section class=\"mb-4 status-detail\" id=\"{id}\".*?</section>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
}
