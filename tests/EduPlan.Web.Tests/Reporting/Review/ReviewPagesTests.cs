using System.Net;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Core.Reporting;

namespace EduPlan.Web.Tests.Reporting.Review;

public class ReviewPagesTests
{
    private static readonly Quarter Q3 = new(2026, 3);
    private static readonly Quarter Q2 = new(2026, 2);

    [Fact]
    public async Task The_queue_lists_submitted_reports_oldest_submission_first_and_nothing_else()
    {
        await using var app = new ReviewApp();
        var coordinator = await app.SignedInAsync("coord", Roles.Coordinator);
        await app.OwnTaskAsync();
        var newer = await app.AddReportAsync(ReviewApp.Lead, Q3, ReportState.Submitted, "较晚提交的进展", submittedAt: new DateTime(2026, 9, 9, 2, 0, 0));
        var older = await app.AddReportAsync(ReviewApp.Co, Q3, ReportState.Submitted, "较早提交的进展", submittedAt: new DateTime(2026, 9, 1, 2, 0, 0));
        var draft = await app.AddReportAsync(ReviewApp.Lead, Q2, ReportState.Draft, "还在起草");
        var approved = await app.AddReportAsync(ReviewApp.Co, Q2, ReportState.Approved, "已经通过");

        var html = await coordinator.GetPageAsync("/review");

        html.IndexOf($"id=\"report-{older}\"", StringComparison.Ordinal).Should().BeLessThan(html.IndexOf($"id=\"report-{newer}\"", StringComparison.Ordinal))
            .And.BePositive();
        html.Should().NotContain($"id=\"report-{draft}\"").And.NotContain($"id=\"report-{approved}\"");
        var item = WebTestHelpers.Decoded(ReviewApp.Item(html, older));
        item.Should().Contain("（十）").And.Contain("测试单位市财政局").And.Contain("2026年第三季度").And.Contain("按计划推进")
            .And.Contain("较早提交的进展").And.Contain("2026-09-01 10:00").And.Contain($"href=\"/reports/{older}\"")
            .And.Contain("value=\"40\"", "the percent bar shows the figure");
        item.Should().Contain($"action=\"/review/{older}/approve\"").And.Contain($"action=\"/review/{older}/return\"");
        ReviewApp.Item(html, older).Should().Contain("name=\"revision\" value=\"2\"", "the forms post the revision they showed");
    }

    [Fact]
    public async Task A_coordinator_approves_in_place_and_the_step_is_audited()
    {
        await using var app = new ReviewApp();
        var coordinator = await app.SignedInAsync("coord", Roles.Coordinator);
        await app.OwnTaskAsync();
        var id = await app.AddReportAsync(ReviewApp.Lead, Q3, ReportState.Submitted);

        var response = await coordinator.PostFormAsync("/review", $"/review/{id}/approve", ReviewApp.Form(("revision", "2")));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/review");
        var after = WebTestHelpers.Decoded(await coordinator.GetPageAsync("/review"));
        after.Should().Contain("已审核通过：（十）").And.NotContain($"id=\"report-{id}\"");
        var report = await app.ReportAsync(id);
        report.State.Should().Be(ReportState.Approved);
        report.ApprovedByName.Should().Be("coord");
        var audit = (await app.AuditAsync(AuditActions.ReportApproved)).Should().ContainSingle().Subject;
        audit.ActorName.Should().Be("coord");
        audit.TargetName.Should().Be("chongqing#10 2026Q3 市教委");
    }

