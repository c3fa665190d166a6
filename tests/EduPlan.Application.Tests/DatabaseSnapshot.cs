using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Tests;

/// <summary>Every plan row with every column, as text, to prove an operation changed nothing (ids included).</summary>
public static class DatabaseSnapshot
{
    public static async Task<List<string>> TakeAsync(EduPlanDbContext db)
    {
        var rows = new List<string>();
        rows.AddRange((await db.Plans.AsNoTracking().ToListAsync()).OrderBy(p => p.Id).Select(p => string.Join("|",
            "plan", p.Id, p.Code, p.Title, p.Issuer, p.IssuedOn, p.ParentId, p.StartYear, p.EndYear, p.Preamble, p.SortOrder,
            p.ContentHash, p.SourceName, p.ImportedAt.ToString("O"), p.IsDraft)));
        rows.AddRange((await db.Sections.AsNoTracking().ToListAsync()).OrderBy(s => s.Id).Select(s => string.Join("|",
            "section", s.Id, s.PlanId, s.Number, s.Label, s.Part, s.Title, s.Text, s.WithdrawnAt?.ToString("O"))));
        rows.AddRange((await db.Tasks.AsNoTracking().ToListAsync()).OrderBy(t => t.Id).Select(t => string.Join("|",
            "task", t.Id, t.PlanId, t.SectionId, t.Number, t.Label, t.Title, t.Text, t.WithdrawnAt?.ToString("O"))));
        rows.AddRange((await db.Milestones.AsNoTracking().ToListAsync()).OrderBy(m => m.Id).Select(m => string.Join("|",
            "milestone", m.Id, m.PlanId, m.Year, m.Text)));
        rows.AddRange((await db.Goals.AsNoTracking().ToListAsync()).OrderBy(g => g.Id).Select(g => string.Join("|",
            "goal", g.Id, g.MilestoneId, g.Number, g.Title, g.Text)));
        rows.AddRange((await db.Indicators.AsNoTracking().ToListAsync()).OrderBy(i => i.Id).Select(i => string.Join("|",
            "indicator", i.Id, i.PlanId, i.Key, i.Name, i.Comparator, i.Target, i.Unit, i.Year, i.SourceText, i.TaskId, i.MilestoneId, i.Baseline, i.BaselineYear)));
        return rows;
    }
}
