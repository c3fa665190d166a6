using EduPlan.Application;
using EduPlan.Application.Security;
using EduPlan.Application.Users;
using EduPlan.Data;
using EduPlan.Web.Authorization;
using EduPlan.Web.Features.Shared;
using EduPlan.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EduPlan.Web.Features.Users;

/// <summary>
/// 用户管理 (/admin/users): list, create, edit, disable/enable, unlock and reset the password of users.
/// The rules and the audit trail are <see cref="UserAdministration"/>'s (reads: <see cref="UserQueries"/>); this controller
/// only binds forms and shows results.
/// </summary>
[Authorize(Policy = Policies.ManageUsers)]
[Route("admin/users")]
public sealed class UsersController(
    UserAdministration users, UserQueries queries, SeparationOfDuties separation, IStringLocalizer<SharedResources> localizer) : Controller
{
    private const string MessageKey = "UsersMessage";
    private const string ErrorKey = "UsersError";
    private const string InputPrefix = nameof(EditUserViewModel.Input);

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] UserListQuery query, CancellationToken cancellationToken)
    {
        var page = await query.ListAsync(queries, ModelState.IsValid, cancellationToken);
        return View(new UserListViewModel(
            query, page, await queries.ListDepartmentsAsync(cancellationToken), TempData[MessageKey] as string,
            await separation.FindBreachesAsync(cancellationToken)));
    }

    [HttpGet("new")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View(new CreateUserViewModel { Departments = await queries.ListDepartmentsAsync(cancellationToken) });

    [HttpPost("new")]
    public async Task<IActionResult> Create([Bind(Prefix = InputPrefix)] CreateUserInput input, CancellationToken cancellationToken)
    {
        var model = new CreateUserViewModel { Input = input, Departments = await queries.ListDepartmentsAsync(cancellationToken) };
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var result = await users.CreateAsync(input.ToNewUser(), cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result, InputPrefix);
            this.SetFailureStatus(result);
            return View(model);
        }

        return PasswordIssued(result.Value!, input.DisplayName?.Trim() ?? "", isNewUser: true);
    }

    [HttpGet("{id}/edit")]
    public async Task<IActionResult> Edit([FromRoute] string id, CancellationToken cancellationToken)
    {
        var user = await queries.GetAsync(id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        return View(new EditUserViewModel
        {
            User = user,
            Input = EditUserInput.From(user),
            Departments = await queries.ListDepartmentsAsync(cancellationToken),
            Message = TempData[MessageKey] as string,
            Error = TempData[ErrorKey] as string,
        });
    }

    [HttpPost("{id}/edit")]
    public async Task<IActionResult> Edit([FromRoute] string id, [Bind(Prefix = InputPrefix)] EditUserInput input, CancellationToken cancellationToken)
    {
        var result = ModelState.IsValid ? await users.UpdateAsync(id, input.ToChanges(), cancellationToken) : null;
        if (result?.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        if (result?.Succeeded == true)
        {
            TempData[MessageKey] = localizer[result.Changed ? "UserSaved" : "UserUnchanged", result.Value!.UserName ?? ""].Value;
            return Redirect("/admin/users");
        }

        var user = await queries.GetAsync(id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        var model = new EditUserViewModel
        {
            User = user,
            Input = input,
            Departments = await queries.ListDepartmentsAsync(cancellationToken),
        };
        if (result is not null)
        {
            this.SetFailureStatus(result);
        }

        if (result?.Kind == ResultKind.Conflict)
        {
            // Keep the input, show what is stored now and move the hidden stamp on: saving again is then a deliberate
            // choice made with the other person's change in view.
            model.Current = user;
            input.ConcurrencyStamp = user.ConcurrencyStamp;
            ModelState.Remove(InputPrefix + "." + nameof(EditUserInput.ConcurrencyStamp));
            ModelState.AddModelError(string.Empty, localizer["UserConflict"]);
        }
        else if (result is not null)
        {
            ModelState.AddErrors(result, InputPrefix);
        }

        return View(model);
    }

    [HttpPost("{id}/disable")]
    public async Task<IActionResult> Disable([FromRoute] string id, CancellationToken cancellationToken) =>
        AfterAction(id, await users.DisableAsync(id, cancellationToken), "UserDisabledMessage", "UserAlreadyDisabled");

    [HttpPost("{id}/enable")]
    public async Task<IActionResult> Enable([FromRoute] string id, CancellationToken cancellationToken) =>
        AfterAction(id, await users.EnableAsync(id, cancellationToken), "UserEnabledMessage", "UserAlreadyEnabled");

    [HttpPost("{id}/reset-password")]
    public async Task<IActionResult> ResetPassword([FromRoute] string id, CancellationToken cancellationToken)
    {
        var result = await users.ResetPasswordAsync(id, cancellationToken);
        if (!result.Succeeded)
        {
            return AfterAction(id, result, "", "");
        }

        var user = await queries.GetAsync(id, cancellationToken);
        return PasswordIssued(result.Value!, user?.DisplayName ?? "", isNewUser: false);
    }

    /// <summary>
    /// The one-time password, in the response to the POST itself: never redirected, never in TempData, never cached,
    /// so it exists only on the administrator's screen.
    /// </summary>
    private ViewResult PasswordIssued(UserChange change, string displayName, bool isNewUser)
    {
        Response.Headers.CacheControl = "no-store, no-cache, max-age=0";
        Response.Headers.Pragma = "no-cache";
        return View(nameof(PasswordIssued), new PasswordIssuedViewModel(change.UserId, change.UserName ?? "", displayName, change.OneTimePassword!, isNewUser));
    }

    private IActionResult AfterAction([FromRoute] string id, Result<UserChange> result, string doneKey, string unchangedKey)
    {
        switch (result.Kind)
        {
            case ResultKind.NotFound:
                return NotFound();
            case ResultKind.Saved:
                TempData[MessageKey] = localizer[result.Changed ? doneKey : unchangedKey, result.Value!.UserName ?? ""].Value;
                break;
            default:
                TempData[ErrorKey] = string.Join(" ", result.Messages.Select(m => m.Text()));
                break;
        }

        return Redirect($"/admin/users/{Uri.EscapeDataString(id)}/edit");
    }
}
