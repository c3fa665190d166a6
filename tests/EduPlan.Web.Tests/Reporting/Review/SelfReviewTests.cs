using System.Net;
using System.Text.Json;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Core.Auditing;
using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Reporting.Review;

/// <summary>
/// No one reviews their own department's report or one they submitted: a user holding Reporter and Coordinator in
/// 市教委 is refused (403, the reason beside the item, audited, nothing changed); Reporting:AllowSelfReview lets a
/// one-person office do it, audited as its own entry.
/// </summary>
public sealed class SelfReviewTests
{
    private static readonly Quarter Q3 = new(2026, 3);

    [Fact]
    public async Task A_coordinator_of_the_reporting_department_can_neither_approve_nor_return_its_report()
    {
        await using var app = new ReviewApp();
        await app.OwnTaskAsync();
        var both = await SignedInWithBothRolesAsync(app, "edu-both", ReviewApp.Lead);
        var id = await app.AddReportAsync(ReviewApp.Lead, Q3, ReportState.Submitted);

        var approve = await both.PostFormAsync("/review", $"/review/{id}/approve", ReviewApp.Form(("revision", "2")));
        var returned = await both.PostFormAsync("/review", $"/review/{id}/return", ReviewApp.Form(("revision", "2"), ("comment", "自己退回自己")));

        approve.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        returned.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        foreach (var response in new[] { approve, returned })
        {
            WebTestHelpers.Decoded(ReviewApp.Item(await response.Content.ReadAsStringAsync(), id))
                .Should().Contain("不能审核本单位（市教委）的报告：报告须由报送单位以外的人员审核。");
        }

        var report = await app.ReportAsync(id);
        report.State.Should().Be(ReportState.Submitted);
        report.Revision.Should().Be(2);
        (await app.AuditAsync(AuditActions.ReportApproved)).Should().BeEmpty();
        (await app.AuditAsync(AuditActions.ReportReturned)).Should().BeEmpty();
        (await app.AuditAsync(AuditActions.AccessDenied)).Select(e => e.TargetName)
            .Should().Contain($"POST /review/{id}/approve").And.Contain($"POST /review/{id}/return");
    }

    [Fact]
    public async Task The_reason_is_shown_in_English_to_an_English_reader()
    {
        await using var app = new ReviewApp();
        await app.OwnTaskAsync();
        var both = await SignedInWithBothRolesAsync(app, "edu-both-en", ReviewApp.Lead);
        var id = await app.AddReportAsync(ReviewApp.Lead, Q3, ReportState.Submitted);
        (await both.PostFormAsync("/review", "/language", new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/review" }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);

        var approve = await both.PostFormAsync("/review", $"/review/{id}/approve", ReviewApp.Form(("revision", "2")));

        approve.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        WebTestHelpers.Decoded(ReviewApp.Item(await approve.Content.ReadAsStringAsync(), id))
            .Should().Contain("You cannot review a report of your own department (市教委): a report is reviewed by someone outside the department that sent it.");
    }

    [Fact]
    public async Task The_user_who_last_submitted_the_report_cannot_approve_it_after_moving_to_another_department()
    {
        await using var app = new ReviewApp();
        await app.OwnTaskAsync();
        var id = await app.AddReportAsync(ReviewApp.Lead, Q3, ReportState.Returned);
        var mover = await app.CreateUserAsync("mover", ReviewApp.Password, [Roles.Reporter, Roles.Coordinator], ReviewApp.Lead);
        await app.WithDbAsync(async db =>
        {
            // Resubmitted by the mover while still in 市教委 (revision 4), who then moved to 市财政局.
            var report = await db.ProgressReports.FindAsync(id);
            report!.State = ReportState.Submitted;
            report.Revision = 4;
            db.ReportRevisions.Add(new ReportRevision { ReportId = id, Number = 4, Action = ReportAction.Submitted, StateAfter = ReportState.Submitted, At = DateTime.UtcNow, ActorId = mover.Id, ActorName = "mover", Snapshot = "{}" });
            var user = await db.Users.FindAsync(mover.Id);
            user!.DepartmentId = await db.Departments.Where(d => d.ShortName == ReviewApp.Co).Select(d => d.Id).SingleAsync();
            return await db.SaveChangesAsync();
        });
        var client = app.CreateBrowser();
        (await client.SignInAsync("mover", ReviewApp.Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var approve = await client.PostFormAsync("/review", $"/review/{id}/approve", ReviewApp.Form(("revision", "4")));

        approve.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        WebTestHelpers.Decoded(ReviewApp.Item(await approve.Content.ReadAsStringAsync(), id))
            .Should().Contain("不能审核自己提交的报告：报告须由提交人以外的人员审核。");
        (await app.ReportAsync(id)).State.Should().Be(ReportState.Submitted);
    }

    [Fact]
    public async Task With_AllowSelfReview_a_one_person_office_approves_its_own_report_and_the_exception_is_audited()
    {
        await using var app = new ReviewApp { Settings = { ["Reporting:AllowSelfReview"] = "true" } };
        await app.OwnTaskAsync();
        var both = await SignedInWithBothRolesAsync(app, "edu-alone", ReviewApp.Lead);
        var id = await app.AddReportAsync(ReviewApp.Lead, Q3, ReportState.Submitted);

        var approve = await both.PostFormAsync("/review", $"/review/{id}/approve", ReviewApp.Form(("revision", "2")));

        approve.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.ReportAsync(id)).State.Should().Be(ReportState.Approved);
        var entry = (await app.AuditAsync(AuditActions.ReportSelfReviewed)).Should().ContainSingle().Subject;
        entry.ActorName.Should().Be("edu-alone");
        entry.Outcome.Should().Be(AuditOutcome.Success);
        entry.TargetName.Should().Be("chongqing#10 2026Q3 市教委");
        var details = JsonDocument.Parse(entry.Details!).RootElement;
        details.GetProperty("step").GetString().Should().Be("Approve");
        details.GetProperty("why").GetString().Should().Be("Department");
        (await app.AuditAsync(AuditActions.ReportApproved)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_coordinator_of_another_department_approves_without_a_self_review_entry()
    {
        await using var app = new ReviewApp();
        await app.OwnTaskAsync();
        var other = await SignedInWithBothRolesAsync(app, "fin-both", ReviewApp.Co);
        var id = await app.AddReportAsync(ReviewApp.Lead, Q3, ReportState.Submitted);

        var approve = await other.PostFormAsync("/review", $"/review/{id}/approve", ReviewApp.Form(("revision", "2")));

        approve.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.AuditAsync(AuditActions.ReportSelfReviewed)).Should().BeEmpty();
    }

    private static async Task<HttpClient> SignedInWithBothRolesAsync(ReviewApp app, string userName, string department)
    {
        await app.CreateUserAsync(userName, ReviewApp.Password, [Roles.Reporter, Roles.Coordinator], department);
        var client = app.CreateBrowser();
        (await client.SignInAsync(userName, ReviewApp.Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        return client;
    }
}
