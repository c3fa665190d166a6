using EduPlan.Web.Features.Shared;
using EduPlan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace EduPlan.Web.Features.Language;

/// <summary>Switches the UI language (中文 / English) by setting the culture cookie.</summary>
[AllowAnonymous]
public sealed class LanguageController : Controller
{
    [HttpPost("/language")]
    public IActionResult Set([FromForm] string culture, [FromForm] string? returnUrl)
    {
        if (WebServiceCollectionExtensions.SupportedCultures.Any(c => c.Name == culture))
        {
            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
        }

        return LocalRedirect(Url.LocalOrHome(returnUrl));
    }
}
