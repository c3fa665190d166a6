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
                r.Id,
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
                var expected = tasksByDepartment[d.Id].Distinct().Order().ToList();
                var states = expected.Select(taskId => reports.GetValueOrDefault((taskId, d.Id))).ToList();
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
                // The lists behind the 未提交 and 逾期提交 figures, by the same tests as the counts.
                var items = expected.Zip(states, (taskId, r) => (Report: r, Item: new ExpectedReport(taskId, r?.Id, r?.State, r?.FirstSubmittedAt))).ToList();
                return new DepartmentReportingStatus(d.Id, d.Name, d.ShortName, d.IsActive, window, deadline, counts)
                {
                    Missing = items.Where(i => !IsIn(i.Report)).Select(i => i.Item).ToList(),
                    LateReports = items.Where(i => IsIn(i.Report) && IsLate(i.Report!.FirstSubmittedAt, deadline)).Select(i => i.Item).ToList(),
                };
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

    /// <summary>One department's row of <see cref="ForQuarterAsync"/> with its missing and late reports and their tasks; null when it is expected to report nothing.</summary>
    public async Task<DepartmentReportingDetail?> DepartmentAsync(Quarter quarter, int departmentId, CancellationToken cancellationToken = default)
    {
        var page = await ForQuarterAsync(quarter, cancellationToken);
        var row = page.Departments.SingleOrDefault(d => d.DepartmentId == departmentId);
        if (row is null)
        {
            return null;
        }

        var taskIds = row.Missing.Concat(row.LateReports).Select(r => r.TaskId).Distinct().ToList();
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => taskIds.Contains(t.Id))
            .Select(t => new { t.Id, PlanId = t.Plan!.Id, PlanCode = t.Plan.Code, PlanTitle = t.Plan.Title, t.Number, t.Title })
            .ToDictionaryAsync(t => t.Id, cancellationToken);
        List<ExpectedReportLine> Lines(IEnumerable<ExpectedReport> reports) => reports
            .Select(r => (Report: r, Task: tasks[r.TaskId]))
            .OrderBy(x => x.Task.PlanId).ThenBy(x => x.Task.Number)
            .Select(x => new ExpectedReportLine(x.Report, x.Task.PlanCode, x.Task.PlanTitle, x.Task.Number, x.Task.Title))
            .ToList();
        return new DepartmentReportingDetail(quarter, row, Lines(row.Missing), Lines(row.LateReports));
    }

    // 已提交 is what the coordinators have now (submitted or approved); 按时 and 逾期提交 split it by the first submission
    // (so a report first sent on time stays on time when resubmitted late), and 逾期未报 is what is not in once the
    // window has closed. A report returned after an on-time submission is 未提交 until it is sent again.
    private static bool IsIn(ReportRow? report) => report?.State is ReportState.Submitted or ReportState.Approved;

    // A submitted report always has a Submitted step; a report without one (made before histories) counts as on time.
    private static bool IsLate(DateTime? firstSubmittedUtc, DateOnly? deadline) =>
        firstSubmittedUtc is { } at && QuarterWindows.IsLate(at, deadline);

    private sealed record ReportRow(int Id, int TaskId, int DepartmentId, ReportState State, DateTime? FirstSubmittedAt);
}
