using EduPlan.Application.Ownership;
using EduPlan.Core.Organisation;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Reporting.Queries;

/// <summary>A reporter's department's work for the quarter it should report on now: the home page's first card.</summary>
/// <param name="Tasks">The department's current tasks.</param>
/// <param name="Pending">Those not yet submitted: 未填报, 草稿 or 已退回.</param>
/// <param name="Returned">Of the pending ones, those a coordinator sent back.</param>
public sealed record ReporterSummary(Quarter Quarter, PeriodWindow Window, int Tasks, int Pending, int Returned)
{
    /// <summary>The last China date of entry while the window is open, else null.</summary>
    public DateOnly? Deadline => Window.IsOpen ? Window.OpenUntil : null;
}

/// <summary>What waits for the coordinators: submitted reports, and when the oldest came in (UTC).</summary>
public sealed record CoordinatorSummary(int Waiting, DateTime? OldestSubmittedAt);

/// <summary>The counts behind the home page's cards, a few small queries each.</summary>
public sealed class ReportingSummaryQuery(EduPlanDbContext db, ReportingCalendar calendar)
{
    /// <summary>For a reporter of <paramref name="departmentId"/>: this quarter's tasks still to submit and the deadline.</summary>
    public async Task<ReporterSummary> ForDepartmentAsync(int departmentId, CancellationToken cancellationToken = default)
    {
        var quarter = await calendar.DefaultQuarterAsync(departmentId, cancellationToken);
        var window = (await calendar.LoadAsync(quarter, cancellationToken)).For(departmentId);
        int year = quarter.Year, number = quarter.Number;

        var owned = (await TaskOwnerSpans.InAsync(db, quarter, departmentId, currentTasksOnly: true, cancellationToken: cancellationToken))
            .Select(s => s.TaskId).Distinct().ToList();
        var taskCount = owned.Count;
        var states = await db.ProgressReports
            .AsNoTracking()
            .Where(r => r.DepartmentId == departmentId && r.Year == year && r.QuarterNumber == number
                && owned.Contains(r.TaskId))
            .GroupBy(r => r.State)
            .Select(g => new { State = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        int Count(ReportState state) => states.Where(s => s.State == state).Sum(s => s.Count);
        var pending = taskCount - Count(ReportState.Submitted) - Count(ReportState.Approved);
        return new ReporterSummary(quarter, window, taskCount, pending, Count(ReportState.Returned));
    }

    /// <summary>For a coordinator: how many submitted reports wait for review.</summary>
    public async Task<CoordinatorSummary> ForReviewAsync(CancellationToken cancellationToken = default)
    {
        var waiting = await db.ProgressReports
            .AsNoTracking()
            .Where(r => r.State == ReportState.Submitted)
            .GroupBy(r => 1)
            .Select(g => new { Count = g.Count(), Oldest = g.Min(r => r.SubmittedAt) })
            .SingleOrDefaultAsync(cancellationToken);
        return new CoordinatorSummary(waiting?.Count ?? 0, waiting?.Oldest);
    }
}
