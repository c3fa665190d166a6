using EduPlan.Application;
using EduPlan.Application.Security;
using EduPlan.Application.Users;
using EduPlan.Web.Authorization;
using EduPlan.Web.Features.Shared;
using EduPlan.Web.Features.Users;
using EduPlan.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EduPlan.Web.Features.RoleGrants;

/// <summary>
/// 权限分配 (/security/users): the security administrator grants and revokes roles and unlocks accounts (三员分立).
/// The rules and the audit trail are <see cref="UserAdministration"/>'s, shared with the CLI.
/// </summary>
[Authorize(Policy = Policies.ManageSecurity)]
[Route("security/users")]
public sealed class RoleGrantsController(
    UserAdministration users, UserQueries queries, SeparationOfDuties separation, IStringLocalizer<SharedResources> localizer) : Controller
{
    private const string MessageKey = "RoleGrantsMessage";
    private const string ErrorKey = "RoleGrantsError";
    private const string InputPrefix = nameof(RoleGrantViewModel.Input);

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] UserListQuery query, CancellationToken cancellationToken)
    {
        var page = await query.ListAsync(queries, ModelState.IsValid, cancellationToken);
        return View(new RoleGrantListViewModel(query, page, await separation.FindBreachesAsync(cancellationToken), TempData[MessageKey] as string));
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Edit([FromRoute] string id, CancellationToken cancellationToken)
    {
        var user = await queries.GetAsync(id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        return View(new RoleGrantViewModel
        {
            User = user,
            Input = RoleGrantInput.From(user),
            Message = TempData[MessageKey] as string,
            Error = TempData[ErrorKey] as string,
        });
    }

    [HttpPost("{id}/roles")]
    public async Task<IActionResult> Roles([FromRoute] string id, [Bind(Prefix = InputPrefix)] RoleGrantInput input, CancellationToken cancellationToken)
    {
        var result = ModelState.IsValid ? await users.SetRolesAsync(id, input.OfferedRoles(), input.ConcurrencyStamp ?? "", cancellationToken) : null;
        if (result?.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        if (result?.Succeeded == true)
        {
            TempData[MessageKey] = localizer[result.Changed ? "RoleGrantsSaved" : "UserUnchanged", result.Value!.UserName ?? ""].Value;
            return Redirect("/security/users/" + Uri.EscapeDataString(id));
        }

        var user = await queries.GetAsync(id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        var model = new RoleGrantViewModel { User = user, Input = input };
        if (result is not null)
        {
            this.SetFailureStatus(result);
        }

        if (result?.Kind == ResultKind.Conflict)
        {
            // The ticks are kept; what is stored now is shown beside them and the stamp moves on (ADR 7: no silent overwrite).
            model.Current = user;
            input.ConcurrencyStamp = user.ConcurrencyStamp;
            ModelState.Remove(InputPrefix + "." + nameof(RoleGrantInput.ConcurrencyStamp));
            ModelState.AddModelError(string.Empty, localizer["UserConflict"]);
        }
        else if (result?.Kind is ResultKind.Refused or ResultKind.Forbidden)
        {
            ModelState.AddModelError(string.Empty, string.Join(" ", result.Messages.Select(m => m.Text())));
        }
        else if (result is not null)
        {
            // The department rule (a Reporter needs one) is about this form too: the administrator sets departments.
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Field == UserFields.Roles ? InputPrefix + "." + nameof(RoleGrantInput.Roles) : string.Empty, error.Message.Text());
            }
        }

        return View(nameof(Edit), model);
    }

    [HttpPost("{id}/unlock")]
    public async Task<IActionResult> Unlock([FromRoute] string id, CancellationToken cancellationToken)
    {
        var result = await users.UnlockAsync(id, cancellationToken);
        switch (result.Kind)
        {
            case ResultKind.NotFound:
                return NotFound();
            case ResultKind.Saved:
                TempData[MessageKey] = localizer[result.Changed ? "UserUnlockedMessage" : "UserNotLocked", result.Value!.UserName ?? ""].Value;
                break;
            default:
                TempData[ErrorKey] = string.Join(" ", result.Messages.Select(m => m.Text()));
                break;
        }

        return Redirect("/security/users/" + Uri.EscapeDataString(id));
    }
}
