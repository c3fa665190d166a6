using EduPlan.Core.Organisation;
using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Tests.Reporting.Queries;

/// <summary>
/// Puts reports, owners and overrides straight into a <see cref="ReportingDatabase"/>, without the report form or the
/// review code, so the read queries are tested on their own. Times are China wall-clock times.
/// </summary>
public static class ReportSeeding
{
    public static DateTime Utc(DateTime chinaTime) =>
        new DateTimeOffset(DateTime.SpecifyKind(chinaTime, DateTimeKind.Unspecified), ChinaCalendar.Offset).UtcDateTime;

    /// <summary>Makes <paramref name="lead"/> lead the task (when given) and adds the co-departments; returns the task id.</summary>
    public static Task<int> OwnAsync(this ReportingDatabase data, string planCode, int number, int? lead, params int[] coDepartments) =>
        data.QueryAsync(async db =>
        {
            var task = await db.Tasks.Include(t => t.CoDepartments).SingleAsync(t => t.Plan!.Code == planCode && t.Number == number);
            if (lead is not null)
            {
                task.LeadDepartmentId = lead;
            }

            foreach (var co in coDepartments)
            {
                task.CoDepartments.Add(new TaskCoDepartment { TaskId = task.Id, DepartmentId = co });
            }

            await EduPlan.Application.Progress.ProgressReadModel.SaveChangesAsync(db, [task.Id]);
            return task.Id;
        });

    public static Task<int> WithdrawTaskAsync(this ReportingDatabase data, int taskId) =>
        data.QueryAsync(async db =>
        {
            var task = await db.Tasks.SingleAsync(t => t.Id == taskId);
            task.WithdrawnAt = data.Data.Clock.GetUtcNow();
            return await db.SaveChangesAsync();
        });

    /// <summary>
    /// A report with its history: a save, a submission at <paramref name="submittedChina"/> (required for every state
    /// but Draft), a return or an approval a day later, and <paramref name="resubmittedChina"/> after a return.
    /// </summary>
    public static Task<int> AddReportAsync(
        this ReportingDatabase data,
        int taskId,
        int departmentId,
        Quarter quarter,
        ReportState state,
        DateTime? submittedChina = null,
        int percent = 40,
        IReadOnlyDictionary<int, decimal>? values = null,
        DateTime? resubmittedChina = null,
        DateTime? approvedChina = null) =>
        data.QueryAsync(async db =>
        {
            if (state != ReportState.Draft && submittedChina is null)
            {
                throw new ArgumentException("A report past draft needs its submission time.", nameof(submittedChina));
            }

            var created = submittedChina is { } s ? Utc(s).AddDays(-1) : data.Data.Clock.GetUtcNow().UtcDateTime;
            var report = new ProgressReport
            {
                TaskId = taskId,
                DepartmentId = departmentId,
                Year = quarter.Year,
                QuarterNumber = quarter.Number,
                State = state,
                Status = ReportStatus.OnTrack,
                Percent = percent,
                Progress = $"{quarter} 进展 {taskId}/{departmentId}",
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
            if (submittedChina is { } submitted)
            {
                Step(ReportAction.Submitted, ReportState.Submitted, Utc(submitted));
                report.SubmittedAt = Utc(submitted);
                if (state is ReportState.Returned || resubmittedChina is not null)
                {
                    Step(ReportAction.Returned, ReportState.Returned, Utc(submitted).AddDays(1));
                    report.ReviewComment = "请补充佐证材料";
                }

                if (resubmittedChina is { } again)
                {
                    Step(ReportAction.Submitted, ReportState.Submitted, Utc(again));
                    report.SubmittedAt = Utc(again);
                    report.ReviewComment = null;
                }

                if (state == ReportState.Approved)
                {
                    var at = approvedChina is { } a ? Utc(a) : report.SubmittedAt.Value.AddDays(1);
                    Step(ReportAction.Approved, ReportState.Approved, at);
                    report.ApprovedAt = at;
                    report.ApprovedByName = "coordinator";
                }
            }

            db.ProgressReports.Add(report);
            // As the portal's submit and review steps do: the leaders' read model changes with the report.
            await EduPlan.Application.Progress.ProgressReadModel.SaveChangesAsync(db, [taskId]);
            return report.Id;
        });

    /// <summary>A coordinator's override of a quarter (department null) or a department's exception.</summary>
    public static Task<int> AddOverrideAsync(this ReportingDatabase data, Quarter quarter, int? departmentId, PeriodOverrideMode mode, DateOnly? openUntil, DateTime changedChina) =>
        data.QueryAsync(async db =>
        {
            db.ReportingPeriodOverrides.Add(new ReportingPeriodOverride
            {
                Year = quarter.Year,
                QuarterNumber = quarter.Number,
                DepartmentId = departmentId,
                Mode = mode,
                OpenUntil = openUntil,
                Reason = "测试",
                ChangedAt = Utc(changedChina),
                ChangedByName = "coordinator",
            });
            return await db.SaveChangesAsync();
        });
}
