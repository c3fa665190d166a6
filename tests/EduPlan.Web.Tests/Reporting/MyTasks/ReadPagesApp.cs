using System.Net;
using System.Text.RegularExpressions;
using EduPlan.Core.Organisation;
using EduPlan.Core.Reporting;
using EduPlan.Web.Tests.Ownership;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace EduPlan.Web.Tests.Reporting.MyTasks;

/// <summary>
/// The app for the reporting read pages, on 2026-09-10 in China (2026Q3 open until 2026-10-15). Owners, reports and
/// links are put straight into the database, so these tests do not depend on the report form or the review pages.
/// </summary>
public sealed partial class ReadPagesApp : EduPlanWebFactory
{
    public static readonly Quarter Q3 = new(2026, 3);
    public static readonly Quarter Q2 = new(2026, 2);

    public ReadPagesApp()
    {
        Clock = new FakeTimeProvider(ChinaTime(new DateTime(2026, 9, 10, 10, 0, 0)));
    }

    public static DateTimeOffset ChinaTime(DateTime wallClock) =>
        new(DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified), ChinaCalendar.Offset);

    public static DateTime Utc(DateTime chinaWallClock) => ChinaTime(chinaWallClock).UtcDateTime;

    /// <summary>A client signed in as a new user (password <see cref="OwnershipTestKit.Password"/>).</summary>
    public Task<HttpClient> SignedInAsync(string userName, string role, string? department = null) =>
        OwnershipTestKit.SignedInAsync(this, userName, [role], department);

    /// <summary>Sets a task's lead (when given) and adds co-departments, by short name; returns the task id.</summary>
    public async Task<int> OwnAsync(string planCode, int number, string? lead, params string[] coDepartments)
    {
        int? leadId = lead is null ? null : await EnsureDepartmentAsync(lead);
        var coIds = new List<int>();
        foreach (var co in coDepartments)
        {
            coIds.Add(await EnsureDepartmentAsync(co));
        }

        return await WithDbAsync(async db =>
        {
            var task = await db.Tasks.Include(t => t.CoDepartments).SingleAsync(t => t.Plan!.Code == planCode && t.Number == number);
            task.LeadDepartmentId = leadId ?? task.LeadDepartmentId;
            foreach (var id in coIds)
            {
                task.CoDepartments.Add(new TaskCoDepartment { TaskId = task.Id, DepartmentId = id });
            }

            await EduPlan.Application.Progress.ProgressReadModel.SaveChangesAsync(db, [task.Id]);
            return task.Id;
        });
    }

    public Task<int> IndicatorIdAsync(string name) =>
        WithDbAsync(db => db.Indicators.Where(i => i.Name == name).Select(i => i.Id).SingleAsync());

    /// <summary>A report with its history: saved, submitted at <paramref name="submittedChina"/> (all but drafts), then returned or approved a day later.</summary>
    public Task<int> AddReportAsync(
        int taskId,
        string department,
        Quarter quarter,
        ReportState state,
        DateTime? submittedChina = null,
        int percent = 40,
        IReadOnlyDictionary<int, decimal>? values = null) =>
        WithDbAsync(async db =>
        {
            var departmentId = await db.Departments.Where(d => d.ShortName == department).Select(d => d.Id).SingleAsync();
            var created = submittedChina is { } s ? Utc(s).AddDays(-1) : Clock!.GetUtcNow().UtcDateTime;
            var report = new ProgressReport
            {
                TaskId = taskId,
                DepartmentId = departmentId,
                Year = quarter.Year,
                QuarterNumber = quarter.Number,
                State = state,
                Status = ReportStatus.OnTrack,
                Percent = percent,
                Progress = "已完成年度部署",
                CreatedAt = created,
                UpdatedAt = created,
                UpdatedByName = "seed",
            };
            foreach (var (indicatorId, value) in values ?? new Dictionary<int, decimal>())
            {
                report.IndicatorValues.Add(new ReportIndicatorValue { IndicatorId = indicatorId, Value = value });
            }

            void Step(ReportAction action, ReportState after, DateTime at)
            {
                report.Revision++;
                report.UpdatedAt = at;
                report.Revisions.Add(new ReportRevision { Number = report.Revision, Action = action, StateAfter = after, At = at, ActorName = "seed", Snapshot = "{}" });
            }

            Step(ReportAction.Saved, ReportState.Draft, created);
            if (state != ReportState.Draft)
            {
                var submitted = Utc(submittedChina ?? throw new ArgumentException("A report past draft needs its submission time.", nameof(submittedChina)));
                Step(ReportAction.Submitted, ReportState.Submitted, submitted);
                report.SubmittedAt = submitted;
                if (state == ReportState.Returned)
                {
                    Step(ReportAction.Returned, ReportState.Returned, submitted.AddDays(1));
                    report.ReviewComment = "请补充佐证材料";
                }
                else if (state == ReportState.Approved)
                {
                    Step(ReportAction.Approved, ReportState.Approved, submitted.AddDays(1));
                    report.ApprovedAt = submitted.AddDays(1);
                    report.ApprovedByName = "coordinator";
                }
            }

            db.ProgressReports.Add(report);
            // As the portal's own submit and review steps do: the leaders' read model changes with the report.
            await EduPlan.Application.Progress.ProgressReadModel.SaveChangesAsync(db, [taskId]);
            return report.Id;
        });

    /// <summary>The HTML of the table row that carries <paramref name="attribute"/>, e.g. id="task-5" or data-department="市教委".</summary>
    public static string Row(string html, string attribute)
    {
        var at = html.IndexOf(attribute, StringComparison.Ordinal);
        at.Should().BeGreaterThan(0, $"the page should have a row with {attribute}");
        var start = html.LastIndexOf("<tr", at, StringComparison.Ordinal);
        var end = html.IndexOf("</tr>", at, StringComparison.Ordinal);
        return html[start..end];
    }

    /// <summary>The number in a cell marked data-col="<paramref name="column"/>" of a row.</summary>
    public static int Cell(string row, string column)
    {
        var match = Regex.Match(row, $"data-col=\"{column}\">\\s*(\\d+)");
        match.Success.Should().BeTrue($"the row should have a {column} cell");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<HttpStatusCode> StatusOfAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }
}
