using EduPlan.Application;
using EduPlan.Application.Auditing;
using EduPlan.Application.Reporting;
using EduPlan.Application.Reporting.History;
using EduPlan.Application.Reporting.Review;
using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Tests.Reporting.Review;

/// <summary>
/// Reports made straight in the database (not through the report form), each step recorded with
/// <see cref="ReportRevisions.Append"/> as the form records it; review steps go through <see cref="ReportReview"/>.
/// </summary>
public static class ReportSeeder
{
    public const string Progress = "完成全市义务教育优质均衡发展督导评估，12个区县通过市级复核。";

    /// <summary>A new draft of Chongqing task 10 for a department (2026Q3 unless said otherwise).</summary>
    public static async Task<int> DraftAsync(
        this ReportingDatabase data,
        int departmentId,
        Quarter? quarter = null,
        string progress = Progress,
        int percent = 40,
        ReportStatus status = ReportStatus.OnTrack,
        IAuditActor? actor = null)
    {
        actor ??= ReportingDatabase.Reporter;
        var q = quarter ?? ReportingDatabase.Q3;
        await using var db = data.Data.Context();
        var now = data.Data.Clock.GetUtcNow().UtcDateTime;
        var report = new ProgressReport
        {
            TaskId = data.TaskId,
            DepartmentId = departmentId,
            Year = q.Year,
            QuarterNumber = q.Number,
            State = ReportState.Draft,
            Status = status,
            Percent = percent,
            Progress = progress,
            CreatedAt = now,
            UpdatedAt = now,
            UpdatedById = actor.UserId,
            UpdatedByName = actor.UserName,
        };
        db.ProgressReports.Add(report);
        ReportRevisions.Append(db, report, ReportAction.Saved, actor, now);
        await db.SaveChangesAsync();
        return report.Id;
    }

    /// <summary>The department saves (<see cref="ReportAction.Saved"/>) or submits a report, after <paramref name="change"/>.</summary>
    public static async Task StepAsync(
        this ReportingDatabase data,
        int reportId,
        ReportAction action,
        Action<ProgressReport>? change = null,
        IAuditActor? actor = null)
    {
        actor ??= ReportingDatabase.Reporter;
        await using var db = data.Data.Context();
        var report = await db.ProgressReports
            .Include(r => r.IndicatorValues).ThenInclude(v => v.Indicator)
            .Include(r => r.Evidence)
            .SingleAsync(r => r.Id == reportId);
        var now = data.Data.Clock.GetUtcNow().UtcDateTime;
        change?.Invoke(report);
        // The snapshot names indicator values; a value the change added knows only the indicator's id.
        foreach (var value in report.IndicatorValues.Where(v => v.Indicator is null))
        {
            value.Indicator = await db.Indicators.FindAsync(value.IndicatorId);
        }

        report.State = ReportWorkflow.After(report.State, action);
        if (action == ReportAction.Submitted)
        {
            report.SubmittedAt = now;
        }

        report.UpdatedById = actor.UserId;
        report.UpdatedByName = actor.UserName;
        ReportRevisions.Append(db, report, action, actor, now);
        await db.SaveChangesAsync();
    }

    public static Task SubmitAsync(this ReportingDatabase data, int reportId, Action<ProgressReport>? change = null) =>
        data.StepAsync(reportId, ReportAction.Submitted, change);

    /// <summary>A draft, submitted at once.</summary>
    public static async Task<int> SubmittedAsync(this ReportingDatabase data, int departmentId, Quarter? quarter = null, string progress = Progress, int percent = 40)
    {
        var id = await data.DraftAsync(departmentId, quarter, progress, percent);
        await data.SubmitAsync(id);
        return id;
    }

    /// <summary>A draft, submitted and approved by the coordinator.</summary>
    public static async Task<int> ApprovedAsync(this ReportingDatabase data, int departmentId, Quarter? quarter = null, string progress = Progress, int percent = 40)
    {
        var id = await data.SubmittedAsync(departmentId, quarter, progress, percent);
        var result = await data.ReviewAsync(r => r.ApproveAsync(id, 2));
        result.Kind.Should().Be(ResultKind.Saved);
        return id;
    }

    /// <summary>A draft, submitted and returned with a comment.</summary>
    public static async Task<int> ReturnedAsync(this ReportingDatabase data, int departmentId, Quarter? quarter = null, string comment = "请补充区县名单")
    {
        var id = await data.SubmittedAsync(departmentId, quarter);
        var result = await data.ReviewAsync(r => r.ReturnAsync(id, 2, comment));
        result.Kind.Should().Be(ResultKind.Saved);
        return id;
    }

    /// <summary>Runs a review step as the coordinator (or <paramref name="actor"/>), with a fresh context.</summary>
    public static Task<Result<ReviewedReport>> ReviewAsync(this ReportingDatabase data, Func<ReportReview, Task<Result<ReviewedReport>>> step, IAuditActor? actor = null) =>
        data.Use(s => step(new ReportReview(s.Db, s.Audit, s.Clock, s.Options)), actor ?? ReportingDatabase.Coordinator);

    public static Task<T> ReadAsync<T>(this ReportingDatabase data, Func<ReportReading, Task<T>> read) =>
        data.Use(s => read(new ReportReading(s.Db)));

    /// <summary>The coordinators' review queue (at most <paramref name="take"/>), with a fresh context.</summary>
    public static Task<ReviewQueue> QueueAsync(this ReportingDatabase data, int take = 200) =>
        data.Use(s => new ReviewQueueQuery(s.Db).ListAsync(take));

    public static Task<ProgressReport> ReportAsync(this ReportingDatabase data, int reportId) =>
        data.QueryAsync(db => db.ProgressReports.AsNoTracking().SingleAsync(r => r.Id == reportId));

    public static Task<List<ReportRevision>> RevisionsAsync(this ReportingDatabase data, int reportId) =>
        data.QueryAsync(db => db.ReportRevisions.AsNoTracking().Where(r => r.ReportId == reportId).OrderBy(r => r.Number).ToListAsync());
}
