using EduPlan.Application.Reporting.History;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Reporting.Review;

/// <summary>待审核: the submitted reports waiting for a coordinator, oldest submission first.</summary>
public sealed class ReviewQueueQuery(EduPlanDbContext db)
{
    /// <summary>The submitted reports, oldest submission first (at most <paramref name="take"/>), with how many are waiting in all.</summary>
    public async Task<ReviewQueue> ListAsync(int take = 200, CancellationToken cancellationToken = default)
    {
        var submitted = db.ProgressReports.AsNoTracking().Where(r => r.State == ReportState.Submitted);
        var total = await submitted.CountAsync(cancellationToken);
        var rows = await submitted
            .OrderBy(r => r.SubmittedAt)
            .ThenBy(r => r.Id)
            .Take(take)
            .Select(r => new
            {
                r.Id,
                r.Revision,
                r.TaskId,
                PlanCode = r.Task!.Plan!.Code,
                PlanTitle = r.Task.Plan.Title,
                TaskNumber = r.Task.Number,
                TaskTitle = r.Task.Title,
                DepartmentName = r.Department!.Name,
                r.Department.ShortName,
                IsLead = r.Task.LeadDepartmentId == r.DepartmentId,
                r.Year,
                r.QuarterNumber,
                r.SubmittedAt,
                r.Status,
                r.Percent,
                Excerpt = r.Progress.Length > ReportReading.ExcerptLength ? r.Progress.Substring(0, ReportReading.ExcerptLength) + "…" : r.Progress,
                WasReturned = r.Revisions.Any(v => v.Action == ReportAction.Returned || v.Action == ReportAction.Reopened),
                r.ReviewComment,
                r.ReviewField,
            })
            .ToListAsync(cancellationToken);
        var items = rows
            .Select(r => new ReviewQueueItem(
                r.Id, r.Revision, r.TaskId, r.PlanCode, r.PlanTitle, r.TaskNumber, r.TaskTitle, r.DepartmentName, r.ShortName, r.IsLead,
                new Quarter(r.Year, r.QuarterNumber), r.SubmittedAt, r.Status, r.Percent, r.Excerpt, r.WasReturned,
                r.WasReturned ? r.ReviewComment : null, r.WasReturned ? r.ReviewField : null))
            .ToList();
        return new ReviewQueue(items, total);
    }
}
