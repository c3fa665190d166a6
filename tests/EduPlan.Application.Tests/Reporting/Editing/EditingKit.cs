using System.Text;
using EduPlan.Application;
using EduPlan.Application.Auditing;
using EduPlan.Application.Reporting;
using EduPlan.Application.Reporting.Editing;
using EduPlan.Application.Reporting.Evidence;
using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EduPlan.Application.Tests.Reporting.Editing;

/// <summary>The report form's use case on the reporting test database, and reports of earlier quarters made straight in it.</summary>
public static class EditingKit
{
    public static readonly FixedAuditActor OtherReporter = new("user-reporter-2", "reporter2", "10.0.0.12");

    public const string Progress = "完成全市义务教育优质均衡发展督导评估，12个区县通过市级复核。";

    public static Task<ReportForm?> FormAsync(this ReportingDatabase data, int departmentId, Quarter? quarter = null, int? taskId = null) =>
        data.Use(s => Service(s).GetFormAsync(taskId ?? data.TaskId, quarter ?? ReportingDatabase.Q3, departmentId));

    public static Task<Result<ReportSave>> SaveAsync(this ReportingDatabase data, SaveReportCommand command, IAuditActor? actor = null, params IInterceptor[] interceptors) =>
        data.Use(s => Service(s).SaveAsync(command), actor, interceptors);

    public static ProgressReporting Service(ReportingServices s) =>
        new(s.Db, s.Audit, s.Calendar, s.Clock, s.Options, new EvidenceStore(s.Options, s.Clock));

    /// <summary>A command for Chongqing task 10 in 2026Q3 (unless said otherwise) from <paramref name="departmentId"/>.</summary>
    public static SaveReportCommand Command(
        this ReportingDatabase data,
        int departmentId,
        ReportInput? input = null,
        bool submit = false,
        int revision = 0,
        Quarter? quarter = null) =>
        new(data.TaskId, quarter ?? ReportingDatabase.Q3, departmentId, revision, input ?? Input(), submit);

    public static ReportInput Input(string status = "OnTrack", string percent = "60", string? progress = Progress, params IndicatorValueInput[] values) =>
        new(status, percent, progress, null, null, null, values);

    public static EvidenceFileUpload Pdf(string name = "督导评估报告.pdf") =>
        new(name, new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")));

    /// <summary>A Windows program (MZ header) renamed to look like a PDF.</summary>
    public static EvidenceFileUpload RenamedProgram(string name = "report.pdf")
    {
        var bytes = new byte[512];
        bytes[0] = (byte)'M';
        bytes[1] = (byte)'Z';
        return new(name, new MemoryStream(bytes));
    }

    /// <summary>A report of this department made straight in the database (e.g. an approved earlier quarter), with one history row.</summary>
    public static async Task<int> SeedReportAsync(
        this ReportingDatabase data,
        int departmentId,
        Quarter quarter,
        ReportState state,
        int percent,
        ReportStatus status = ReportStatus.OnTrack,
        string progress = "上季度进展",
        string? nextSteps = null,
        decimal? coverage = null,
        string? coverageNote = null)
    {
        await using var db = data.Data.Context();
        var now = data.Data.Clock.GetUtcNow().UtcDateTime;
        var report = new ProgressReport
        {
            TaskId = data.TaskId,
            DepartmentId = departmentId,
            Year = quarter.Year,
            QuarterNumber = quarter.Number,
            State = state,
            Status = status,
            Percent = percent,
            Progress = progress,
            NextSteps = nextSteps,
            CreatedAt = now,
            UpdatedAt = now,
            UpdatedByName = "seed",
            SubmittedAt = state == ReportState.Draft ? null : now,
            ApprovedAt = state == ReportState.Approved ? now : null,
        };
        if (coverage is { } value)
        {
            report.IndicatorValues.Add(new ReportIndicatorValue
            {
                IndicatorId = data.CoverageIndicatorId,
                Indicator = await db.Indicators.FindAsync(data.CoverageIndicatorId),
                Value = value,
                Note = coverageNote,
            });
        }

        db.ProgressReports.Add(report);
        ReportRevisions.Append(db, report, state == ReportState.Draft ? ReportAction.Saved : ReportAction.Submitted, ReportingDatabase.Reporter, now);
        await db.SaveChangesAsync();
        return report.Id;
    }

    /// <summary>Puts a stored report into a state, as a review step would (with its history row).</summary>
    public static async Task SetStateAsync(this ReportingDatabase data, int reportId, ReportState state, string? comment = null, string? field = null)
    {
        await using var db = data.Data.Context();
        var report = await db.ProgressReports
            .Include(r => r.IndicatorValues).ThenInclude(v => v.Indicator)
            .Include(r => r.Evidence)
            .SingleAsync(r => r.Id == reportId);
        report.State = state;
        report.ReviewComment = comment;
        report.ReviewField = field;
        var action = state switch
        {
            ReportState.Approved => ReportAction.Approved,
            ReportState.Returned => ReportAction.Returned,
            ReportState.Submitted => ReportAction.Submitted,
            _ => ReportAction.Saved,
        };
        ReportRevisions.Append(db, report, action, ReportingDatabase.Coordinator, data.Data.Clock.GetUtcNow().UtcDateTime, comment);
        await db.SaveChangesAsync();
    }

    public static Task<List<ProgressReport>> ReportsAsync(this ReportingDatabase data) =>
        data.QueryAsync(db => db.ProgressReports.AsNoTracking()
            .Include(r => r.IndicatorValues)
            .Include(r => r.Evidence)
            .OrderBy(r => r.Id)
            .ToListAsync());

    public static Task<ProgressReport?> ReportAsync(this ReportingDatabase data, int departmentId, Quarter? quarter = null)
    {
        var q = quarter ?? ReportingDatabase.Q3;
        return data.QueryAsync(db => db.ProgressReports.AsNoTracking()
            .Include(r => r.IndicatorValues)
            .Include(r => r.Evidence)
            .SingleOrDefaultAsync(r => r.TaskId == data.TaskId && r.DepartmentId == departmentId && r.Year == q.Year && r.QuarterNumber == q.Number));
    }

    public static Task<List<ReportRevision>> HistoryAsync(this ReportingDatabase data, int reportId) =>
        data.QueryAsync(db => db.ReportRevisions.AsNoTracking().Where(r => r.ReportId == reportId).OrderBy(r => r.Number).ToListAsync());

    /// <summary>Counts of every table a save writes to, to show that a refused save wrote nothing.</summary>
    public static Task<(int Reports, int Revisions, int Values, int Evidence, int Contents, int Audit)> CountsAsync(this ReportingDatabase data) =>
        data.QueryAsync(async db => (
            await db.ProgressReports.CountAsync(),
            await db.ReportRevisions.CountAsync(),
            await db.ReportIndicatorValues.CountAsync(),
            await db.ReportEvidence.CountAsync(),
            await db.EvidenceContents.CountAsync(),
            await db.AuditEntries.CountAsync()));
}

/// <summary>Runs some work once, just before the first save of the context it is attached to (another request's save in between).</summary>
public sealed class BeforeFirstSave(Func<Task> work) : SaveChangesInterceptor
{
    private bool done;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (!done)
        {
            done = true;
            await work();
        }

        return result;
    }
}
