using System.ComponentModel.DataAnnotations;
using EduPlan.Application.Departments;
using EduPlan.Core.Organisation;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace EduPlan.Web.Features.Departments;

/// <summary>The department list with the message of the last action (added, saved, deleted).</summary>
public sealed record DepartmentListViewModel(IReadOnlyList<DepartmentSummary> Departments, string? Message, string? Error);

/// <summary>
/// The create and edit form. Only the fields named in the actions' [Bind] lists are ever read from a post; the choice
/// lists and the current state after a conflict are filled in by the controller.
/// </summary>
public sealed class DepartmentFormViewModel
{
    [Required(ErrorMessage = "DepartmentNameRequired")]
    [StringLength(DepartmentAdministration.NameMaxLength, ErrorMessage = "DepartmentNameTooLong")]
    [Display(Name = "DepartmentName")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "DepartmentShortNameRequired")]
    [StringLength(DepartmentAdministration.ShortNameMaxLength, ErrorMessage = "DepartmentShortNameTooLong")]
    [Display(Name = "DepartmentShortName")]
    public string ShortName { get; set; } = "";

    [Display(Name = "DepartmentKind")]
    public DepartmentKind Kind { get; set; } = DepartmentKind.MunicipalDepartment;

    [Display(Name = "DepartmentParent")]
    public int? ParentId { get; set; }

    [Display(Name = "DepartmentIsActive")]
    public bool IsActive { get; set; } = true;

    /// <summary>The <see cref="Department.Version"/> the form was read at (hidden field).</summary>
    public int Version { get; set; }

    /// <summary>Null on the create form.</summary>
    public int? Id { get; set; }

    [ValidateNever]
    public IReadOnlyList<DepartmentReference> ParentChoices { get; set; } = [];

    /// <summary>After a conflict: what is stored now, shown next to the input that was kept.</summary>
    [ValidateNever]
    public DepartmentSummary? Current { get; set; }

    public DepartmentInput ToInput() => new(Name, ShortName, Kind, ParentId, IsActive);
}

/// <summary>The delete page: what the department is, and why it cannot be deleted (or the confirm button).</summary>
public sealed record DepartmentDeleteViewModel(DepartmentSummary Department, string? Refusal);
