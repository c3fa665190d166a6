using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace EduPlan.Web.Features.Errors;

/// <summary>
/// The pages the exception handler and the status-code pages re-execute into. They answer any method
/// (the failed request may have been a POST) and never show exception details.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[NoFormBinding]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorsController : Controller
{
    [Route("/error")]
    public IActionResult Error()
    {
        Response.StatusCode = StatusCodes.Status500InternalServerError;
        if (FromApi(HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path))
        {
            return Problem(statusCode: StatusCodes.Status500InternalServerError);
        }

        return View("Error", StatusCodes.Status500InternalServerError);
    }

    [Route("/error/{statusCode:int}")]
    public IActionResult Status(int statusCode)
    {
        // Someone may open /error/123 directly; only real error codes are echoed back.
        if (statusCode is < 400 or > 599)
        {
            statusCode = StatusCodes.Status404NotFound;
        }

        Response.StatusCode = statusCode;
        if (FromApi(HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath))
        {
            // The read API's clients get RFC 7807 problem details, not a page.
            return Problem(statusCode: statusCode);
        }

        return statusCode == StatusCodes.Status404NotFound ? View("NotFound") : View("Error", statusCode);
    }

    private static bool FromApi(string? path) => path is not null && path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase);
}
