using System.Net;
using EduPlan.Application.Security;
using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Reporting.Review;

/// <summary>Pages name people by their display name; the records keep the login name.</summary>
public class DisplayNameTests
{
    private static readonly Quarter Q3 = new(2026, 3);

    [Fact]
    public async Task The_report_form_the_report_page_and_a_review_conflict_name_people_by_display_name()
    {
        await using var app = new ReviewApp();
        var reporter = await app.SignedInAsync("jiaowei", Roles.Reporter, ReviewApp.Lead);
        var coordinator = await app.SignedInAsync("coord", Roles.Coordinator);
        await app.OwnTaskAsync();
        var id = await app.AddReportAsync(ReviewApp.Lead, Q3, ReportState.Submitted);
        await app.WithDbAsync(async db =>
        {
            var report = await db.ProgressReports.SingleAsync(r => r.Id == id);
            report.UpdatedByName = "jiaowei";
            report.Evidence.Add(new ReportEvidence { Kind = EvidenceKind.Link, Title = "通知", Url = "https://jw.cq.gov.cn/", AddedAt = DateTime.UtcNow, AddedByName = "jiaowei" });
            return await db.SaveChangesAsync();
        });

        var form = WebTestHelpers.Decoded(await reporter.GetPageAsync($"/my/tasks/{app.TaskId}/2026Q3"));
        var page = WebTestHelpers.Decoded(await coordinator.GetPageAsync($"/reports/{id}"));
        var token = WebTestHelpers.ReadFormToken(await coordinator.GetPageAsync("/review"), "/review", $"/review/{id}/approve");
        await app.StepAsync(id, ReportAction.Returned, r => r.UpdatedByName = "jiaowei");
        var late = await coordinator.PostAsync($"/review/{id}/approve", new FormUrlEncodedContent(ReviewApp.Form(("__RequestVerificationToken", token), ("revision", "2"))));

        form.Should().Contain("最近由 测试用户jiaowei 于").And.NotContain("由 jiaowei 于");
        page.Should().Contain("测试用户jiaowei 添加于").And.NotContain(" jiaowei 添加于");
        late.StatusCode.Should().Be(HttpStatusCode.Conflict);
        WebTestHelpers.Decoded(await late.Content.ReadAsStringAsync()).Should().Contain("已被他人更新（测试用户jiaowei，");
        (await app.ReportAsync(id)).UpdatedByName.Should().Be("jiaowei", "the record keeps the login name");
    }
}
