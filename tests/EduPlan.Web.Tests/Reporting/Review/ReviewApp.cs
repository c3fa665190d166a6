using System.Net;
using System.Text.RegularExpressions;
using EduPlan.Application.Auditing;
using EduPlan.Application.Reporting;
using EduPlan.Application.Security;
using EduPlan.Core.Auditing;
using EduPlan.Core.Organisation;
using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace EduPlan.Web.Tests.Reporting.Review;

/// <summary>
/// The app with Chongqing task 10 owned by 市教委 (lead) and 市财政局 (co), the clock on 2026-09-10 in China, and
/// reports made straight in the database (each step recorded with ReportRevisions.Append), not through the report form.
/// </summary>
public sealed partial class ReviewApp : EduPlanWebFactory
{
    public const string Password = "Reporter-Passw0rd!";
    public const string Lead = "市教委";
    public const string Co = "市财政局";
    public const string TaskPage = "/plans/chongqing/tasks/10";

    private static readonly FixedAuditActor Author = new(null, "seed-reporter", "local");
    private static readonly FixedAuditActor Approver = new(null, "seed-coordinator", "local");

    public ReviewApp()
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 9, 10, 2, 0, 0, TimeSpan.Zero));
    }

    public int TaskId { get; private set; }

    /// <summary>Makes 市教委 the lead and 市财政局 a co-department of Chongqing task 10 (once).</summary>
    public async Task OwnTaskAsync()
    {
        var lead = await EnsureDepartmentAsync(Lead);
        var co = await EnsureDepartmentAsync(Co);
        TaskId = await WithDbAsync(async db =>
        {
            var task = await db.Tasks.Include(t => t.CoDepartments).SingleAsync(t => t.Plan!.Code == "chongqing" && t.Number == 10);
            if (task.LeadDepartmentId != lead)
            {
                task.LeadDepartmentId = lead;
                task.CoDepartments.Add(new TaskCoDepartment { TaskId = task.Id, DepartmentId = co });
                await db.SaveChangesAsync();
            }

            return task.Id;
        });
    }

    /// <summary>A client signed in as a new user with these roles (and department).</summary>
    public async Task<HttpClient> SignedInAsync(string userName, string role, string? department = null)
    {
        await CreateUserAsync(userName, Password, [role], department);
        var client = CreateBrowser();
        var response = await client.SignInAsync(userName, Password);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{userName} should sign in");
        return client;
    }

    /// <summary>
    /// A report of task 10 by a department, taken to <paramref name="state"/> the way the workflow does (saved, submitted,
    /// then returned or approved), each step at the current clock. Returns its id.
    /// </summary>
    public Task<int> AddReportAsync(string department, Quarter quarter, ReportState state, string progress = "完成督导评估，12个区县通过市级复核。", int percent = 40, DateTime? submittedAt = null) =>
        WithDbAsync(async db =>
        {
            var departmentId = await db.Departments.Where(d => d.ShortName == department).Select(d => d.Id).SingleAsync();
            var now = Clock!.GetUtcNow().UtcDateTime;
            var report = new ProgressReport
            {
                TaskId = TaskId,
                DepartmentId = departmentId,
                Year = quarter.Year,
                QuarterNumber = quarter.Number,
                State = ReportState.Draft,
                Status = ReportStatus.OnTrack,
                Percent = percent,
                Progress = progress,
                CreatedAt = now,
                UpdatedAt = now,
                UpdatedByName = Author.UserName,
            };
            db.ProgressReports.Add(report);
            ReportRevisions.Append(db, report, ReportAction.Saved, Author, now);
            if (state != ReportState.Draft)
            {
                report.State = ReportState.Submitted;
                report.SubmittedAt = submittedAt ?? now;
                ReportRevisions.Append(db, report, ReportAction.Submitted, Author, now);
            }

            if (state == ReportState.Returned)
            {
                report.State = ReportState.Returned;
                report.ReviewComment = "请补充区县名单";
                ReportRevisions.Append(db, report, ReportAction.Returned, Approver, now, report.ReviewComment);
            }
            else if (state == ReportState.Approved)
            {
                report.State = ReportState.Approved;
                report.ApprovedAt = now;
                report.ApprovedByName = Approver.UserName;
                ReportRevisions.Append(db, report, ReportAction.Approved, Approver, now);
            }

            await db.SaveChangesAsync();
            return report.Id;
        });

    /// <summary>The department saves or submits again after changing the report (as the form would).</summary>
    public Task StepAsync(int reportId, ReportAction action, Action<ProgressReport> change) =>
        WithDbAsync(async db =>
        {
            var report = await db.ProgressReports.Include(r => r.IndicatorValues).ThenInclude(v => v.Indicator).Include(r => r.Evidence).SingleAsync(r => r.Id == reportId);
            change(report);
            report.State = ReportWorkflow.After(report.State, action);
            var now = Clock!.GetUtcNow().UtcDateTime;
            if (action == ReportAction.Submitted)
            {
                report.SubmittedAt = now;
            }

            ReportRevisions.Append(db, report, action, Author, now);
            return await db.SaveChangesAsync();
        });

    public Task<ProgressReport> ReportAsync(int reportId) =>
        WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync(r => r.Id == reportId));

    public Task<List<AuditEntry>> AuditAsync(string action) =>
        WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.Id).ToListAsync());

    public static Dictionary<string, string> Form(params (string Key, string Value)[] fields) =>
        fields.ToDictionary(f => f.Key, f => f.Value);

    /// <summary>The HTML of one queue item (li id="report-N").</summary>
    public static string Item(string html, int reportId)
    {
        var match = Regex.Match(html, $"<li class=\"review-item\" id=\"report-{reportId}\">.*?</li>\\s*(?=<li class=\"review-item\"|</ol>)", RegexOptions.Singleline);
        match.Success.Should().BeTrue($"the queue should list report {reportId}");
        return match.Value;
    }

    public static string Coordinator => Roles.Coordinator;
}
