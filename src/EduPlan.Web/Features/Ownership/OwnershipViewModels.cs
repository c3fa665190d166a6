using EduPlan.Application.Departments;
using EduPlan.Application.Ownership;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace EduPlan.Web.Features.Ownership;

/// <summary>The start page of 任务分工: the plans to choose from, with how many tasks still lack a lead department.</summary>
public sealed record OwnershipHomeViewModel(IReadOnlyList<PlanOwnershipSummary> Plans, bool HasDepartments);

/// <summary>A plan's tasks with their owners; <see cref="UnassignedOnly"/> keeps only those without a lead department.</summary>
public sealed record OwnershipPlanViewModel(PlanOwnership Plan, bool UnassignedOnly, string? Message)
{
    public int UnassignedCount => Plan.Tasks.Count(t => t.Lead is null);

    public IEnumerable<TaskOwnership> ShownTasks => UnassignedOnly ? Plan.Tasks.Where(t => t.Lead is null) : Plan.Tasks;
}

/// <summary>
/// The form for one task's owners. Only <see cref="LeadDepartmentId"/>, <see cref="CoDepartmentIds"/> and
/// <see cref="OwnershipVersion"/> are ever bound from a post; the rest is filled in by the controller.
/// </summary>
public sealed class OwnershipFormViewModel
{
    public int? LeadDepartmentId { get; set; }

    public List<int> CoDepartmentIds { get; set; } = [];

    /// <summary>The task's ownership version when the form was read (hidden field).</summary>
    public int OwnershipVersion { get; set; }

    /// <summary>The first quarter the owners take effect in ("2026Q3"); empty: the open quarter.</summary>
    public string? From { get; set; }

    /// <summary>The quarter an empty <see cref="From"/> means.</summary>
    [ValidateNever]
    public EduPlan.Core.Reporting.Quarter DefaultFrom { get; set; }

    [ValidateNever]
    public TaskOwnership Task { get; set; } = null!;

    [ValidateNever]
    public string PlanTitle { get; set; } = "";

    /// <summary>Active departments, plus any inactive one the task or the input still names.</summary>
    [ValidateNever]
    public IReadOnlyList<DepartmentReference> Departments { get; set; } = [];

    /// <summary>After a conflict: the owners stored now.</summary>
    [ValidateNever]
    public TaskOwnership? Current { get; set; }
}

/// <summary>The CSV upload page.</summary>
public sealed record OwnershipImportViewModel(IReadOnlyList<PlanOwnershipSummary> Plans, string? Error)
{
    /// <summary>The quarter the owners take effect from when none is given.</summary>
    public EduPlan.Core.Reporting.Quarter DefaultFrom { get; init; }

    /// <summary>The "from quarter" as typed.</summary>
    public string? From { get; init; }
}

/// <summary>The outcome of an upload: the tasks changed and unchanged, or every bad row.</summary>
public sealed record OwnershipImportResultViewModel(OwnershipImportResult Result, bool DryRun);