    [Fact]
    public async Task Returning_needs_a_comment_and_keeps_what_was_typed_beside_the_item()
    {
        await using var app = new ReviewApp();
        var coordinator = await app.SignedInAsync("coord", Roles.Coordinator);
        await app.OwnTaskAsync();
        var id = await app.AddReportAsync(ReviewApp.Lead, Q3, ReportState.Submitted);
        var other = await app.AddReportAsync(ReviewApp.Co, Q3, ReportState.Submitted);

        var empty = await coordinator.PostFormAsync("/review", $"/review/{id}/return", ReviewApp.Form(("revision", "2"), ("comment", "  "), ("field", "Progress")));
        var tooLong = await coordinator.PostFormAsync("/review", $"/review/{id}/return",
            ReviewApp.Form(("revision", "2"), ("comment", "开头" + new string('长', ProgressReport.MaxTextLength)), ("field", "Evidence")));

        empty.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "the comment is missing");
        var emptyItem = WebTestHelpers.Decoded(ReviewApp.Item(await empty.Content.ReadAsStringAsync(), id));
        emptyItem.Should().Contain("请填写退回意见").And.Contain("<details class=\"review-return\" open=\"open\">");
        emptyItem.Should().MatchRegex("<option value=\"Progress\" selected=\"selected\">");
        var longHtml = await tooLong.Content.ReadAsStringAsync();
        var longItem = WebTestHelpers.Decoded(ReviewApp.Item(longHtml, id));
        longItem.Should().Contain("不能超过4000个字").And.Contain("开头" + new string('长', ProgressReport.MaxTextLength) + "</textarea>");
        longItem.Should().MatchRegex("<option value=\"Evidence\" selected=\"selected\">");
        WebTestHelpers.Decoded(ReviewApp.Item(longHtml, other)).Should().NotContain("不能超过", "the message stands beside the item it is about");
        (await app.ReportAsync(id)).State.Should().Be(ReportState.Submitted);
        (await app.AuditAsync(AuditActions.ReportReturned)).Should().BeEmpty();

        var returned = await coordinator.PostFormAsync("/review", $"/review/{id}/return",
            ReviewApp.Form(("revision", "2"), ("comment", "请补充<b>区县名单</b>"), ("field", "Progress")));

