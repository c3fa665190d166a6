using EduPlan.Application.Security;
using EduPlan.Web.Features.Shared;
using EduPlan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EduPlan.Web.Features.Language;

/// <summary>Switches the UI language (中文 / English) by setting the culture cookie.</summary>
[AllowAnonymous]
public sealed class LanguageController(IOptions<SecurityOptions> security) : Controller
{
    [HttpPost("/language")]
    public IActionResult Set([FromForm] string culture, [FromForm] string? returnUrl)
    {
        if (WebServiceCollectionExtensions.SupportedCultures.Any(c => c.Name == culture))
        {
            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions
                {
                    Expires = DateTimeOffset.UtcNow.AddYears(1),
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    IsEssential = true,
                    // As the sign-in cookie: Secure whenever HTTPS is required or the request came over it.
                    Secure = security.Value.RequireHttps || Request.IsHttps,
                });
        }

        return LocalRedirect(Url.LocalOrHome(returnUrl));
    }
}
