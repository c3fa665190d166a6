using System.Globalization;
using EduPlan.Application.Ownership;
using EduPlan.Application.Progress;
using EduPlan.Application.Reporting.Editing;
using EduPlan.Application.Reporting.Review;
using EduPlan.Application.Tests.Reporting;
using EduPlan.Application.Tests.Reporting.Editing;
using EduPlan.Application.Tests.Reporting.Queries;
using EduPlan.Core.Progress;
using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Tests.Progress;

/// <summary>
/// The read model kept current by the use cases equals a rebuild from scratch, after every step of random sequences of
/// saves, submissions, approvals, returns, reopenings and ownership changes (each sequence from its own seed, so a
/// failure can be replayed). Two tasks, three departments, two open quarters, an indicator reported by one task.
/// </summary>
public sealed class ReadModelPropertyTests : IAsyncLifetime
{
    private static readonly Quarter Q2 = new(2026, 2);
    private readonly ReportingDatabase data = new();
    private int otherTask;

    public async Task InitializeAsync()
    {
        await data.InitializeAsync();
        otherTask = await data.OwnAsync("chongqing", 11, data.Science, data.Education);
        // 2026Q2 reopened until the end of the year, so both quarters take reports.
        await data.AddOverrideAsync(Q2, null, PeriodOverrideMode.Open, new DateOnly(2026, 12, 31), new DateTime(2026, 9, 1, 9, 0, 0));
    }

    public Task DisposeAsync() => data.DisposeAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task After_every_step_the_read_model_equals_a_rebuild(int seed)
    {
        var random = new Random(seed);
        var departments = new[] { data.Education, data.Finance, data.Science };
        var tasks = new[] { data.TaskId, otherTask };
        var log = new List<string>();
        for (var step = 0; step < 40; step++)
        {
            var what = random.Next(10);
            string done;
            if (what < 4)
            {
                done = await SaveAsync(random, tasks, departments);
            }
            else if (what < 8)
            {
                done = await ReviewAsync(random, what);
            }
            else
            {
                done = await ChangeLeadAsync(random, tasks, departments);
            }

            log.Add(done);
            var (stored, rebuilt) = await data.Use(async s => (Describe(await ProgressReadModel.ReadAsync(s.Db)), Describe(await ProgressReadModel.ComputeAsync(s.Db))));
            stored.Should().Equal(rebuilt, $"seed {seed}, after: {string.Join(" → ", log)}");
        }

        var steps = await data.QueryAsync(db => db.ReportRevisions.Select(r => r.Action).Distinct().ToListAsync());
        steps.Should().Contain([ReportAction.Submitted, ReportAction.Approved], "the sequence should have gone through submissions and approvals");
    }

    private async Task<string> SaveAsync(Random random, int[] tasks, int[] departments)
    {
        var taskId = tasks[random.Next(tasks.Length)];
        var departmentId = departments[random.Next(departments.Length)];
        var quarter = random.Next(2) == 0 ? Q2 : ReportingDatabase.Q3;
        var submit = random.Next(3) > 0;
        var revision = await data.QueryAsync(db => db.ProgressReports
            .Where(r => r.TaskId == taskId && r.DepartmentId == departmentId && r.Year == quarter.Year && r.QuarterNumber == quarter.Number)
            .Select(r => r.Revision).FirstOrDefaultAsync());
        var status = new[] { "OnTrack", "AtRisk", "Delayed", "NotStarted" }[random.Next(4)];
        var percent = status == "NotStarted" ? "0" : random.Next(1, 100).ToString(CultureInfo.InvariantCulture);
        var values = taskId == data.TaskId ? new[] { new IndicatorValueInput(data.CoverageIndicatorId, random.Next(60, 95).ToString(CultureInfo.InvariantCulture), null) } : [];
        var input = new ReportInput(status, percent, EditingKit.Progress, null, null, "调整统计口径", values);
        var result = await data.SaveAsync(new SaveReportCommand(taskId, quarter, departmentId, revision, input, submit));
        return $"{(submit ? "submit" : "save")} t{taskId} d{departmentId} {quarter} {percent}%: {result.Kind}";
    }

    private async Task<string> ReviewAsync(Random random, int what)
    {
        var wanted = what == 7 ? ReportState.Approved : ReportState.Submitted;
        var candidates = await data.QueryAsync(db => db.ProgressReports.Where(r => r.State == wanted).OrderBy(r => r.Id).Select(r => new { r.Id, r.Revision }).ToListAsync());
        if (candidates.Count == 0)
        {
            return $"no {wanted} report";
        }

        var report = candidates[random.Next(candidates.Count)];
        var result = await data.Use(
            s =>
            {
                var review = new ReportReview(s.Db, s.Audit, s.Clock, s.Options);
                return what switch
                {
                    < 6 => review.ApproveAsync(report.Id, report.Revision),
                    6 => review.ReturnAsync(report.Id, report.Revision, "请补充本季度的具体数据"),
                    _ => review.ReopenAsync(report.Id, report.Revision, "数据口径需调整"),
                };
            },
            ReportingDatabase.Coordinator);
        return $"{(what < 6 ? "approve" : what == 6 ? "return" : "reopen")} r{report.Id}: {result.Kind}";
    }

    private async Task<string> ChangeLeadAsync(Random random, int[] tasks, int[] departments)
    {
        var taskId = tasks[random.Next(tasks.Length)];
        var task = await data.QueryAsync(db => db.Tasks.Where(t => t.Id == taskId).Select(t => new { t.Number, t.OwnershipVersion }).SingleAsync());
        var lead = departments[random.Next(departments.Length)];
        var co = departments.Where(d => d != lead).ToList();
        var result = await data.Use(
            s => new OwnershipAdministration(s.Db, s.Audit, new OwnershipQueries(s.Db), s.Calendar).SetOwnersAsync("chongqing", task.Number, new OwnershipInput(lead, co), task.OwnershipVersion),
            ReportingDatabase.Coordinator);
        return $"lead t{taskId} → d{lead}: {result.Kind}";
    }

    private static List<string> Describe(ReadModelContents contents) =>
    [
        .. contents.Tasks.Select(p => $"task {p.TaskId} {p.Year}Q{p.QuarterNumber} reported={p.ReportedThisQuarter} approved={Facts(p.Approved)} submitted={Facts(p.Submitted)}"),
        .. contents.Indicators.Select(v => $"indicator {v.IndicatorId} {v.Year}Q{v.QuarterNumber} approved={Facts(v.Approved)} submitted={Facts(v.Submitted)}"),
        .. contents.Submissions.Select(s => $"submission {s.ReportId} t{s.TaskId} d{s.DepartmentId} {s.Year}Q{s.QuarterNumber} {s.FirstSubmittedAt:O}"),
    ];

    private static string Facts(ReportFacts f) => $"{f.ReportId}/{f.Year}Q{f.QuarterNumber}/{f.Percent}/{f.Status}/{f.HasEvidence}";

    private static string Facts(ValueFacts f) => $"{f.ReportId}/{f.Year}Q{f.QuarterNumber}/{f.Value}/{f.DepartmentId}";
}
