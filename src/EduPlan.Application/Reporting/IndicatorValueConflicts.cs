using System.Globalization;
using EduPlan.Core.Messages;
using EduPlan.Core.Plans;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Reporting;

/// <summary>
/// One value per indicator, department and quarter: when two tasks of one department both report an indicator, their
/// reports must agree. A coordinator cannot approve (publish) a report whose value differs from one already approved;
/// values that disagree from before this rule are shown as a conflict where the value is published (目标一览).
/// </summary>
public static class IndicatorValueConflicts
{
    /// <summary>
    /// Why <paramref name="report"/> (tracked, with its values and their indicators) cannot be approved: the first of its
    /// values that differs from the department's approved value of that indicator in that quarter on another task; null when none does.
    /// </summary>
    public static async Task<Message?> RefusalAsync(EduPlanDbContext db, ProgressReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(report);
        if (report.IndicatorValues.Count == 0)
        {
            return null;
        }

        var indicatorIds = report.IndicatorValues.Select(v => v.IndicatorId).ToList();
        int departmentId = report.DepartmentId, year = report.Year, number = report.QuarterNumber, reportId = report.Id;
        var approved = await db.ReportIndicatorValues.AsNoTracking()
            .Where(v => indicatorIds.Contains(v.IndicatorId) && v.ReportId != reportId
                && v.Report!.DepartmentId == departmentId && v.Report.Year == year && v.Report.QuarterNumber == number
                && v.Report.State == ReportState.Approved)
            .OrderBy(v => v.Report!.Task!.Number)
            .Select(v => new { v.IndicatorId, v.Value, TaskNumber = v.Report!.Task!.Number })
            .ToListAsync(cancellationToken);
        foreach (var value in report.IndicatorValues.OrderBy(v => v.IndicatorId))
        {
            if (approved.FirstOrDefault(a => a.IndicatorId == value.IndicatorId && a.Value != value.Value) is { } other)
            {
                return new Message("Review_IndicatorValueConflict",
                    value.Indicator?.Name ?? "", Format(value.Value), ChineseNumerals.TaskMarker(other.TaskNumber), Format(other.Value));
            }
        }

        return null;
    }

    /// <summary>
    /// The approved values that disagree: by indicator and quarter, the distinct values one department gave it there,
    /// for each indicator, department and quarter with more than one.
    /// </summary>
    public static async Task<IReadOnlyDictionary<(int IndicatorId, Quarter Quarter), IReadOnlyList<decimal>>> ApprovedAsync(EduPlanDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.ReportIndicatorValues.AsNoTracking()
            .Where(v => v.Report!.State == ReportState.Approved)
            .GroupBy(v => new { v.IndicatorId, v.Report!.DepartmentId, v.Report.Year, v.Report.QuarterNumber })
            .Where(g => g.Select(v => v.Value).Distinct().Count() > 1)
            .Select(g => new { g.Key.IndicatorId, g.Key.Year, g.Key.QuarterNumber })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return new Dictionary<(int, Quarter), IReadOnlyList<decimal>>();
        }

        var ids = rows.Select(r => r.IndicatorId).Distinct().ToList();
        var values = await db.ReportIndicatorValues.AsNoTracking()
            .Where(v => ids.Contains(v.IndicatorId) && v.Report!.State == ReportState.Approved)
            .Select(v => new { v.IndicatorId, v.Value, v.Report!.Year, v.Report.QuarterNumber })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(
            r => (r.IndicatorId, new Quarter(r.Year, r.QuarterNumber)),
            r => (IReadOnlyList<decimal>)values.Where(v => v.IndicatorId == r.IndicatorId && v.Year == r.Year && v.QuarterNumber == r.QuarterNumber)
                .Select(v => v.Value).Distinct().Order().ToList());
    }

    private static string Format(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}
