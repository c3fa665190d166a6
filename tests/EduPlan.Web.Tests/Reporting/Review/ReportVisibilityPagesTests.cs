using System.Net;
using EduPlan.Application.Security;
using EduPlan.Core.Reporting;

namespace EduPlan.Web.Tests.Reporting.Review;

public class ReportVisibilityPagesTests
{
    private static readonly Quarter Q3 = new(2026, 3);
    private static readonly Quarter Q2 = new(2026, 2);

    [Fact]
    public async Task A_viewer_sees_only_approved_reports_on_the_task_page_and_is_refused_a_draft()
    {
        await using var app = new ReviewApp();
        var viewer = await app.SignedInAsync("view", Roles.Viewer);
        await app.OwnTaskAsync();
        var approved = await app.AddReportAsync(ReviewApp.Lead, Q2, ReportState.Approved, "第二季度已通过的进展", 35);
        var draft = await app.AddReportAsync(ReviewApp.Lead, Q3, ReportState.Draft, "第三季度草稿里的内部数字");
        var returned = await app.AddReportAsync(ReviewApp.Co, Q2, ReportState.Returned, "被退回的参与单位报告");

        var task = WebTestHelpers.Decoded(await viewer.GetPageAsync(ReviewApp.TaskPage));
        var refused = await viewer.GetAsync($"/reports/{draft}");
        var refusedDiff = await viewer.GetAsync($"/reports/{returned}/diff");

        task.Should().Contain("季度进展").And.Contain("2026年第二季度").And.Contain("第二季度已通过的进展").And.Contain($"/reports/{approved}");
        task.Should().NotContain("第三季度草稿里的内部数字").And.NotContain("被退回的参与单位报告").And.NotContain("2026年第三季度");
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var refusal = WebTestHelpers.Decoded(await refused.Content.ReadAsStringAsync());
        refusal.Should().Contain("该报告尚未审核通过").And.NotContain("第三季度草稿里的内部数字");
        refusedDiff.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await viewer.GetAsync($"/reports/{approved}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await viewer.GetAsync("/reports/999999")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_owning_department_and_coordinators_see_drafts_on_the_timeline_with_their_state()
    {
        await using var app = new ReviewApp();
        var owner = await app.SignedInAsync("rep-lead", Roles.Reporter, ReviewApp.Lead);
        var coordinator = await app.SignedInAsync("coord", Roles.Coordinator);
        await app.OwnTaskAsync();
        await app.AddReportAsync(ReviewApp.Lead, Q3, ReportState.Draft, "第三季度草稿");
        await app.AddReportAsync(ReviewApp.Lead, Q2, ReportState.Approved, "第二季度已通过", 35);
        await app.AddReportAsync(ReviewApp.Co, Q2, ReportState.Returned, "参与单位退回的报告");

        var ownerPage = WebTestHelpers.Decoded(await owner.GetPageAsync(ReviewApp.TaskPage));
        app.Commands.Reset();
        var coordinatorPage = WebTestHelpers.Decoded(await coordinator.GetPageAsync(ReviewApp.TaskPage));
        var queries = app.Commands.Count;

        ownerPage.Should().Contain("第三季度草稿").And.Contain("第二季度已通过").And.NotContain("参与单位退回的报告");
        coordinatorPage.Should().Contain("第三季度草稿").And.Contain("参与单位退回的报告");
        var timeline = coordinatorPage[coordinatorPage.IndexOf("task-timeline", StringComparison.Ordinal)..];
        timeline.IndexOf("2026年第三季度", StringComparison.Ordinal).Should().BeLessThan(timeline.IndexOf("2026年第二季度", StringComparison.Ordinal), "the newest quarter comes first");
        coordinatorPage.Should().Contain("牵头单位本季度报告尚未审核通过", "2026Q3's lead report is a draft, so the task has no status for it");
        queries.Should().BeLessThanOrEqualTo(14, "the timeline reads its quarters and departments in two queries, and the task's owners by quarter in two more (current and past owners, ADR 22); the rest is the task, its neighbours, light and charts (PlanPagesTests)");
    }

    [Fact]
    public async Task A_reporter_of_another_department_is_refused_a_draft_by_guessing_ids_and_reads_it_once_approved()
    {
        await using var app = new ReviewApp();
        var stranger = await app.SignedInAsync("rep-co", Roles.Reporter, ReviewApp.Co);
        var coordinator = await app.SignedInAsync("coord", Roles.Coordinator);
        await app.OwnTaskAsync();
        var id = await app.AddReportAsync(ReviewApp.Lead, Q3, ReportState.Submitted, "牵头单位尚未审核的进展");

        foreach (var guess in new[] { $"/reports/{id}", $"/reports/{id}/diff", $"/reports/{id}/diff?from=1&to=2" })
        {
            var response = await stranger.GetAsync(guess);
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, guess);
            WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync()).Should().NotContain("牵头单位尚未审核的进展");
        }

        (await coordinator.PostFormAsync("/review", $"/review/{id}/approve", ReviewApp.Form(("revision", "2")))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var page = WebTestHelpers.Decoded(await stranger.GetPageAsync($"/reports/{id}"));
        page.Should().Contain("牵头单位尚未审核的进展").And.Contain("已通过");
        page.Should().NotContain("/review/" + id, "only coordinators get review forms");
    }

    [Fact]
    public async Task The_report_page_shows_text_as_text_and_the_history_of_every_step()
    {
        await using var app = new ReviewApp();
        var owner = await app.SignedInAsync("rep-lead", Roles.Reporter, ReviewApp.Lead);
        await app.OwnTaskAsync();
        var id = await app.AddReportAsync(ReviewApp.Lead, Q3, ReportState.Returned, "<script>alert('x')</script>进展\n第二行");

        var html = await owner.GetPageAsync($"/reports/{id}");

        html.Should().NotContain("<script>alert").And.Contain("&lt;script&gt;alert(");
        var text = WebTestHelpers.Decoded(html);
        text.Should().Contain("保存草稿").And.Contain("提交审核").And.Contain("退回修改").And.Contain("seed-coordinator");
        text.Should().Contain("请补充区县名单", "the department sees the coordinator's comment");
        text.Should().Contain($"href=\"/my/tasks/{app.TaskId}/2026Q3\"", "the department can go back to its form");
    }

    [Fact]
    public async Task The_comparison_page_shows_the_changed_field_old_and_new()
    {
        await using var app = new ReviewApp();
        var coordinator = await app.SignedInAsync("coord", Roles.Coordinator);
        await app.OwnTaskAsync();
        var id = await app.AddReportAsync(ReviewApp.Lead, Q3, ReportState.Returned, "完成督导评估。12个区县通过复核。", 40);
        await app.StepAsync(id, ReportAction.Submitted, r =>
        {
            r.Progress = "完成督导评估。15个区县通过复核。";
            r.Percent = 60;
        });

        var report = WebTestHelpers.Decoded(await coordinator.GetPageAsync($"/reports/{id}"));
        var diff = await coordinator.GetPageAsync($"/reports/{id}/diff");

        report.Should().Contain($"action=\"/reports/{id}/diff\"").And.Contain("<option value=\"2\" selected=\"selected\">").And.Contain("<option value=\"4\" selected=\"selected\">");
        var text = WebTestHelpers.Decoded(diff);
        text.Should().Contain("第2版").And.Contain("第4版");
        text.Should().Contain("本季度进展").And.Contain("完成进度").And.Contain("40%").And.Contain("60%");
        text.Should().Contain("<del class=\"diff-removed\">2</del>").And.Contain("<ins class=\"diff-added\">5</ins>");
        text.Should().NotContain("存在问题", "an unchanged field is not listed");
        (await coordinator.GetAsync($"/reports/{id}/diff?from=1&to=99")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
