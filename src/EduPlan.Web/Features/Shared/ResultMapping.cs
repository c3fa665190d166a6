using EduPlan.Application;
using EduPlan.Application.Auditing;
using EduPlan.Core.Auditing;
using EduPlan.Core.Messages;
using EduPlan.Web.Infrastructure;
using EduPlan.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace EduPlan.Web.Features.Shared;

/// <summary>
/// The one place a use case's <see cref="Result{T}"/> becomes HTTP: its messages into ModelState (in the request's
/// language) and its kind into a status and a page. NotFound → the 404 page; Forbidden → the 403 page with the
/// reason, audited; Conflict → 409; Refused → 409 with the reason; Invalid → 422. A page that shows its form again
/// after a failure sets the status with <see cref="SetFailureStatus{T}"/> and adds the messages with <see cref="AddErrors{T}"/>.
/// </summary>
public static class ResultMapping
{
    /// <summary>The status of a failed result: 422 for input to correct, 409 for a state that stands in the way, 404, 403.</summary>
    public static int StatusCode(ResultKind kind) => kind switch
    {
        ResultKind.Saved => StatusCodes.Status200OK,
        ResultKind.Invalid => StatusCodes.Status422UnprocessableEntity,
        ResultKind.NotFound => StatusCodes.Status404NotFound,
        ResultKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status409Conflict,
    };

    /// <summary>
    /// Adds each field error under <paramref name="prefix"/>.field (a form-wide one under "", the summary) and the
    /// reason of a refusal or conflict under "", all in the request's language.
    /// </summary>
    public static void AddErrors<T>(this ModelStateDictionary modelState, Result<T> result, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(result);
        foreach (var error in result.Errors)
        {
            var key = error.Field.Length == 0 || prefix.Length == 0 ? error.Field : prefix + "." + error.Field;
            modelState.AddModelError(key, error.Text());
        }

        if (result.Reason is { } reason && result.Kind != ResultKind.Invalid)
        {
            modelState.AddModelError(string.Empty, reason.Text());
        }
    }

    /// <summary>The response status for a page shown again after <paramref name="result"/> failed.</summary>
    public static void SetFailureStatus<T>(this ControllerBase controller, Result<T> result)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(result);
        controller.Response.StatusCode = StatusCode(result.Kind);
        if (result.Kind == ResultKind.Forbidden && result.Reason is { } reason)
        {
            controller.HttpContext.Items[RefusalAuditMiddleware.ReasonItemKey] = reason;
        }
    }

    /// <summary>
    /// The answer to a failed result with no form to show again: the 404 page, the audited 403 page, or the 409/422
    /// page with the reason (the same page as 403, headed "not done").
    /// </summary>
    public static async Task<IActionResult> FailureAsync<T>(this Controller controller, Result<T> result, string? backUrl = null, string? backText = null)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Kind == ResultKind.NotFound)
        {
            return controller.NotFound();
        }

        var reason = result.Messages.First();
        return result.Kind == ResultKind.Forbidden
            ? await ForbiddenAsync(controller, reason, backUrl: backUrl, backText: backText)
            : Refused(controller, result.Kind, reason, backUrl, backText);
    }

    /// <summary>The 403 page with <paramref name="reason"/>; <see cref="RefusalAuditMiddleware"/> writes it to the audit log like every other refusal.</summary>
    public static Task<IActionResult> ForbiddenAsync(
        this Controller controller, Message reason, string? heading = null, string? backUrl = null, string? backText = null)
    {
        ArgumentNullException.ThrowIfNull(controller);
        controller.HttpContext.Items[RefusalAuditMiddleware.ReasonItemKey] = reason;
        var localizer = Localizer(controller);
        controller.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.FromResult<IActionResult>(controller.View("~/Features/Shared/Forbidden.cshtml", new ForbiddenViewModel(
            heading ?? localizer["AccessDenied"].Value, reason.Text(), backUrl ?? "/", backText ?? localizer["BackToHome"].Value)));
    }

    private static ViewResult Refused(Controller controller, ResultKind kind, Message reason, string? backUrl, string? backText)
    {
        var localizer = Localizer(controller);
        controller.Response.StatusCode = StatusCode(kind);
        return controller.View("~/Features/Shared/Forbidden.cshtml", new ForbiddenViewModel(
            localizer["NotDone"].Value, reason.Text(), backUrl ?? "/", backText ?? localizer["BackToHome"].Value));
    }

    private static IStringLocalizer<SharedResources> Localizer(Controller controller) =>
        controller.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResources>>();
}
