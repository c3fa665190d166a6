using EduPlan.Core.Plans;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Reporting.Queries;

/// <summary>An indicator's latest approved value: 86.5 % in 2026年第三季度, reported by 市教委.</summary>
public sealed record LatestIndicatorValue(
    int IndicatorId,
    decimal Value,
    string Unit,
    Quarter Quarter,
    int DepartmentId,
    string DepartmentName,
    string DepartmentShortName,
    int ReportId,
    DateTime? ApprovedAt)
{
    /// <summary>Whether the value meets the indicator's target (≥ 90 and so on).</summary>
    public bool Meets(Comparator comparator, decimal target) => TargetCheck.IsMet(comparator, Value, target);
}

/// <summary>Compares a value with a target the way the plan states it.</summary>
public static class TargetCheck
{
    public static bool IsMet(Comparator comparator, decimal value, decimal target) => comparator switch
    {
        Comparator.Equal => value == target,
        Comparator.AtLeast => value >= target,
        Comparator.GreaterThan => value > target,
        Comparator.AtMost => value <= target,
        Comparator.LessThan => value < target,
        _ => throw new ArgumentOutOfRangeException(nameof(comparator), comparator, null),
    };
}

/// <summary>
/// The latest approved value of each indicator, for the targets page. Only approved reports count (drafts, submitted
/// and returned ones never reach a public page). The latest quarter wins; within it the lead department's report,
/// else the one approved last. One query: the database keeps only each indicator's latest quarter.
/// </summary>
public sealed class LatestIndicatorValues(EduPlanDbContext db)
{
    /// <summary>By indicator id; an indicator without an approved value is absent.</summary>
    public async Task<IReadOnlyDictionary<int, LatestIndicatorValue>> ForIndicatorsAsync(CancellationToken cancellationToken = default)
    {
        var approved = db.ReportIndicatorValues
            .AsNoTracking()
            .Where(v => v.Report!.State == ReportState.Approved);
        var latestQuarter = approved
            .Select(v => new { v.IndicatorId, Key = (v.Report!.Year * 10) + v.Report.QuarterNumber })
            .GroupBy(v => v.IndicatorId)
            .Select(g => new { IndicatorId = g.Key, Key = g.Max(v => v.Key) });

        var rows = await (
            from v in approved
            join latest in latestQuarter on v.IndicatorId equals latest.IndicatorId
            where (v.Report!.Year * 10) + v.Report.QuarterNumber == latest.Key
            select new
            {
                v.IndicatorId,
                v.Value,
                v.Indicator!.Unit,
                v.Report!.Year,
                v.Report.QuarterNumber,
                v.Report.DepartmentId,
                DepartmentName = v.Report.Department!.Name,
                DepartmentShortName = v.Report.Department.ShortName,
                IsLead = v.Report.Task!.LeadDepartmentId == v.Report.DepartmentId,
                v.ReportId,
                v.Report.ApprovedAt,
            })
            .ToListAsync(cancellationToken);

        return rows
            .GroupBy(r => r.IndicatorId)
            .Select(g => g
                .OrderByDescending(r => r.IsLead)
                .ThenByDescending(r => r.ApprovedAt)
                .ThenByDescending(r => r.ReportId)
                .First())
            .ToDictionary(
                r => r.IndicatorId,
                r => new LatestIndicatorValue(
                    r.IndicatorId,
                    r.Value,
                    r.Unit,
                    new Quarter(r.Year, r.QuarterNumber),
                    r.DepartmentId,
                    r.DepartmentName,
                    r.DepartmentShortName,
                    r.ReportId,
                    r.ApprovedAt));
    }
}
