using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Core.Organisation;
using EduPlan.Core.Reporting;
using EduPlan.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlan.Cli.Tests.Demo;

/// <summary>What one demo run on an empty database writes (read-only checks on a shared run, see <see cref="DemoRun"/>).</summary>
[Collection(DemoRunCollection.Name)]
public sealed class DemoCommandTests(DemoRun run)
{
    private static readonly Quarter Open = new(2026, 3);
    private static readonly Quarter LastClosed = new(2026, 2);

    [Fact]
    public void The_summary_names_the_quarters_the_reports_the_password_and_whom_to_sign_in_as()
    {
        run.Result.ExitCode.Should().Be(0, run.Result.ToString());
        run.Result.Output.Should().Contain("departments:  16 (16 created)")
            .And.Contain("tasks:        81 with a lead department (81 given owners now)")
            .And.Contain("quarters:     2025Q1–2026Q2 reviewed; 2026Q3 open for entry (today 2026-09-10)")
            .And.Contain("users:        18 (18 created")
            .And.Contain("dotnet run --project src/EduPlan.Web")
            .And.Contain("coordinator").And.Contain("leader").And.Contain("jiaowei").And.Contain("yuzhong");
        run.Password.Length.Should().BeGreaterThanOrEqualTo(12);
        run.Result.Output.Split(run.Password).Length.Should().Be(2, "the password is printed exactly once");
        run.Result.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task Departments_are_chongqing_s_municipal_bodies_and_districts_with_full_and_short_names()
    {
        var departments = await run.QueryAsync(db => db.Departments.AsNoTracking().OrderBy(d => d.Id).ToListAsync());

        departments.Should().HaveCount(16);
        departments.Select(d => (d.ShortName, d.Name)).Should().Contain([
            ("市教委", "重庆市教育委员会"), ("市发展改革委", "重庆市发展和改革委员会"), ("市人力社保局", "重庆市人力资源和社会保障局"),
            ("市委编办", "中共重庆市委机构编制委员会办公室"), ("渝中区教委", "重庆市渝中区教育委员会"), ("沙坪坝区教委", "重庆市沙坪坝区教育委员会")]);
        departments.Count(d => d.Kind == DepartmentKind.District).Should().Be(4);
        (await run.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.DepartmentCreated))).Should().Be(16);
    }

    [Fact]
    public async Task Every_task_gets_a_lead_and_at_most_three_co_departments_by_topic()
    {
        var tasks = await run.QueryAsync(db => db.Tasks.AsNoTracking()
            .Select(t => new { t.Plan!.Code, t.Number, t.Title, Lead = t.LeadDepartment!.ShortName, Co = t.CoDepartments.Select(c => c.DepartmentId).Count() })
            .ToListAsync());
        var coNames = await run.QueryAsync(db => db.TaskCoDepartments.AsNoTracking()
            .Select(c => new { c.Task!.Plan!.Code, c.Task.Number, c.Department!.ShortName }).ToListAsync());

        tasks.Should().HaveCount(81).And.OnlyContain(t => t.Lead != null && t.Co <= 3);
        tasks.Where(t => t.Title.Contains("职业教育", StringComparison.Ordinal)).Should().OnlyContain(t => t.Lead == "市教委");
        coNames.Where(c => c.Code == "chongqing" && c.Number == 21).Select(c => c.ShortName).Should().Contain("市人力社保局", "优化职业教育结构 is carried with 人社");
        tasks.Single(t => t.Code == "chongqing" && t.Number == 40).Lead.Should().Be("市财政局", "完善教育经费投入机制 is the finance bureau's");
        tasks.Select(t => t.Lead).Distinct().Should().HaveCountGreaterThan(3, "leads follow the topic, not always 市教委");
        (await run.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.OwnershipChanged))).Should().Be(81);
    }

    [Fact]
    public async Task Goal_indicators_are_linked_to_fitting_tasks()
    {
        var links = await run.QueryAsync(db => db.IndicatorTaskLinks.AsNoTracking()
            .Select(l => new { l.Indicator!.Name, l.Task!.Number, Plan = l.Task.Plan!.Code }).ToListAsync());

        links.Should().Contain(l => l.Name == "教共体覆盖率" && l.Plan == "chongqing" && l.Number == 10);
        links.Select(l => l.Name).Distinct().Should().BeEquivalentTo("教共体覆盖率", "智慧教育平台应用覆盖率", "职业教育“双师型”教师占比", "普通本科高校专任教师博士学位占比");
        (await run.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.IndicatorLinked))).Should().Be(links.Count);
    }

    [Fact]
    public async Task Demo_users_sign_in_with_the_printed_password_and_hold_the_right_roles()
    {
        await using var services = DemoRun.Services(run.Sandbox);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();

        foreach (var (userName, role) in new[] { ("coordinator", Roles.Coordinator), ("leader", Roles.Viewer), ("jiaowei", Roles.Reporter), ("yuzhong", Roles.Reporter) })
        {
            var user = await users.FindByNameAsync(userName);
            user.Should().NotBeNull(userName);
            (await users.CheckPasswordAsync(user!, run.Password)).Should().BeTrue($"{userName} signs in with the printed password");
            (await users.CheckPasswordAsync(user!, run.Password + "x")).Should().BeFalse();
            (await users.GetRolesAsync(user!)).Should().Equal(role);
            user!.MustChangePassword.Should().BeFalse("a demo account is for trying the portal at once");
            user.Email.Should().EndWith("@demo.eduplan.invalid");
        }

        var reporters = await run.QueryAsync(db => db.Users.AsNoTracking().Where(u => u.DepartmentId != null)
            .Select(u => new { u.UserName, Department = db.Departments.Single(d => d.Id == u.DepartmentId).ShortName }).ToListAsync());
        reporters.Should().Contain(r => r.UserName == "jiaowei" && r.Department == "市教委");
        reporters.Select(r => r.Department).Distinct().Should().HaveCount(16, "every department has a reporter");
    }

    [Fact]
    public async Task Reports_cover_every_quarter_up_to_the_last_closed_one_and_this_quarter_s_mix_and_nothing_later()
    {
        var reports = await run.QueryAsync(db => db.ProgressReports.AsNoTracking()
            .Select(r => new { r.TaskId, r.DepartmentId, r.Year, r.QuarterNumber, r.State }).ToListAsync());
        var owners = await run.QueryAsync(async db =>
            await db.Tasks.CountAsync() + await db.TaskCoDepartments.CountAsync());

        var byQuarter = reports.GroupBy(r => new Quarter(r.Year, r.QuarterNumber)).ToDictionary(g => g.Key, g => g.ToList());
        byQuarter.Keys.Order().Should().Equal(Quarter.Range(Quarter.First, Open));
        foreach (var quarter in Quarter.Range(Quarter.First, LastClosed))
        {
            var closed = byQuarter[quarter];
            closed.Count.Should().BeInRange((int)(owners * 0.97), owners, $"nearly every task and owner reported in {quarter}");
            closed.Count(r => r.State == ReportState.Approved).Should().BeGreaterThan((int)(owners * 0.9), $"{quarter} is mostly approved");
            closed.Should().OnlyContain(r => r.State == ReportState.Approved || r.State == ReportState.Draft,
                "a closed quarter's reports were reviewed, or missed the deadline as drafts");
        }

        var open = byQuarter[Open];
        open.Select(r => r.State).Distinct().Should().BeEquivalentTo([ReportState.Draft, ReportState.Submitted, ReportState.Returned, ReportState.Approved]);
        open.Count.Should().BeInRange(owners / 2, owners * 9 / 10, "some of this quarter's reports are not written yet");
        reports.GroupBy(r => (r.TaskId, r.DepartmentId, r.Year, r.QuarterNumber)).Should().OnlyContain(g => g.Count() == 1);
    }

    [Fact]
    public async Task Every_report_s_history_is_complete_in_order_and_in_the_past()
    {
        var reports = await run.QueryAsync(db => db.ProgressReports.AsNoTracking()
            .Select(r => new
            {
                r.Id,
                r.State,
                r.Revision,
                r.SubmittedAt,
                r.ApprovedAt,
                r.ReviewComment,
                Steps = r.Revisions.OrderBy(v => v.Number).Select(v => new { v.Number, v.Action, v.StateAfter, v.At, v.ActorName, v.Comment }).ToList(),
            })
            .ToListAsync());

        foreach (var report in reports)
        {
            var steps = report.Steps;
            steps.Select(s => s.Number).Should().Equal(Enumerable.Range(1, report.Revision), $"report {report.Id} keeps every revision");
            steps[0].Action.Should().Be(ReportAction.Saved);
            steps[^1].StateAfter.Should().Be(report.State);
            steps.Select(s => s.At).Should().BeInAscendingOrder().And.OnlyContain(at => at < DemoRun.Now);
            if (report.State == ReportState.Approved)
            {
                // What the report page and the diff need: a submission and an approval by the coordinator.
                steps.Should().Contain(s => s.Action == ReportAction.Submitted);
                steps[^1].Action.Should().Be(ReportAction.Approved);
                steps[^1].ActorName.Should().Be("coordinator");
                report.ApprovedAt.Should().Be(steps[^1].At);
                report.SubmittedAt.Should().Be(steps.Last(s => s.Action == ReportAction.Submitted).At);
            }

            if (report.State == ReportState.Returned)
            {
                report.ReviewComment.Should().NotBeNullOrEmpty();
                steps[^1].Comment.Should().Be(report.ReviewComment);
            }
        }

        var sentBackThenApproved = reports.Where(r => r.State == ReportState.Approved && r.Steps.Any(s => s.Action == ReportAction.Returned)).ToList();
        sentBackThenApproved.Should().HaveCountGreaterThan(20, "a few reports were returned before approval, so history shows");
        sentBackThenApproved.Should().OnlyContain(r => r.Steps.Single(s => s.Action == ReportAction.Returned).Comment!.Length > 0
            && r.Steps.Count(s => s.Action == ReportAction.Submitted) == 2);
    }

    [Fact]
    public async Task Each_transition_is_in_the_audit_log_as_the_demo_actor_at_the_time_it_happened()
    {
        var revisions = await run.QueryAsync(db => db.ReportRevisions.AsNoTracking()
            .Where(v => v.Action != ReportAction.Saved)
            .Select(v => new { v.ReportId, v.Number, v.Action, v.At, v.ActorName }).ToListAsync());
        var entries = await run.QueryAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.TargetType == "Report")
            .Select(e => new { e.TargetId, e.Action, e.OccurredAt, e.ActorName, e.Details }).ToListAsync());

        entries.Should().HaveCount(revisions.Count);
        var expected = revisions.Select(v => (v.ReportId.ToString(System.Globalization.CultureInfo.InvariantCulture), Action(v.Action), v.At, v.ActorName));
        entries.Select(e => (e.TargetId!, e.Action, e.OccurredAt, e.ActorName)).Should().BeEquivalentTo(expected);
        entries.Where(e => e.Action == AuditActions.ReportReturned).Should().OnlyContain(e => e.Details!.Contains("\"comment\"", StringComparison.Ordinal));
        entries.Where(e => e.Action == AuditActions.ReportSubmitted).Select(e => e.ActorName).Distinct().Should().HaveCount(16, "each department's reporter submits its own");
    }

    [Fact]
    public async Task Percentages_rise_completed_reports_have_evidence_and_indicator_values_approach_their_targets()
    {
        var reports = await run.QueryAsync(db => db.ProgressReports.AsNoTracking()
            .Select(r => new { r.TaskId, r.DepartmentId, r.Year, r.QuarterNumber, r.Status, r.Percent, r.State, Evidence = r.Evidence.Count })
            .ToListAsync());
        var values = await run.QueryAsync(db => db.ReportIndicatorValues.AsNoTracking()
            .Select(v => new { v.Indicator!.Name, v.Indicator.Unit, v.Indicator.Target, v.Value, v.Report!.TaskId, v.Report.Year, v.Report.QuarterNumber })
            .ToListAsync());

        foreach (var path in reports.GroupBy(r => (r.TaskId, r.DepartmentId)))
        {
            path.OrderBy(r => r.Year).ThenBy(r => r.QuarterNumber).Select(r => r.Percent).Should().BeInAscendingOrder("a department's progress on a task never falls back");
        }

        reports.Select(r => r.Status).Distinct().Should().Contain([ReportStatus.OnTrack, ReportStatus.AtRisk, ReportStatus.Delayed, ReportStatus.Completed]);
        reports.Count(r => r.Status == ReportStatus.OnTrack).Should().BeGreaterThan(reports.Count / 2, "most tasks are on track");
        reports.Where(r => r.Status == ReportStatus.Completed).Should().OnlyContain(r => r.Percent == 100 && r.Evidence > 0);
        values.Where(v => v.Unit == "%").Should().OnlyContain(v => v.Value >= 0 && v.Value <= 100);
        var coverage = values.Where(v => v.Name == "教共体覆盖率").OrderBy(v => v.Year).ThenBy(v => v.QuarterNumber).ToList();
        coverage.Should().NotBeEmpty();
        coverage[^1].Value.Should().BeGreaterThan(coverage[0].Value).And.BeLessThanOrEqualTo(coverage[0].Target * 1.05m);
    }

    private static string Action(ReportAction action) => action switch
    {
        ReportAction.Submitted => AuditActions.ReportSubmitted,
        ReportAction.Approved => AuditActions.ReportApproved,
        ReportAction.Returned => AuditActions.ReportReturned,
        _ => action.ToString(),
    };
}
