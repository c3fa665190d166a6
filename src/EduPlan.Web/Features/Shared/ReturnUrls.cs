using Microsoft.AspNetCore.Mvc;

namespace EduPlan.Web.Features.Shared;

/// <summary>Where to send the user back to after a form: only ever a path on this site (no open redirect).</summary>
public static class ReturnUrls
{
    public static string LocalOrHome(this IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
