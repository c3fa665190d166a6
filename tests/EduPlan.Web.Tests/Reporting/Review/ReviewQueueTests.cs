using System.Net;
using System.Text.RegularExpressions;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Reporting.Review;

/// <summary>The queue past its first page: filters, sorting and pages; what a card shows; approving several at once.</summary>
public partial class ReviewQueueTests
{
    private static readonly DateTime FirstSubmission = new(2026, 8, 1, 2, 0, 0);

    [Fact]
    public async Task Every_waiting_report_is_reached_through_pages_filters_and_sorting()
    {
        await using var app = new ReviewApp();
        var coordinator = await app.SignedInAsync("coord", Roles.Coordinator);
        await app.OwnTaskAsync();
        // 22 reports of the lead, one a day from 2026-08-01 (the quarters 2025Q1 … 2030Q2), and one of the co-department.
        var lead = new List<int>();
        var quarter = new Quarter(2025, 1);
        for (var i = 0; i < 22; i++, quarter = quarter.Next)
        {
            lead.Add(await app.AddReportAsync(ReviewApp.Lead, quarter, ReportState.Submitted, $"第{i}份进展", submittedAt: FirstSubmission.AddDays(i)));
        }

        var co = await app.AddReportAsync(ReviewApp.Co, new Quarter(2026, 3), ReportState.Submitted, "合作单位进展", submittedAt: FirstSubmission.AddDays(30));
        var coId = await app.EnsureDepartmentAsync(ReviewApp.Co);

        var first = WebTestHelpers.Decoded(await coordinator.GetPageAsync("/review"));
        Ids(first).Should().Equal(lead.Take(20), "the first page holds the 20 oldest submissions");
        first.Should().Contain("共 23 份报告等待审核").And.Contain("第 1 / 2 页").And.Contain("href=\"/review?page=2\"");

        Ids(WebTestHelpers.Decoded(await coordinator.GetPageAsync("/review?page=2"))).Should().Equal([lead[20], lead[21], co]);
        Ids(WebTestHelpers.Decoded(await coordinator.GetPageAsync("/review?sort=newest"))).Should().StartWith([co, lead[21], lead[20]]);
        Ids(WebTestHelpers.Decoded(await coordinator.GetPageAsync($"/review?department={coId}"))).Should().Equal([co]);
        Ids(WebTestHelpers.Decoded(await coordinator.GetPageAsync("/review?quarter=2025Q2"))).Should().Equal([lead[1]]);
        var since = WebTestHelpers.Decoded(await coordinator.GetPageAsync("/review?since=2026-08-21&sort=newest"));
        Ids(since).Should().Equal([co, lead[21], lead[20]], "submitted on 21 August (China) or later, latest first");
        since.Should().Contain("其中 3 份符合筛选条件");
        Ids(WebTestHelpers.Decoded(await coordinator.GetPageAsync("/review?plan=chongqing&page=2"))).Should().Equal([lead[20], lead[21], co]);
        var none = WebTestHelpers.Decoded(await coordinator.GetPageAsync("/review?plan=national"));
        none.Should().Contain("没有符合筛选条件的报告（共 23 份等待审核）");
        Ids(WebTestHelpers.Decoded(await coordinator.GetPageAsync("/review?page=99"))).Should().Equal([lead[20], lead[21], co], "a page past the last shows the last");
        var filtered = WebTestHelpers.Decoded(await coordinator.GetPageAsync($"/review?department={coId}&sort=newest"));
        filtered.Should().MatchRegex($"<option value=\"{coId}\" selected=\"selected\">[^<]*市财政局 \\(1\\)</option>", "the filter shows what it is set to, with counts");
    }

