using EduPlan.Application.Progress;
using EduPlan.Application.Reporting;
using EduPlan.Application.Security;
using EduPlan.Core.Progress;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using EduPlan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Features.Dashboard;

/// <summary>总览 (<c>/dashboard</c>): which targets are off track, which tasks are behind and who leads them, which departments are late.</summary>
[Authorize(Policy = Policies.ReadPlans)]
public sealed class DashboardController(EduPlanDbContext db, ProgressQuery progress, ReportingCalendar calendar) : Controller
{
    [HttpGet("/dashboard")]
    public async Task<IActionResult> Index(
        [FromQuery] string? plan, [FromQuery] string? quarter, [FromQuery] int? section, [FromQuery] int? department,
        [FromQuery] string? light, [FromQuery] string? basis, CancellationToken cancellationToken)
    {
        var plans = await db.Plans.AsNoTracking()
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Id)
            .Select(p => new { p.Code, p.Title, HasParent = p.ParentId != null })
            .ToListAsync(cancellationToken);
        if (plans.Count == 0)
        {
            return RedirectToAction("Index", "Plans");
        }

        // The plan a city's office follows: the one made under another (Chongqing's), else the first.
        var code = plan ?? plans.LastOrDefault(p => p.HasParent)?.Code ?? plans[0].Code;
        Quarter? chosen = Quarter.TryParse(quarter, out var q) && q.IsReportingQuarter ? q : null;
        var request = new ProgressRequest(code, chosen, Basis(basis), section, department);
        var result = await progress.ForPlanAsync(request, cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        var departments = result.Departments.Select(d => d.Department).OrderBy(d => d.ShortName, StringComparer.Ordinal).ToList();
        // Quarters up to today's (or the one asked for, if later): later ones have no reports yet.
        var lastOffered = calendar.CurrentQuarter();
        var quarters = Quarter.Range(Quarter.First, lastOffered < result.Quarter ? result.Quarter : lastOffered)
            .Reverse()
            .ToList();
        return View(new DashboardViewModel(
            result,
            plans.Select(p => new PlanChoice(p.Code, p.Title)).ToList(),
            quarters,
            departments,
            ParseLight(light),
            light == "all",
            User.IsInRole(Roles.Coordinator)));
    }

    /// <summary>Submitted reports count only for coordinators who ask; everyone else sees approved figures only.</summary>
    private ReportBasis Basis(string? basis) =>
        basis == "submitted" && User.IsInRole(Roles.Coordinator) ? ReportBasis.Submitted : ReportBasis.Approved;

    internal static Light? ParseLight(string? light) =>
        Enum.GetValues<Light>().Cast<Light?>().FirstOrDefault(l => l!.Value.ToApiName() == light);
}
