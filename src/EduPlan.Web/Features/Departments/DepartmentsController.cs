using EduPlan.Application;
using EduPlan.Application.Departments;
using EduPlan.Data;
using EduPlan.Web.Authorization;
using EduPlan.Web.Features.Shared;
using EduPlan.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EduPlan.Web.Features.Departments;

/// <summary>责任单位: list, create, edit, deactivate and delete departments (administrators).</summary>
[Authorize(Policy = Policies.ManageDepartments)]
[Route("admin/departments")]
public sealed class DepartmentsController(
    DepartmentAdministration departments, DepartmentQueries queries, IStringLocalizer<SharedResources> localizer) : Controller
{
    private const string MessageKey = "DepartmentsMessage";
    private const string ErrorKey = "DepartmentsError";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new DepartmentListViewModel(
            await queries.ListAsync(cancellationToken),
            TempData[MessageKey] as string,
            TempData[ErrorKey] as string));

    [HttpGet("new")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View("Edit", await WithChoicesAsync(new DepartmentFormViewModel(), cancellationToken));

    // IsActive is not offered on the create form: a new department is active, whatever is posted.
    [HttpPost("new")]
    public async Task<IActionResult> Create(
        [Bind(nameof(DepartmentFormViewModel.Name), nameof(DepartmentFormViewModel.ShortName), nameof(DepartmentFormViewModel.Kind), nameof(DepartmentFormViewModel.ParentId))]
        DepartmentFormViewModel model,
        CancellationToken cancellationToken)
    {
        model.IsActive = true;
        model.Id = null;
        if (!ModelState.IsValid)
        {
            return View("Edit", await WithChoicesAsync(model, cancellationToken));
        }

        var result = await departments.CreateAsync(model.ToInput(), cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result);
            this.SetFailureStatus(result);
            return View("Edit", await WithChoicesAsync(model, cancellationToken));
        }

        TempData[MessageKey] = localizer["DepartmentCreated", result.Value!.Name].Value;
        return Redirect("/admin/departments");
    }

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit([FromRoute] int id, CancellationToken cancellationToken)
    {
        var department = await queries.GetAsync(id, cancellationToken);
        if (department is null)
        {
            return NotFound();
        }

        var model = new DepartmentFormViewModel
        {
            Id = department.Id,
            Name = department.Name,
            ShortName = department.ShortName,
            Kind = department.Kind,
            ParentId = department.ParentId,
            IsActive = department.IsActive,
            Version = department.Version,
        };
        return View(await WithChoicesAsync(model, cancellationToken));
    }

    [HttpPost("{id:int}/edit")]
    public async Task<IActionResult> Edit(
        [FromRoute] int id,
        [Bind(nameof(DepartmentFormViewModel.Name), nameof(DepartmentFormViewModel.ShortName), nameof(DepartmentFormViewModel.Kind),
            nameof(DepartmentFormViewModel.ParentId), nameof(DepartmentFormViewModel.IsActive), nameof(DepartmentFormViewModel.Version))]
        DepartmentFormViewModel model,
        CancellationToken cancellationToken)
    {
        model.Id = id;
        if (!ModelState.IsValid)
        {
            return View(await WithChoicesAsync(model, cancellationToken));
        }

        var result = await departments.UpdateAsync(id, model.Version, model.ToInput(), cancellationToken);
        switch (result.Kind)
        {
            case ResultKind.Saved:
                TempData[MessageKey] = localizer[result.Changed ? "DepartmentSaved" : "DepartmentUnchanged", result.Value!.Name].Value;
                return Redirect("/admin/departments");
            case ResultKind.NotFound:
                return NotFound();
            case ResultKind.Conflict:
                // The page's own notice shows what is stored now beside the input.
                ShowConflict(model, result.Value!);
                break;
            default:
                ModelState.AddErrors(result);
                break;
        }

        this.SetFailureStatus(result);
        return View(await WithChoicesAsync(model, cancellationToken));
    }

    [HttpPost("{id:int}/deactivate")]
    public Task<IActionResult> Deactivate([FromRoute] int id, [FromForm] int version, CancellationToken cancellationToken) =>
        SetActiveAsync(id, version, isActive: false, cancellationToken);

    [HttpPost("{id:int}/reactivate")]
    public Task<IActionResult> Reactivate([FromRoute] int id, [FromForm] int version, CancellationToken cancellationToken) =>
        SetActiveAsync(id, version, isActive: true, cancellationToken);

    [HttpGet("{id:int}/delete")]
    public async Task<IActionResult> Delete([FromRoute] int id, CancellationToken cancellationToken)
    {
        var department = await queries.GetAsync(id, cancellationToken);
        if (department is null)
        {
            return NotFound();
        }

        return View(new DepartmentDeleteViewModel(department,
            department.Usage.IsInUse ? DepartmentAdministration.RefusalReason(department.Usage).Text() : null));
    }

    [HttpPost("{id:int}/delete")]
    [ActionName("Delete")]
    public async Task<IActionResult> DeleteConfirmed([FromRoute] int id, [FromForm] int version, CancellationToken cancellationToken)
    {
        var result = await departments.DeleteAsync(id, version, cancellationToken);
        switch (result.Kind)
        {
            case ResultKind.NotFound:
                return NotFound();
            case ResultKind.Saved:
                TempData[MessageKey] = localizer["DepartmentDeleted"].Value;
                return Redirect("/admin/departments");
            default:
                // Refused (still in use) or a conflict: show the page again with the reason, nothing deleted.
                this.SetFailureStatus(result);
                return View(new DepartmentDeleteViewModel(result.Value!, result.Reason!.Text()));
        }
    }

    private async Task<IActionResult> SetActiveAsync(int id, int version, bool isActive, CancellationToken cancellationToken)
    {
        var result = await departments.SetActiveAsync(id, version, isActive, cancellationToken);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData[MessageKey] = localizer[isActive ? "DepartmentReactivated" : "DepartmentDeactivated", result.Value!.Name].Value;
        }
        else
        {
            TempData[ErrorKey] = string.Join(" ", result.Messages.Select(m => m.Text()));
        }

        return Redirect("/admin/departments");
    }

    /// <summary>
    /// Keeps the input, shows what is stored now, and moves the hidden version on: saving again is then a deliberate
    /// choice made with the other person's change in view.
    /// </summary>
    private void ShowConflict(DepartmentFormViewModel model, DepartmentSummary current)
    {
        model.Current = current;
        model.Version = current.Version;
        ModelState.Remove(nameof(DepartmentFormViewModel.Version));
    }

    private async Task<DepartmentFormViewModel> WithChoicesAsync(DepartmentFormViewModel model, CancellationToken cancellationToken)
    {
        var all = await queries.ListReferencesAsync(cancellationToken);
        // A department cannot sit under itself; the service refuses deeper loops with a message.
        model.ParentChoices = all.Where(d => d.Id != model.Id && (d.IsActive || d.Id == model.ParentId)).ToList();
        return model;
    }
}
