using System.Security.Claims;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Core.Auditing;
using EduPlan.Data;
using EduPlan.Data.Identity;
using EduPlan.Web.Authorization;
using EduPlan.Web.Features.Shared;
using EduPlan.Web.Infrastructure;
using EduPlan.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace EduPlan.Web.Features.Account;

/// <summary>Sign-in, sign-out and password change. There is no self-registration: administrators create users.</summary>
/// <remarks>
/// Every sign-in failure (unknown user, wrong or too long password, locked out, disabled) gets one and the same
/// answer, so the form tells an outsider nothing about which accounts exist or their state; the audit log keeps
/// the real reason. See docs/adr/0007-authentication-rules.md.
/// </remarks>
[Route("account")]
public sealed partial class AccountController(
    SignInManager<ApplicationUser> signInManager,
    UserManager<ApplicationUser> userManager,
    IPasswordHasher<ApplicationUser> passwordHasher,
    EduPlanDbContext db,
    AuditLog audit,
    TypedNameHashes typedNames,
    IOptions<SecurityOptions> security,
    IStringLocalizer<SharedResources> localizer,
    TimeProvider clock,
    ILogger<AccountController> logger) : Controller
{
    // A hash of a random password, made once with the app's own hasher (same algorithm and work factor), that
    // an unknown user's password is checked against so that the answer takes as long as for a real account.
    private static string? timingHash;

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
    [EnableRateLimiting(SignInRateLimit.PolicyName)]
    public async Task<IActionResult> Login([Bind(nameof(LoginViewModel.UserName), nameof(LoginViewModel.Password), nameof(LoginViewModel.ReturnUrl))] LoginViewModel model)
    {
        if (!ModelState.IsValid)
        {
            return LoginForm(model);
        }

        // Never log the form: a user who types the password into the user-name box would put it in the log.
        var userName = model.UserName.Trim();
        var user = userName.Length <= LoginViewModel.MaxUserNameLength ? await userManager.FindByNameAsync(userName) : null;
        var (failure, lockedNow) = await CheckPasswordAsync(user, model.Password);

        if (failure is null)
        {
            await RecordSignInAsync(user!);
            await signInManager.SignInAsync(user!, isPersistent: false, authenticationMethod: "pwd");
            LogSignedIn(user!.UserName ?? user.Id);
            return LocalRedirect(Url.LocalOrHome(model.ReturnUrl));
        }

        // The actor is whoever typed the name (not proven to be the account's owner); the account is the target. A name
        // that matches no account may be a password typed into the wrong box: only a keyed hash of it is kept.
        var actorName = user is null ? await typedNames.ActorNameAsync(userName) : user.UserName ?? user.Id;
        var actor = new FixedAuditActor(null, actorName, audit.Actor.ClientAddress);
        var target = user is null ? null : AuditTarget.User(user.Id, user.UserName);
        audit.Add(AuditActions.SignInFailed, AuditOutcome.Failure, target, new { reason = failure }, actor);
        if (lockedNow)
        {
            var rules = security.Value;
            audit.Add(AuditActions.LockedOut, AuditOutcome.Failure, target, new { failures = rules.MaxFailedSignIns, minutes = rules.LockoutMinutes }, actor);
            LogLockedOut();
        }

        // A user whose failure count could not be saved (lost every retry) must not ride along with the audit entries.
        foreach (var entry in db.ChangeTracker.Entries<ApplicationUser>().Where(e => e.State == EntityState.Modified).ToList())
        {
            entry.State = EntityState.Detached;
        }

        await db.SaveChangesAsync();
        LogSignInFailed(failure);
        return LoginForm(model);
    }

    [AllowAnonymous]
    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        if (User.Identity?.IsAuthenticated == true && User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            await audit.WriteAsync(AuditActions.SignOut, AuditOutcome.Success, AuditTarget.User(userId, User.Identity.Name));
            // Deleting the browser's cookie is not enough: a copy of it must stop working too.
            await EndSessionsAsync(userId);
        }

        await signInManager.SignOutAsync();
        return RedirectToAction(nameof(Login));
    }

    [Authorize(Policy = Policies.SignedIn)]
    [HttpGet("change-password")]
    public IActionResult ChangePassword() => View(Describe(new ChangePasswordViewModel()));

    [Authorize(Policy = Policies.SignedIn)]
    [HttpPost("change-password")]
    public async Task<IActionResult> ChangePassword(
        [Bind(nameof(ChangePasswordViewModel.CurrentPassword), nameof(ChangePasswordViewModel.NewPassword), nameof(ChangePasswordViewModel.ConfirmPassword))]
        ChangePasswordViewModel model)
    {
        Describe(model);
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            await signInManager.SignOutAsync();
            return RedirectToAction(nameof(Login));
        }

        if (await userManager.IsLockedOutAsync(user))
        {
            // Locked by wrong current passwords: the session ended then; a replayed copy of its cookie gets no more tries.
            await EndSessionsAsync(user.Id);
            await signInManager.SignOutAsync();
            return RedirectToAction(nameof(Login));
        }

        if (!ModelState.IsValid)
        {
            return await PasswordChangeFailedAsync(user, model, "InvalidForm");
        }

        if (model.NewPassword == model.CurrentPassword)
        {
            ModelState.AddModelError(nameof(model.NewPassword), localizer["NewPasswordSameAsCurrent"]);
            return await PasswordChangeFailedAsync(user, model, "SameAsCurrent");
        }

        // A current password longer than any that can be set is wrong; it is not worth hashing.
        var result = model.CurrentPassword.Length > security.Value.PasswordMaxLength
            ? IdentityResult.Failed(userManager.ErrorDescriber.PasswordMismatch())
            : await userManager.ChangePasswordAsync(user, model.CurrentPassword, model.NewPassword);
        if (!result.Succeeded)
        {
            var wrongCurrent = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch));
            if (wrongCurrent && await CountFailureAsync(user))
            {
                // Guessing the current password from an open session counts like guessing at the sign-in form.
                await audit.WriteAsync(AuditActions.PasswordChangeFailed, AuditOutcome.Failure, AuditTarget.User(user.Id, user.UserName), new { reason = "WrongCurrentPassword" });
                await audit.WriteAsync(AuditActions.LockedOut, AuditOutcome.Failure, AuditTarget.User(user.Id, user.UserName),
                    new { failures = security.Value.MaxFailedSignIns, minutes = security.Value.LockoutMinutes });
                await EndSessionsAsync(user.Id);
                await signInManager.SignOutAsync();
                return RedirectToAction(nameof(Login));
            }

            // A wrong current password belongs to its field; the password-rule errors are listed together
            // in the summary, since a field shows only its first error and the user should see them all.
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(wrongCurrent ? nameof(model.CurrentPassword) : string.Empty, error.Description);
            }

            return wrongCurrent
                ? await PasswordChangeFailedAsync(user, model, "WrongCurrentPassword")
                : await PasswordChangeFailedAsync(user, model, "PasswordRules", result.Errors.Select(e => e.Code).ToArray());
        }

        user.MustChangePassword = false;
        user.PasswordChangedAt = clock.GetUtcNow();
        audit.Add(AuditActions.PasswordChanged, AuditOutcome.Success, AuditTarget.User(user.Id, user.UserName));
        // Saves the flags and the audit entry together.
        await userManager.UpdateAsync(user);
        // A new cookie without the must-change claim, issued after the security stamp changed; same sign-in time.
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

    /// <summary>Null when the password is right and the account may sign in; otherwise the reason for the audit log.</summary>
    /// <summary>
    /// Checks a password with the failure count kept in the database, not in this request's copy of the user: each
    /// attempt first reserves one of the allowed failures with one atomic update (count + 1 where count &lt; limit), so
    /// however many guesses arrive at once, no more than the limit are ever checked. A correct password gives its
    /// reservation back (count 0); the failure that reaches the limit sets the lockout, once. The count stays at the
    /// limit while the account is locked and is cleared by the first attempt after the lockout ends.
    /// </summary>
    private async Task<(string? Failure, bool LockedNow)> CheckPasswordAsync(ApplicationUser? user, string password)
    {
        var tooLong = password.Length > security.Value.PasswordMaxLength;
        var limit = security.Value.MaxFailedSignIns;
        var now = clock.GetUtcNow();
        var lockedUntil = user?.LockoutEnd;
        if (user is { LockoutEnabled: true } && user.AccessFailedCount >= limit && lockedUntil <= now)
        {
            // The lockout is over: the failures that caused it stop counting (one request does it; the others find nothing).
            await db.Users.Where(u => u.Id == user.Id && u.AccessFailedCount >= limit && u.LockoutEnd == lockedUntil)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0));
        }

        var reserved = user is { IsDisabled: false } && !(lockedUntil > now)
            && (!user.LockoutEnabled || await db.Users.Where(u => u.Id == user.Id && u.AccessFailedCount < limit)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1)) == 1);
        if (!reserved)
        {
            // No password is checked for these, but the time one takes is spent all the same.
            if (!tooLong)
            {
                passwordHasher.VerifyHashedPassword(new ApplicationUser(), TimingHash(), password);
            }

            return (user is null ? "UnknownUser" : user.IsDisabled ? "Disabled" : "LockedOut", false);
        }

        // Longer than any password that can be set, so wrong; counted like any wrong password, never hashed.
        if (!tooLong && await userManager.CheckPasswordAsync(user!, password))
        {
            if (user!.LockoutEnabled)
            {
                await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0));
            }

            return (null, false);
        }

        var lockedNow = user!.LockoutEnabled && await db.Users
            .Where(u => u.Id == user.Id && u.AccessFailedCount >= limit && u.LockoutEnd == lockedUntil)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, now.AddMinutes(security.Value.LockoutMinutes))) == 1;
        return ("WrongPassword", lockedNow);
    }

    /// <summary>Counts a wrong current password on the change form (a signed-in user); true when it locked the account.</summary>
    private async Task<bool> CountFailureAsync(ApplicationUser user)
    {
        await userManager.AccessFailedAsync(user);
        return await userManager.IsLockedOutAsync(user);
    }

    /// <summary>
    /// Ends every open session of the user by giving them a new security stamp (SessionValidator compares it on each
    /// request). A direct update, so an administrator's open edit form of this user does not become a conflict.
    /// </summary>
    private async Task EndSessionsAsync(string userId)
    {
        var stamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, stamp));
    }

    private async Task RecordSignInAsync(ApplicationUser user)
    {
        var now = clock.GetUtcNow();
        // A direct update: saving the whole user would change its concurrency stamp under an administrator's open form.
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, now));
        await audit.WriteAsync(AuditActions.SignIn, AuditOutcome.Success, AuditTarget.User(user.Id, user.UserName),
            actingAs: new FixedAuditActor(user.Id, user.UserName ?? user.Id, audit.Actor.ClientAddress));
    }

    private string TimingHash() =>
        timingHash ??= passwordHasher.HashPassword(new ApplicationUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));

    private ViewResult LoginForm(LoginViewModel model)
    {
        if (ModelState.IsValid)
        {
            var rules = security.Value;
            ModelState.AddModelError(string.Empty, localizer["SignInFailed", localizer["InvalidLogin"], rules.MaxFailedSignIns, rules.LockoutMinutes]);
        }

        model.Password = "";
        return View(nameof(Login), model);
    }

    private async Task<ViewResult> PasswordChangeFailedAsync(ApplicationUser user, ChangePasswordViewModel model, string reason, string[]? rules = null)
    {
        // Reason codes only: never what was typed.
        await audit.WriteAsync(AuditActions.PasswordChangeFailed, AuditOutcome.Failure, AuditTarget.User(user.Id, user.UserName),
            rules is null ? new { reason } : new { reason, rules });
        model.CurrentPassword = "";
        model.NewPassword = "";
        model.ConfirmPassword = "";
        return View(nameof(ChangePassword), model);
    }

    private ChangePasswordViewModel Describe(ChangePasswordViewModel model)
    {
        var rules = security.Value;
        model.Reason = PasswordChangeRequirement.Get(HttpContext);
        model.MinLength = rules.PasswordMinLength;
        model.MaxLength = rules.PasswordMaxLength;
        model.RequiredCharacterKinds = rules.PasswordRequiredCharacterKinds;
        model.ExpiryDays = rules.PasswordExpiryDays;
        return model;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserName} signed in")]
    private partial void LogSignedIn(string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sign-in failed: {Reason}")]
    private partial void LogSignInFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A failed sign-in locked the account")]
    private partial void LogLockedOut();

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserName} changed their password")]
    private partial void LogPasswordChanged(string userName);
}