        returned.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var report = await app.ReportAsync(id);
        report.State.Should().Be(ReportState.Returned);
        report.ReviewComment.Should().Be("请补充<b>区县名单</b>");
        report.ReviewField.Should().Be("Progress");
        (await app.AuditAsync(AuditActions.ReportReturned)).Should().ContainSingle().Which.ActorName.Should().Be("coord");
        var page = await coordinator.GetPageAsync($"/reports/{id}");
        page.Should().Contain("请补充&lt;b&gt;区县名单&lt;/b&gt;", "a comment is shown as text");
        WebTestHelpers.Decoded(page).Should().Contain("指向：本季度进展");
    }

    [Fact]
    public async Task The_second_of_two_coordinators_is_told_the_report_changed_and_nothing_is_overwritten()
    {
        await using var app = new ReviewApp();
        var first = await app.SignedInAsync("coord1", Roles.Coordinator);
        var second = await app.SignedInAsync("coord2", Roles.Coordinator);
        await app.OwnTaskAsync();
        var id = await app.AddReportAsync(ReviewApp.Lead, Q3, ReportState.Submitted);
        var token = WebTestHelpers.ReadFormToken(await second.GetPageAsync("/review"), "/review", $"/review/{id}/return");

        (await first.PostFormAsync("/review", $"/review/{id}/approve", ReviewApp.Form(("revision", "2")))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var late = await second.PostAsync($"/review/{id}/return", new FormUrlEncodedContent(ReviewApp.Form(
            ("__RequestVerificationToken", token), ("revision", "2"), ("comment", "请补充材料"))));

        late.StatusCode.Should().Be(HttpStatusCode.Conflict);
        WebTestHelpers.Decoded(await late.Content.ReadAsStringAsync()).Should().Contain("已被他人更新").And.Contain("coord1").And.Contain("已通过");
        var report = await app.ReportAsync(id);
        report.State.Should().Be(ReportState.Approved);
        report.ReviewComment.Should().BeNull();
        (await app.AuditAsync(AuditActions.ReportReturned)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_coordinator_reopens_an_approved_report_from_its_page_with_a_reason()
    {
        await using var app = new ReviewApp();
        var coordinator = await app.SignedInAsync("coord", Roles.Coordinator);
        await app.OwnTaskAsync();
        var id = await app.AddReportAsync(ReviewApp.Lead, Q3, ReportState.Approved);
        var page = $"/reports/{id}";

        var noReason = await coordinator.PostFormAsync(page, $"/review/{id}/reopen", ReviewApp.Form(("revision", "3"), ("reason", "")));
        var reopened = await coordinator.PostFormAsync(page, $"/review/{id}/reopen", ReviewApp.Form(("revision", "3"), ("reason", "统计口径调整")));

        noReason.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "the reason is missing");
        WebTestHelpers.Decoded(await noReason.Content.ReadAsStringAsync()).Should().Contain("请填写重新打开的原因");
        reopened.StatusCode.Should().Be(HttpStatusCode.Redirect);
        reopened.Headers.Location!.OriginalString.Should().Be(page);
        var after = WebTestHelpers.Decoded(await coordinator.GetPageAsync(page));
        after.Should().Contain("已重新打开并退回填报单位").And.Contain("统计口径调整").And.Contain("重新打开");
        (await app.ReportAsync(id)).State.Should().Be(ReportState.Returned);
        (await app.AuditAsync(AuditActions.ReportReopened)).Should().ContainSingle();
    }

    [Fact]
    public async Task The_report_page_offers_the_review_forms_and_shows_a_refusal_there_with_the_comment_kept()
    {
        await using var app = new ReviewApp();
        var coordinator = await app.SignedInAsync("coord", Roles.Coordinator);
        await app.OwnTaskAsync();
        var id = await app.AddReportAsync(ReviewApp.Lead, Q3, ReportState.Submitted);
        var page = $"/reports/{id}";

        var tooLong = await coordinator.PostFormAsync(page, $"/review/{id}/return",
            ReviewApp.Form(("revision", "2"), ("comment", new string('长', ProgressReport.MaxTextLength + 1)), ("from", "report")));
        var approved = await coordinator.PostFormAsync(page, $"/review/{id}/approve", ReviewApp.Form(("revision", "2"), ("from", "report")));

        tooLong.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "the comment is too long");
        var html = WebTestHelpers.Decoded(await tooLong.Content.ReadAsStringAsync());
        html.Should().Contain("季度进展报告").And.Contain("不能超过4000个字").And.Contain(new string('长', ProgressReport.MaxTextLength + 1) + "</textarea>");
        approved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        approved.Headers.Location!.OriginalString.Should().Be("/review", "after a decision the coordinator goes on with the queue");
        (await app.ReportAsync(id)).State.Should().Be(ReportState.Approved);
        WebTestHelpers.Decoded(await coordinator.GetPageAsync(page)).Should().NotContain($"action=\"/review/{id}/approve\"").And.Contain($"action=\"/review/{id}/reopen\"");
    }

    [Fact]
    public async Task Only_coordinators_reach_the_queue_and_its_actions()
    {
        await using var app = new ReviewApp();
        var reporter = await app.SignedInAsync("writer", Roles.Reporter, ReviewApp.Lead);
        await app.OwnTaskAsync();
        var id = await app.AddReportAsync(ReviewApp.Lead, Q3, ReportState.Submitted);
        var token = await reporter.GetAntiforgeryTokenAsync("/account/change-password");

        var queue = await reporter.GetAsync("/review");
        var approve = await reporter.PostAsync($"/review/{id}/approve", new FormUrlEncodedContent(ReviewApp.Form(("__RequestVerificationToken", token), ("revision", "2"))));

        queue.StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        (queue.StatusCode == HttpStatusCode.Forbidden || queue.Headers.Location!.OriginalString.Contains("access-denied", StringComparison.Ordinal)).Should().BeTrue();
        approve.StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        (await app.ReportAsync(id)).State.Should().Be(ReportState.Submitted, "a reporter cannot approve their own report");
    }
}
