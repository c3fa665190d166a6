using System.Globalization;
using System.Security.Claims;
using EduPlan.Application.Security;
using EduPlan.Core.Reporting;

namespace EduPlan.Web.Authorization;

/// <summary>Reads EduPlan's own claims from the signed-in user.</summary>
public static class ClaimsPrincipalExtensions
{
    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(EduPlanClaimTypes.DisplayName) ?? user.Identity?.Name ?? "";

    public static bool MustChangePassword(this ClaimsPrincipal user) =>
        user.HasClaim(EduPlanClaimTypes.MustChangePassword, "true");

    /// <summary>The user's department id from the cookie, or null when they have none.</summary>
    public static int? DepartmentId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(EduPlanClaimTypes.DepartmentId), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    /// <summary>When the session began (the password was typed), or null for a cookie without the claim.</summary>
    public static DateTimeOffset? SignedInAt(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(EduPlanClaimTypes.SignedInAt), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : null;

    public static Claim SignedInAtClaim(DateTimeOffset signedInAt) =>
        new(EduPlanClaimTypes.SignedInAt, signedInAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64);

    /// <summary>Who is reading reports: coordinators see all, a reporter also their own department's, everyone else approved ones only.</summary>
    public static ReportViewer ReportViewer(this ClaimsPrincipal user) =>
        new(user.IsInRole(Roles.Coordinator), user.IsInRole(Roles.Reporter) ? user.DepartmentId() : null);
}
