using System.Security.Claims;

namespace EduPlan.Web.Authorization;

/// <summary>Reads EduPlan's own claims from the signed-in user.</summary>
public static class ClaimsPrincipalExtensions
{
    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(EduPlanClaimTypes.DisplayName) ?? user.Identity?.Name ?? "";

    public static bool MustChangePassword(this ClaimsPrincipal user) =>
        user.HasClaim(EduPlanClaimTypes.MustChangePassword, "true");
}
