using EduPlan.Application.Ownership;
using EduPlan.Core.Organisation;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Reporting.Queries;

/// <summary>
/// 我的任务: the tasks a department leads or joins, with this quarter's report state. Four small queries whatever the
/// number of tasks (department, tasks, the department's reports for the quarter, the quarter's window overrides).
/// </summary>
public sealed class MyTasksQuery(EduPlanDbContext db, ReportingCalendar calendar)
{
    /// <summary>The department's current tasks for <paramref name="quarter"/>; null for an unknown department.</summary>
    public async Task<MyTasksPage?> ForDepartmentAsync(int departmentId, Quarter quarter, CancellationToken cancellationToken = default)
    {
        var department = await db.Departments
            .AsNoTracking()
            .Where(d => d.Id == departmentId)
            .Select(d => new { d.Id, d.Name, d.ShortName })
            .SingleOrDefaultAsync(cancellationToken);
        if (department is null)
        {
            return null;
        }

        // The tasks the department owned in that quarter: a closed quarter keeps the owners it had.
        var spans = await TaskOwnerSpans.InAsync(db, quarter, departmentId, currentTasksOnly: true, cancellationToken: cancellationToken);
        var owned = spans.Select(s => s.TaskId).Distinct().ToList();
        var leads = spans.Where(s => s.Part == TaskPart.Lead).Select(s => s.TaskId).ToHashSet();
        var tasks = await db.Tasks
            .AsNoTracking()
            .Where(t => owned.Contains(t.Id))
            .Select(t => new
            {
                t.Id,
                t.PlanId,
                PlanCode = t.Plan!.Code,
                PlanTitle = t.Plan.Title,
                PlanOrder = t.Plan.SortOrder,
                t.Number,
                t.Title,
            })
            .ToListAsync(cancellationToken);

        int year = quarter.Year, number = quarter.Number;
        var reports = (await db.ProgressReports
            .AsNoTracking()
            .Where(r => r.DepartmentId == departmentId && r.Year == year && r.QuarterNumber == number)
            .Select(r => new { r.Id, r.TaskId, r.State, r.Status, r.Percent, r.UpdatedAt, r.UpdatedByName, r.ReviewComment })
            .ToListAsync(cancellationToken))
            .ToDictionary(r => r.TaskId);

        var window = (await calendar.LoadAsync(quarter, cancellationToken)).For(departmentId);

        var rows = tasks
            .Select(t =>
            {
                var report = reports.GetValueOrDefault(t.Id);
                var row = new MyTaskRow(
                    t.Id,
                    t.PlanCode,
                    t.Number,
                    t.Title,
                    leads.Contains(t.Id) ? TaskPart.Lead : TaskPart.CoDepartment,
                    report?.Id,
                    report?.State,
                    report?.Status,
                    report?.Percent,
                    report?.UpdatedAt,
                    report?.UpdatedByName,
                    // The coordinator's comment matters only while the report waits to be fixed.
                    report?.State == ReportState.Returned ? report.ReviewComment : null);
                return (Task: t, Row: row);
            })
            .ToList();

        var plans = rows
            .GroupBy(r => (r.Task.PlanOrder, r.Task.PlanId, r.Task.PlanCode, r.Task.PlanTitle))
            .OrderBy(g => g.Key.PlanOrder)
            .ThenBy(g => g.Key.PlanId)
            .Select(g => new MyTasksPlan(
                g.Key.PlanCode,
                g.Key.PlanTitle,
                g.Select(r => r.Row)
                    .OrderBy(r => MyTaskRow.Urgency(r.State))
                    .ThenBy(r => r.Number)
                    .ToList()))
            .ToList();

        return new MyTasksPage(
            department.Id,
            department.Name,
            department.ShortName,
            quarter,
            window,
            plans,
            ReportStateCounts.Of(rows.Select(r => r.Row.State)));
    }
}
