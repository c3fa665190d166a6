using EduPlan.Application;
using EduPlan.Application.Security;
using EduPlan.Web.Authorization;
using EduPlan.Web.Features.Shared;
using EduPlan.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace EduPlan.Web.Features.Settings;

/// <summary>
/// 安全设置 (/security/settings): the security administrator edits the password, lockout, session and upload settings
/// (三员分立). The bounds, the concurrency check and the audit are <see cref="SecuritySettingsAdministration"/>'s.
/// </summary>
[Authorize(Policy = Policies.ManageSecurity)]
[Route("security/settings")]
public sealed class SettingsController(
    SecuritySettingsAdministration settings, IOptions<SecurityOptions> security, IStringLocalizer<SharedResources> localizer) : Controller
{
    private const string MessageKey = "SettingsMessage";
    private const string InputPrefix = nameof(SettingsViewModel.Input);

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var view = await settings.GetAsync(cancellationToken);
        return View(new SettingsViewModel(view, SettingsInput.From(view), security.Value) { Message = TempData[MessageKey] as string });
    }

    [HttpPost("")]
    public async Task<IActionResult> Index([Bind(Prefix = InputPrefix)] SettingsInput input, CancellationToken cancellationToken)
    {
        var result = ModelState.IsValid ? await settings.SaveAsync(input.ToValues(), input.Version, cancellationToken) : null;
        if (result?.Succeeded == true)
        {
            TempData[MessageKey] = localizer[result.Changed ? "SettingsSaved" : "SettingsUnchanged"].Value;
            return Redirect("/security/settings");
        }

        var current = await settings.GetAsync(cancellationToken);
        var model = new SettingsViewModel(current, input, security.Value);
        if (result is not null)
        {
            this.SetFailureStatus(result);
        }
        else
        {
            // A value that is not a whole number (or none): the binder's message is beside the field.
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        if (result?.Kind == ResultKind.Conflict)
        {
            // Keep what was typed, show what is stored now, and move the version on: saving again is a deliberate choice.
            model.Conflict = true;
            input.Version = current.Version;
            ModelState.Remove(InputPrefix + "." + nameof(SettingsInput.Version));
            ModelState.AddModelError(string.Empty, result.Reason!.Text());
        }
        else if (result is not null)
        {
            ModelState.AddErrors(result, InputPrefix);
        }

        return View(model);
    }
}
