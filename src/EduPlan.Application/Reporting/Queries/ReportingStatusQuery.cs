using EduPlan.Application.Ownership;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Reporting.Queries;

/// <summary>
/// 填报情况 (who has not reported): per department that owns any current task, its expected reports on a quarter
/// against those drafted, submitted, approved and returned, and whether they came in on time. Four queries whatever
/// the number of departments, tasks and reports.
/// </summary>
public sealed class ReportingStatusQuery(EduPlanDbContext db, ReportingCalendar calendar)
{
    public async Task<ReportingStatusPage> ForQuarterAsync(Quarter quarter, CancellationToken cancellationToken = default)
    {
        // Who is expected to report on what: the lead and the co-departments of every current task in that quarter.
        var owners = await TaskOwnerSpans.InAsync(db, quarter, currentTasksOnly: true, cancellationToken: cancellationToken);

        int year = quarter.Year, number = quarter.Number;
        // The first submission is the earliest Submitted step in the history: a later resubmission does not make
        // a report that first came in on time late.
        var reports = (await db.ProgressReports
            .AsNoTracking()
            .Where(r => r.Year == year && r.QuarterNumber == number)
            .Select(r => new ReportRow(
                r.TaskId,
                r.DepartmentId,
                r.State,
                r.Revisions.Where(v => v.Action == ReportAction.Submitted).Min(v => (DateTime?)v.At)))
            .ToListAsync(cancellationToken))
            .ToDictionary(r => (r.TaskId, r.DepartmentId));

        var departmentIds = owners.Select(o => o.DepartmentId).Distinct().ToList();
        var departments = await db.Departments
            .AsNoTracking()
            .Where(d => departmentIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Name, d.ShortName, d.IsActive })
            .ToListAsync(cancellationToken);

        var windows = await calendar.LoadAsync(quarter, cancellationToken);
        var tasksByDepartment = owners.ToLookup(o => o.DepartmentId, o => o.TaskId);

        var rows = departments
            .Select(d =>
            {
                var window = windows.For(d.Id);
                var deadline = windows.Deadline(d.Id);
                var closed = !window.IsOpen && window.OpenUntil is not null;
                var states = tasksByDepartment[d.Id].Distinct().Select(taskId => reports.GetValueOrDefault((taskId, d.Id))).ToList();
                var counts = new ReportingCounts(
                    Expected: states.Count,
                    NotStarted: states.Count(r => r is null),
                    Draft: states.Count(r => r?.State == ReportState.Draft),
                    Returned: states.Count(r => r?.State == ReportState.Returned),
                    Submitted: states.Count(IsIn),
                    Approved: states.Count(r => r?.State == ReportState.Approved),
                    OnTime: states.Count(r => IsIn(r) && !IsLate(r!.FirstSubmittedAt, deadline)),
                    Late: states.Count(r => IsIn(r) && IsLate(r!.FirstSubmittedAt, deadline)),
                    Overdue: closed ? states.Count(r => !IsIn(r)) : 0);
                return new DepartmentReportingStatus(d.Id, d.Name, d.ShortName, d.IsActive, window, deadline, counts);
            })
            // Worst first: reports past their deadline, then the smallest share in, then late ones.
            .OrderByDescending(r => r.Counts.Overdue)
            .ThenBy(r => r.Counts.SubmittedShare)
            .ThenByDescending(r => r.Counts.Late)
            .ThenByDescending(r => r.Counts.Returned)
            .ThenBy(r => r.ShortName, StringComparer.Ordinal)
            .ToList();

        var totals = rows.Aggregate(ReportingCounts.Zero, (sum, r) => sum + r.Counts);
        return new ReportingStatusPage(quarter, windows.QuarterWide, windows.Deadline(null), rows, totals);
    }

    // 已提交 is what the coordinators have now (submitted or approved); 按时 and 逾期提交 split it by the first submission
    // (so a report first sent on time stays on time when resubmitted late), and 逾期未报 is what is not in once the
    // window has closed. A report returned after an on-time submission is 未提交 until it is sent again.
    private static bool IsIn(ReportRow? report) => report?.State is ReportState.Submitted or ReportState.Approved;

    // A submitted report always has a Submitted step; a report without one (made before histories) counts as on time.
    private static bool IsLate(DateTime? firstSubmittedUtc, DateOnly? deadline) =>
        firstSubmittedUtc is { } at && QuarterWindows.IsLate(at, deadline);

    private sealed record ReportRow(int TaskId, int DepartmentId, ReportState State, DateTime? FirstSubmittedAt);
}
