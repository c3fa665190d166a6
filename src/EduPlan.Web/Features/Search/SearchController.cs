using EduPlan.Data;
using EduPlan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Features.Search;

/// <summary>搜索: finds a Chinese phrase in the titles and texts of the current key tasks (withdrawn ones left out).</summary>
[Authorize(Policy = Policies.ReadPlans)]
public sealed class SearchController(EduPlanDbContext db) : Controller
{
    public const int MaxResults = 100;

    [HttpGet("/search")]
    public async Task<IActionResult> Index([FromQuery] SearchQuery query, CancellationToken cancellationToken)
    {
        var term = query.Q?.Trim();
        if (!ModelState.IsValid || string.IsNullOrEmpty(term))
        {
            return View(new SearchViewModel(query, null));
        }

        // Contains becomes instr()/LIKE with the term as a parameter; Chinese needs no word splitting.
        var matches = db.Tasks
            .AsNoTracking()
            .Where(t => t.WithdrawnAt == null && (t.Title.Contains(term) || t.Text.Contains(term)));

        var total = await matches.CountAsync(cancellationToken);
        var rows = await matches
            .OrderBy(t => t.Plan!.SortOrder)
            .ThenBy(t => t.Number)
            .Take(MaxResults)
            .Select(t => new { PlanCode = t.Plan!.Code, PlanTitle = t.Plan.Title, t.Number, t.Title, t.Text })
            .ToListAsync(cancellationToken);

        var hits = rows
            .Select(r => new SearchHit(r.PlanCode, r.PlanTitle, r.Number, r.Title, SearchSnippet.Around(r.Text, term)))
            .ToList();
        return View(new SearchViewModel(query, new SearchResults(term, total, hits)));
    }
}
