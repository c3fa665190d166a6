using EduPlan.Core.Plans;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Cli.Export;

/// <summary>Reads plans into <see cref="PlanExportDocument"/> with one query per table, however many tasks there are.</summary>
public static class PlanExportQuery
{
    /// <param name="planCode">Only this plan; null for all plans.</param>
    public static async Task<PlanExportDocument> LoadAsync(EduPlanDbContext db, string? planCode, CancellationToken cancellationToken)
    {
        var plans = await db.Plans.AsNoTracking()
            .Where(p => planCode == null || p.Code == planCode)
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Code)
            .Select(p => new
            {
                p.Id,
                p.Code,
                p.Title,
                p.Issuer,
                p.IssuedOn,
                ParentCode = p.Parent != null ? p.Parent.Code : null,
                p.StartYear,
                p.EndYear,
                p.Preamble,
            })
            .ToListAsync(cancellationToken);
        if (plans.Count == 0)
        {
            return new PlanExportDocument([]);
        }

        var sections = await db.Sections.AsNoTracking()
            .Where(s => planCode == null || s.Plan!.Code == planCode)
            .OrderBy(s => s.Number)
            .Select(s => new { s.Id, s.PlanId, s.Number, s.Title, s.Text, Withdrawn = s.WithdrawnAt != null })
            .ToListAsync(cancellationToken);
        var tasks = (await db.Tasks.AsNoTracking()
                .Where(t => planCode == null || t.Plan!.Code == planCode)
                .OrderBy(t => t.Number)
                .Select(t => new { t.SectionId, t.Number, t.Title, t.Text, Withdrawn = t.WithdrawnAt != null })
                .ToListAsync(cancellationToken))
            .ToLookup(t => t.SectionId, t => new TaskExport(t.Number, t.Title, t.Text, t.Withdrawn));
        var milestones = await db.Milestones.AsNoTracking()
            .Where(m => planCode == null || m.Plan!.Code == planCode)
            .OrderBy(m => m.Year)
            .Select(m => new { m.Id, m.PlanId, m.Year, m.Text })
            .ToListAsync(cancellationToken);
        var goals = (await db.Goals.AsNoTracking()
                .Where(g => planCode == null || g.Milestone!.Plan!.Code == planCode)
                .OrderBy(g => g.Number)
                .Select(g => new { g.MilestoneId, g.Number, g.Title, g.Text })
                .ToListAsync(cancellationToken))
            .ToLookup(g => g.MilestoneId, g => new GoalExport(g.Number, g.Title, g.Text));
        var indicators = (await db.Indicators.AsNoTracking()
                .Where(i => planCode == null || i.Plan!.Code == planCode)
                // Ids follow the order the importer met the indicators in the text.
                .OrderBy(i => i.Id)
                .Select(i => new
                {
                    i.PlanId,
                    i.Key,
                    i.Name,
                    i.Comparator,
                    i.Target,
                    i.Unit,
                    i.Year,
                    TaskNumber = i.Task != null ? (int?)i.Task.Number : null,
                    MilestoneYear = i.Milestone != null ? (int?)i.Milestone.Year : null,
                    i.SourceText,
                })
                .ToListAsync(cancellationToken))
            .ToLookup(
                i => i.PlanId,
                i => new IndicatorExport(
                    i.Key, i.Name, i.Comparator.ToSymbol(), Normalize(i.Target), i.Unit, i.Year, i.TaskNumber, i.MilestoneYear, i.SourceText));

        var sectionsByPlan = sections.ToLookup(
            s => s.PlanId,
            s => new SectionExport(s.Number, s.Title, s.Text, s.Withdrawn, tasks[s.Id].ToList()));
        var milestonesByPlan = milestones.ToLookup(
            m => m.PlanId,
            m => new MilestoneExport(m.Year, m.Text, goals[m.Id].ToList()));

        return new PlanExportDocument(plans
            .Select(p => new PlanExport(
                p.Code,
                p.Title,
                p.Issuer,
                p.IssuedOn,
                p.ParentCode,
                p.StartYear,
                p.EndYear,
                p.Preamble,
                sectionsByPlan[p.Id].ToList(),
                milestonesByPlan[p.Id].ToList(),
                indicators[p.Id].ToList()))
            .ToList());
    }

    /// <summary>
    /// Drops trailing zeros (90.0000 → 90, 4.50 → 4.5): the database keeps the column's scale, and
    /// System.Text.Json writes a decimal with the scale it carries.
    /// </summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;
}
