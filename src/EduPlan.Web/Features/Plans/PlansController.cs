using EduPlan.Application.Departments;
using EduPlan.Application.Progress;
using EduPlan.Application.Security;
using EduPlan.Core.Organisation;
using EduPlan.Core.Progress;
using EduPlan.Data;
using EduPlan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Features.Plans;

/// <summary>Reading the plans: the home page tree, a plan's page and a key task's page.</summary>
[Authorize(Policy = Policies.ReadPlans)]
public sealed class PlansController(EduPlanDbContext db, IAuthorizationService authorization, ProgressQuery progress) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        // Leaders and coordinators start from 总览 (the plans are a click away); everyone else from the plans.
        if (User.IsInRole(Roles.Viewer) || User.IsInRole(Roles.Coordinator))
        {
            return Redirect("/dashboard");
        }

        return await PlansAsync(cancellationToken);
    }

    /// <summary>The plans as a tree, for everyone (the home page of administrators, auditors and reporters).</summary>
    [HttpGet("/plans")]
    public Task<IActionResult> List(CancellationToken cancellationToken) => PlansAsync(cancellationToken);

    private async Task<IActionResult> PlansAsync(CancellationToken cancellationToken)
    {
        var plans = await db.Plans
            .AsNoTracking()
            .OrderBy(p => p.SortOrder)
            .ThenBy(p => p.Id)
            .Select(p => new PlanSummary(
                p.Id,
                p.ParentId,
                p.Code,
                p.Title,
                p.Issuer,
                p.IssuedOn,
                p.Sections.Count(s => s.WithdrawnAt == null),
                p.Tasks.Count(t => t.WithdrawnAt == null),
                p.Milestones.Count,
                p.Indicators.Count,
                p.Milestones.OrderBy(m => m.Year).Select(m => m.Year).ToList())
            { IsDraft = p.IsDraft })
            .ToListAsync(cancellationToken);

        return View("Index", new HomeViewModel(BuildTree(plans)));
    }

    [HttpGet("/plans/{code}")]
    public async Task<IActionResult> Details(string code, CancellationToken cancellationToken)
    {
        var plan = await FindPlanAsync(code, cancellationToken);
        if (plan is null)
        {
            return NotFound();
        }

        var milestones = await db.Milestones
            .AsNoTracking()
            .Where(m => m.PlanId == plan.Id)
            .OrderBy(m => m.Year)
            .Select(m => new MilestoneView(
                m.Id,
                m.Year,
                m.Text,
                m.Goals.OrderBy(g => g.Number).Select(g => new GoalView(g.Number, g.Title, g.Text)).ToList()))
            .ToListAsync(cancellationToken);

        var milestoneIndicators = await db.Indicators
            .AsNoTracking()
            .Where(i => i.PlanId == plan.Id && i.MilestoneId != null)
            .OrderBy(i => i.Id)
            .Select(i => new { MilestoneId = i.MilestoneId!.Value, View = new IndicatorView(i.Name, i.Comparator, i.Target, i.Unit, i.Year) })
            .ToListAsync(cancellationToken);
        var indicatorsByMilestone = milestoneIndicators.ToLookup(i => i.MilestoneId, i => i.View);

        var sections = await db.Sections
            .AsNoTracking()
            .Where(s => s.PlanId == plan.Id && s.WithdrawnAt == null)
            .OrderBy(s => s.Number)
            .Select(s => new SectionView(
                s.Number,
                s.Title,
                s.Text,
                s.Tasks.Where(t => t.WithdrawnAt == null)
                    .OrderBy(t => t.Number)
                    .Select(t => new TaskLink(t.Number, t.Title) { Lead = t.LeadDepartment != null ? t.LeadDepartment.ShortName : null, Label = t.Label })
                    .ToList())
            { Label = s.Label, Part = s.Part })
            .ToListAsync(cancellationToken);

        return View(new PlanDetailsViewModel(
            plan,
            milestones.Select(m => m with { Indicators = indicatorsByMilestone[m.Id].ToList() }).ToList(),
            sections));
    }

    [HttpGet("/plans/{code}/tasks/{number:int}")]
    public async Task<IActionResult> TaskDetails(string code, int number, [FromQuery] string? timeline, CancellationToken cancellationToken)
    {
        var task = await db.Tasks
            .AsNoTracking()
            .Where(t => t.Plan!.Code == code && t.Number == number)
            .Select(t => new
            {
                t.Id,
                t.PlanId,
                PlanCode = t.Plan!.Code,
                PlanTitle = t.Plan.Title,
                PlanImportedAt = t.Plan.ImportedAt,
                SectionNumber = t.Section!.Number,
                SectionTitle = t.Section.Title,
                SectionLabel = t.Section.Label,
                t.Label,
                SectionWithdrawn = t.Section.WithdrawnAt != null,
                t.Number,
                t.Title,
                t.Text,
                Withdrawn = t.WithdrawnAt != null,
                Indicators = t.Indicators
                    .OrderBy(i => i.Year == null)
                    .ThenBy(i => i.Year)
                    .ThenBy(i => i.Id)
                    .Select(i => new IndicatorView(i.Name, i.Comparator, i.Target, i.Unit, i.Year))
                    .ToList(),
                Lead = t.LeadDepartment == null
                    ? null
                    : new DepartmentReference(t.LeadDepartment.Id, t.LeadDepartment.Name, t.LeadDepartment.ShortName, t.LeadDepartment.IsActive),
                CoDepartments = t.CoDepartments
                    .OrderBy(c => c.Department!.Name)
                    .Select(c => new DepartmentReference(c.Department!.Id, c.Department.Name, c.Department.ShortName, c.Department.IsActive))
                    .ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (task is null)
        {
            return NotFound();
        }

        // The nearest current task on each side, in one query: a withdrawn task is never offered, and numbers may have gaps.
        var current = db.Tasks.AsNoTracking().Where(t => t.PlanId == task.PlanId && t.WithdrawnAt == null);
        var neighbours = await current.Where(t => t.Number < number).OrderByDescending(t => t.Number).Take(1)
            .Concat(current.Where(t => t.Number > number).OrderBy(t => t.Number).Take(1))
            .Select(t => new TaskLink(t.Number, t.Title) { Label = t.Label })
            .ToListAsync(cancellationToken);

        // The record-level check issue 4's progress reports will use: is this reporter's department an owner of the task?
        // Only a reporter can pass it, so it is not asked (and no refusal logged) for anyone else.
        var owners = new TaskOwnershipResource(task.Id, task.Lead?.Id, task.CoDepartments.Select(c => c.Id).ToList());
        var role = TaskPart.None;
        if (User.IsInRole(Roles.Reporter)
            && (await authorization.AuthorizeAsync(User, owners, TaskOwnershipOperations.ReportOnTask)).Succeeded
            && TaskOwnershipAuthorizationHandler.DepartmentOf(User) is { } departmentId)
        {
            role = owners.PartOf(departmentId);
        }

        var canEditOwnership = !task.Withdrawn && (await authorization.AuthorizeAsync(User, Policies.ManageOwnership)).Succeeded;
        // The light and the charts: approved figures only, for every reader.
        var taskProgress = task.Withdrawn ? null : await progress.ForTaskAsync(code, number, ReportBasis.Approved, cancellationToken);

        return View(new TaskDetailsViewModel(
            task.PlanCode,
            task.PlanTitle,
            task.SectionNumber,
            task.SectionTitle,
            task.Number,
            task.Title,
            task.Text,
            task.Indicators,
            neighbours.SingleOrDefault(t => t.Number < number),
            neighbours.SingleOrDefault(t => t.Number > number))
        {
            SectionWithdrawn = task.SectionWithdrawn,
            SectionLabel = task.SectionLabel,
            Label = task.Label,
            WithdrawnFromImportOf = task.Withdrawn ? task.PlanImportedAt : null,
            Lead = task.Lead,
            CoDepartments = task.CoDepartments,
            OwnDepartmentPart = role,
            CanEditOwnership = canEditOwnership,
            Progress = taskProgress,
            WholeTimeline = timeline == "all",
            CanPlan = !task.Withdrawn && User.IsInRole(Roles.Coordinator),
        });
    }

    private Task<PlanHeader?> FindPlanAsync(string code, CancellationToken cancellationToken) =>
        db.Plans
            .AsNoTracking()
            .Where(p => p.Code == code)
            .Select(p => new PlanHeader(
                p.Id,
                p.Code,
                p.Title,
                p.Issuer,
                p.IssuedOn,
                p.Parent != null ? p.Parent.Code : null,
                p.Parent != null ? p.Parent.Title : null,
                p.Preamble)
            { IsDraft = p.IsDraft })
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>Nests each plan under its parent; a plan whose parent is missing is shown as a root.</summary>
    internal static IReadOnlyList<PlanTreeNode> BuildTree(IReadOnlyList<PlanSummary> plans)
    {
        var ids = plans.Select(p => p.Id).ToHashSet();
        var byParent = plans
            .Where(p => p.ParentId is { } parent && ids.Contains(parent))
            .ToLookup(p => p.ParentId!.Value);

        PlanTreeNode Node(PlanSummary plan) =>
            new(plan, byParent[plan.Id].Select(Node).ToList());

        return plans
            .Where(p => p.ParentId is not { } parent || !ids.Contains(parent))
            .Select(Node)
            .ToList();
    }
}
