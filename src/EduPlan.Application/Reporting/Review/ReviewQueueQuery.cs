using EduPlan.Application.Reporting.History;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Reporting.Review;

/// <summary>待审核: the submitted reports waiting for a coordinator, filtered, sorted and a page at a time.</summary>
public sealed class ReviewQueueQuery(EduPlanDbContext db)
{
    /// <summary>Reports on one page of the queue: a working list; the filters and pages reach the rest.</summary>
    public const int PageSize = 20;

    /// <summary>The oldest submissions first, at most <paramref name="take"/> (no filter), with how many are waiting in all.</summary>
    public Task<ReviewQueue> ListAsync(int take = 200, CancellationToken cancellationToken = default) =>
        ListAsync(new ReviewQueueFilter(), take, cancellationToken);

    /// <summary>
    /// One page of the submitted reports that match <paramref name="filter"/>, with their indicator values and
    /// evidence (never the files' bytes), how many match, how many wait in all, and the plans, departments and quarters
    /// the waiting reports belong to (what the filters offer). A page past the last shows the last.
    /// </summary>
    public async Task<ReviewQueue> ListAsync(ReviewQueueFilter filter, int pageSize = PageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        pageSize = Math.Max(1, pageSize);
        var submitted = db.ProgressReports.AsNoTracking().Where(r => r.State == ReportState.Submitted);
        var total = await submitted.CountAsync(cancellationToken);
        var matching = Filtered(submitted, filter);
        var count = filter.IsEmpty ? total : await matching.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (count + pageSize - 1) / pageSize);
        var pageNumber = Math.Clamp(filter.Page, 1, pageCount);
        var sorted = filter.Sort == ReviewQueueSort.Newest
            ? matching.OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id)
            : matching.OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id);
        var rows = await sorted
            .Skip((pageNumber - 1) * pageSize)
            .Take(pageSize)
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
        var ids = rows.Select(r => r.Id).ToList();
        var values = (await db.ReportIndicatorValues.AsNoTracking()
                .Where(v => ids.Contains(v.ReportId))
                .OrderBy(v => v.IndicatorId)
                .Select(v => new { v.ReportId, View = new ReportValueView(v.IndicatorId, v.Indicator!.Name, v.Indicator.Unit, v.Value, v.Note) })
                .ToListAsync(cancellationToken))
            .ToLookup(v => v.ReportId, v => v.View);
        var evidence = (await db.ReportEvidence.AsNoTracking()
                .Where(e => ids.Contains(e.ReportId))
                .OrderBy(e => e.Id)
                .Select(e => new { e.ReportId, View = new ReportEvidenceView(e.Id, e.Kind, e.Title, e.Url, e.ContentType, e.Length, e.AddedAt, e.AddedByName) })
                .ToListAsync(cancellationToken))
            .ToLookup(e => e.ReportId, e => e.View);
        var items = rows
            .Select(r => new ReviewQueueItem(
                r.Id, r.Revision, r.TaskId, r.PlanCode, r.PlanTitle, r.TaskNumber, r.TaskTitle, r.DepartmentName, r.ShortName, r.IsLead,
                new Quarter(r.Year, r.QuarterNumber), r.SubmittedAt, r.Status, r.Percent, r.Excerpt, r.WasReturned,
                r.WasReturned ? r.ReviewComment : null, r.WasReturned ? r.ReviewField : null)
            {
                IndicatorValues = values[r.Id].ToList(),
                Evidence = evidence[r.Id].ToList(),
            })
            .ToList();
        return new ReviewQueue(items, total)
        {
            Matching = count,
            PageNumber = pageNumber,
            PageCount = pageCount,
            Choices = await ChoicesAsync(submitted, cancellationToken),
        };
    }

    private static IQueryable<ProgressReport> Filtered(IQueryable<ProgressReport> reports, ReviewQueueFilter filter)
    {
        if (filter.PlanCode is { } plan)
        {
            reports = reports.Where(r => r.Task!.Plan!.Code == plan);
        }

        if (filter.DepartmentId is { } department)
        {
            reports = reports.Where(r => r.DepartmentId == department);
        }

        if (filter.Quarter is { } quarter)
        {
            reports = reports.Where(r => r.Year == quarter.Year && r.QuarterNumber == quarter.Number);
        }

        if (filter.SubmittedSince is { } since)
        {
            // A day in China: from its midnight there (UTC+8), as the page shows submission times.
            var from = ChinaCalendar.ToUtc(since, TimeOnly.MinValue);
            reports = reports.Where(r => r.SubmittedAt >= from);
        }

        return reports;
    }

    /// <summary>The plans, departments and quarters of the waiting reports, each with how many wait.</summary>
    private static async Task<ReviewQueueChoices> ChoicesAsync(IQueryable<ProgressReport> submitted, CancellationToken cancellationToken)
    {
        var plans = await submitted
            .GroupBy(r => new { r.Task!.Plan!.Code, r.Task.Plan.Title, r.Task.Plan.Id })
            .Select(g => new { g.Key.Code, g.Key.Title, g.Key.Id, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var departments = await submitted
            .GroupBy(r => new { r.DepartmentId, r.Department!.Name })
            .Select(g => new { g.Key.DepartmentId, g.Key.Name, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var quarters = await submitted
            .GroupBy(r => new { r.Year, r.QuarterNumber })
            .Select(g => new { g.Key.Year, g.Key.QuarterNumber, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new ReviewQueueChoices(
            plans.OrderBy(p => p.Id).Select(p => new ReviewQueueChoice<string>(p.Code, p.Title, p.Count)).ToList(),
            departments.OrderBy(d => d.Name, StringComparer.Ordinal).Select(d => new ReviewQueueChoice<int>(d.DepartmentId, d.Name, d.Count)).ToList(),
            quarters.Select(q => new ReviewQueueChoice<Quarter>(new Quarter(q.Year, q.QuarterNumber), $"{q.Year}Q{q.QuarterNumber}", q.Count))
                .OrderByDescending(q => q.Value).ToList());
    }
}
