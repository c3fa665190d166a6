using EduPlan.Data.Identity;
using EduPlan.Web.Authorization;
using EduPlan.Web.Features.Shared;
using EduPlan.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EduPlan.Web.Features.Account;

/// <summary>Sign-in, sign-out and password change. There is no self-registration: administrators create users.</summary>
[Route("account")]
public sealed partial class AccountController(
    SignInManager<ApplicationUser> signInManager,
    UserManager<ApplicationUser> userManager,
    IStringLocalizer<SharedResources> localizer,
    TimeProvider clock,
    ILogger<AccountController> logger) : Controller
{
    [AllowAnonymous]
    [HttpGet("login")]
    public IActionResult Login(string? returnUrl)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(Url.LocalOrHome(returnUrl));
        }

        return View(new LoginViewModel { ReturnUrl = returnUrl });
    }

    [AllowAnonymous]
    [HttpPost("login")]
    public async Task<IActionResult> Login([Bind(nameof(LoginViewModel.UserName), nameof(LoginViewModel.Password), nameof(LoginViewModel.ReturnUrl))] LoginViewModel model)
    {
        if (!ModelState.IsValid)
        {
            return LoginFailed(model);
        }

        // Never log the form: a user who types the password into the user-name box would put it in the log.
        var result = await signInManager.PasswordSignInAsync(model.UserName.Trim(), model.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            LogSignedIn(model.UserName.Trim());
            return LocalRedirect(Url.LocalOrHome(model.ReturnUrl));
        }

        if (result.IsLockedOut)
        {
            LogLockedOut();
            ModelState.AddModelError(string.Empty, localizer["AccountLockedOut"]);
        }
        else
        {
            // The same words for an unknown user and a wrong password, so the form does not reveal who exists.
            LogSignInFailed();
            ModelState.AddModelError(string.Empty, localizer["InvalidLogin"]);
        }

        return LoginFailed(model);
    }

    [AllowAnonymous]
    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        await signInManager.SignOutAsync();
        return RedirectToAction(nameof(Login));
    }

    [HttpGet("change-password")]
    public IActionResult ChangePassword() => View(new ChangePasswordViewModel { IsRequired = User.MustChangePassword() });

    [HttpPost("change-password")]
    public async Task<IActionResult> ChangePassword(
        [Bind(nameof(ChangePasswordViewModel.CurrentPassword), nameof(ChangePasswordViewModel.NewPassword), nameof(ChangePasswordViewModel.ConfirmPassword))]
        ChangePasswordViewModel model)
    {
        model.IsRequired = User.MustChangePassword();
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            await signInManager.SignOutAsync();
            return RedirectToAction(nameof(Login));
        }

        if (ModelState.IsValid && model.NewPassword == model.CurrentPassword)
        {
            ModelState.AddModelError(nameof(model.NewPassword), localizer["NewPasswordSameAsCurrent"]);
        }

        if (!ModelState.IsValid)
        {
            return View(ClearPasswords(model));
        }

        var result = await userManager.ChangePasswordAsync(user, model.CurrentPassword, model.NewPassword);
        if (!result.Succeeded)
        {
            // A wrong current password belongs to its field; the password-rule errors are listed together
            // in the summary, since a field shows only its first error and the user should see them all.
            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                    ? nameof(model.CurrentPassword)
                    : string.Empty;
                ModelState.AddModelError(field, error.Description);
            }

            return View(ClearPasswords(model));
        }

        user.MustChangePassword = false;
        user.PasswordChangedAt = clock.GetUtcNow();
        await userManager.UpdateAsync(user);
        // A new cookie without the must-change claim, issued after the security stamp changed.
        await signInManager.RefreshSignInAsync(user);
        LogPasswordChanged(user.UserName ?? user.Id);
        return Redirect("/");
    }

    [AllowAnonymous]
    [HttpGet("access-denied")]
    public IActionResult AccessDenied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }

    private ViewResult LoginFailed(LoginViewModel model)
    {
        model.Password = "";
        return View(nameof(Login), model);
    }

    private static ChangePasswordViewModel ClearPasswords(ChangePasswordViewModel model)
    {
        model.CurrentPassword = "";
        model.NewPassword = "";
        model.ConfirmPassword = "";
        return model;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserName} signed in")]
    private partial void LogSignedIn(string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sign-in failed: unknown user or wrong password")]
    private partial void LogSignInFailed();

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sign-in was refused because the account is locked out")]
    private partial void LogLockedOut();

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserName} changed their password")]
    private partial void LogPasswordChanged(string userName);
}
