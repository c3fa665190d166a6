using EduPlan.Application.Progress;
using EduPlan.Application.Reporting;
using EduPlan.Data;
using EduPlan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Features.Targets;

/// <summary>目标一览: the milestones and quantitative targets of all plans by year.</summary>
[Authorize(Policy = Policies.ReadPlans)]
public sealed class TargetsController(EduPlanDbContext db, ProgressQuery progress) : Controller
{
    [HttpGet("/targets")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var milestones = await db.Milestones
            .AsNoTracking()
            .OrderBy(m => m.Year)
            .ThenBy(m => m.Plan!.SortOrder)
            .Select(m => new TargetMilestone(m.Plan!.Code, m.Plan.Title, m.Year, m.Text))
            .ToListAsync(cancellationToken);

        // An indicator read from a task that left the document, or withdrawn from it, is not a current target.
        var indicators = await db.Indicators
            .AsNoTracking()
            .Where(i => i.WithdrawnAt == null && (i.TaskId == null || i.Task!.WithdrawnAt == null))
            .OrderBy(i => i.Plan!.SortOrder)
            .ThenBy(i => i.Id)
            .Select(i => new TargetIndicator(
                i.Id,
                i.Plan!.Code,
                i.Plan.Title,
                i.Name,
                i.Comparator,
                i.Target,
                i.Unit,
                i.Year,
                i.TaskId == null ? null : i.Task!.Number,
                i.TaskId == null ? null : i.Task!.Title,
                i.MilestoneId == null ? null : i.Milestone!.Year))
            .ToListAsync(cancellationToken);

        // Beside each target, where it stands: the latest approved value only (drafts and submitted reports are not
        // public), the value expected by now from its baseline, and its light (ADR 15).
        var (latest, departments) = await progress.LatestIndicatorsAsync(cancellationToken);
        // One department giving one indicator two values in a quarter is shown, not silently settled by picking one.
        var conflicts = await IndicatorValueConflicts.ApprovedAsync(db, cancellationToken);
        indicators = indicators
            .Select(i => latest.GetValueOrDefault(i.Id) is { } p
                ? i with
                {
                    Progress = p,
                    LatestDepartment = p.LatestDepartmentId is { } d ? departments.GetValueOrDefault(d) : null,
                    ConflictingValues = p.Latest is { } figure ? conflicts.GetValueOrDefault((i.Id, figure.Quarter)) ?? [] : [],
                }
                : i)
            .ToList();

        var years = milestones.Select(m => m.Year)
            .Concat(indicators.Where(i => i.Year is not null).Select(i => i.Year!.Value))
            .Distinct()
            .Order()
            .Select(year => new TargetYearGroup(
                year,
                milestones.Where(m => m.Year == year).ToList(),
                indicators.Where(i => i.Year == year).ToList()))
            .ToList();

        return View(new TargetsViewModel(years, indicators.Where(i => i.Year is null).ToList()));
    }
}
