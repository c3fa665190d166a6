using EduPlan.Core.Plans;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Reporting;

/// <summary>Which indicators a task reports: those the parser found in the task's own text, and those linked to it.</summary>
public static class ReportIndicators
{
    /// <summary>The current (not withdrawn) indicators a task reports, as a query to project from.</summary>
    public static IQueryable<Indicator> ForTask(EduPlanDbContext db, int taskId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Indicators.Where(i => i.WithdrawnAt == null
            && (i.TaskId == taskId || db.IndicatorTaskLinks.Any(l => l.IndicatorId == i.Id && l.TaskId == taskId)));
    }

    /// <summary>The ids of the indicators each of the given tasks reports.</summary>
    public static async Task<ILookup<int, int>> ByTaskAsync(EduPlanDbContext db, IReadOnlyCollection<int> taskIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var found = await db.Indicators.AsNoTracking()
            .Where(i => i.WithdrawnAt == null && i.TaskId != null && taskIds.Contains(i.TaskId.Value))
            .Select(i => new { TaskId = i.TaskId!.Value, IndicatorId = i.Id })
            .ToListAsync(cancellationToken);
        var linked = await db.IndicatorTaskLinks.AsNoTracking()
            .Where(l => taskIds.Contains(l.TaskId) && l.Indicator!.WithdrawnAt == null)
            .Select(l => new { l.TaskId, l.IndicatorId })
            .ToListAsync(cancellationToken);
        return found.Concat(linked).Distinct().ToLookup(x => x.TaskId, x => x.IndicatorId);
    }
}