    [Fact]
    public async Task A_card_shows_the_reports_indicator_values_and_evidence_with_links_that_download()
    {
        await using var app = new ReviewApp();
        var coordinator = await app.SignedInAsync("coord", Roles.Coordinator);
        await app.OwnTaskAsync();
        var id = await app.AddReportAsync(ReviewApp.Lead, new Quarter(2026, 3), ReportState.Submitted);
        var bare = await app.AddReportAsync(ReviewApp.Co, new Quarter(2026, 3), ReportState.Submitted);
        var (fileId, indicator) = await app.WithDbAsync(async db =>
        {
            var indicator = await db.Indicators.OrderBy(i => i.Id).FirstAsync();
            var report = await db.ProgressReports.SingleAsync(r => r.Id == id);
            report.IndicatorValues.Add(new ReportIndicatorValue { IndicatorId = indicator.Id, Value = 72.6m });
            var file = new ReportEvidence
            {
                Kind = EvidenceKind.File,
                Title = "督导评估报告.pdf",
                ContentType = "application/pdf",
                Length = 2048,
                Content = new EvidenceContent { Bytes = new byte[2048] },
                AddedAt = DateTime.UtcNow,
                AddedByName = "seed-reporter",
            };
            report.Evidence.Add(file);
            report.Evidence.Add(new ReportEvidence { Kind = EvidenceKind.Link, Title = "市教委通知", Url = "https://jw.cq.gov.cn/n/1", AddedAt = DateTime.UtcNow, AddedByName = "seed-reporter" });
            await db.SaveChangesAsync();
            return (file.Id, indicator);
        });

        var html = await coordinator.GetPageAsync("/review");

        var item = WebTestHelpers.Decoded(ReviewApp.Item(html, id));
        item.Should().Contain($"{indicator.Name}：<strong>72.6</strong>{indicator.Unit}");
        item.Should().Contain($"<a href=\"/reports/{id}/evidence/{fileId}\">督导评估报告.pdf</a>").And.Contain("(2 KB)");
        item.Should().Contain("<a href=\"https://jw.cq.gov.cn/n/1\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">市教委通知</a>");
        WebTestHelpers.Decoded(ReviewApp.Item(html, bare)).Should().Contain("佐证材料：").And.Contain("未提供佐证材料");
        var download = await coordinator.GetAsync($"/reports/{id}/evidence/{fileId}");
        download.StatusCode.Should().Be(HttpStatusCode.OK, "the coordinator may read the submitted report and so its files");
        (await download.Content.ReadAsByteArrayAsync()).Should().HaveCount(2048);
    }

    [Fact]
    public async Task Batch_approval_takes_each_report_on_its_own_and_lists_each_outcome()
    {
        await using var app = new ReviewApp();
        var coordinator = await app.SignedInAsync("coord", Roles.Coordinator);
        await app.OwnTaskAsync();
        var first = await app.AddReportAsync(ReviewApp.Lead, new Quarter(2026, 2), ReportState.Submitted);
        var second = await app.AddReportAsync(ReviewApp.Lead, new Quarter(2026, 3), ReportState.Submitted);
        var changed = await app.AddReportAsync(ReviewApp.Co, new Quarter(2026, 3), ReportState.Submitted);
        var untouched = await app.AddReportAsync(ReviewApp.Co, new Quarter(2026, 2), ReportState.Submitted);
        var page = await coordinator.GetPageAsync("/review?sort=newest");
        var token = WebTestHelpers.ReadFormToken(page, "/review", "/review/approve-selected");
        page.Should().Contain($"form=\"review-batch\" name=\"selected\" id=\"select-{first}\"").And.Contain($"value=\"{first}:2\"");
        // Meanwhile the co-department's report is returned and submitted again: the revision the page showed is stale.
        await app.StepAsync(changed, ReportAction.Returned, r => r.ReviewComment = "请补充");
        await app.StepAsync(changed, ReportAction.Submitted, r => r.Progress = "补充后的进展");

        var response = await coordinator.PostAsync("/review/approve-selected", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token),
            new("selected", $"{first}:2"),
            new("selected", $"{changed}:2"),
            new("selected", $"{second}:2"),
            new("selected", "not-a-report"),
            new("back", "/review?sort=newest"),
        ]));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/review?sort=newest", "the coordinator goes back to the queue as it was filtered");
        (await app.ReportAsync(first)).State.Should().Be(ReportState.Approved);
        (await app.ReportAsync(second)).State.Should().Be(ReportState.Approved);
        (await app.ReportAsync(changed)).State.Should().Be(ReportState.Submitted, "its revision moved on after the page was shown");
        (await app.ReportAsync(untouched)).State.Should().Be(ReportState.Submitted, "it was not selected");
        var audits = await app.AuditAsync(AuditActions.ReportApproved);
        audits.Select(a => a.TargetName).Should().Equal("chongqing#10 2026Q2 市教委", "chongqing#10 2026Q3 市教委");
        var after = WebTestHelpers.Decoded(await coordinator.GetPageAsync("/review?sort=newest"));
        after.Should().Contain("批量审核：3 份中 2 份已通过。");
        Regex.Match(after, $"<li class=\"review-batch-refused\" data-report=\"{changed}\">.*?</li>", RegexOptions.Singleline).Value
            .Should().Contain("未通过").And.Contain("已被他人更新");
        after.Should().Contain($"<li class=\"review-batch-approved\" data-report=\"{first}\">");
        Ids(after).Should().Equal([untouched, changed], "both submitted at the same time: the later id first");
    }

    [Fact]
    public async Task Batch_approval_refuses_a_hand_made_address_to_go_back_to_and_without_a_token()
    {
        await using var app = new ReviewApp();
        var coordinator = await app.SignedInAsync("coord", Roles.Coordinator);
        await app.OwnTaskAsync();
        var id = await app.AddReportAsync(ReviewApp.Lead, new Quarter(2026, 3), ReportState.Submitted);

        var noToken = await coordinator.PostAsync("/review/approve-selected", new FormUrlEncodedContent([new("selected", $"{id}:2")]));
        var elsewhere = await coordinator.PostUnofferedAsync("/review", "/review/approve-selected",
            new Dictionary<string, string> { ["selected"] = "", ["back"] = "https://evil.example/review?x" });

        noToken.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await app.ReportAsync(id)).State.Should().Be(ReportState.Submitted);
        elsewhere.StatusCode.Should().Be(HttpStatusCode.Redirect, await elsewhere.Content.ReadAsStringAsync());
        elsewhere.Headers.Location!.OriginalString.Should().Be("/review");
        WebTestHelpers.Decoded(await coordinator.GetPageAsync("/review")).Should().Contain("没有选中任何报告");
    }

    private static List<int> Ids(string html) =>
        ItemId().Matches(html).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex("<li class=\"review-item\" id=\"report-(\\d+)\">")]
    private static partial Regex ItemId();
}
