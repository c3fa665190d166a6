using System.Globalization;
using System.Security.Claims;
using EduPlan.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EduPlan.Web.Authorization;

/// <summary>
/// Puts the display name, the department and the must-change-password flag into the cookie, so no request has to
/// load the user for them (the session validator reads only the few columns that can end a session).
/// </summary>
public sealed class EduPlanClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrWhiteSpace(user.DisplayName))
        {
            identity.AddClaim(new Claim(EduPlanClaimTypes.DisplayName, user.DisplayName));
        }

        if (user.DepartmentId is { } departmentId)
        {
            identity.AddClaim(new Claim(EduPlanClaimTypes.DepartmentId, departmentId.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer32));
        }

        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(EduPlanClaimTypes.MustChangePassword, "true"));
        }

        return identity;
    }
}
