using System.Security.Claims;
using EduPlan.Data.Identity;
using EduPlan.Web.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EduPlan.Web.Infrastructure;

/// <summary>
/// Identity's sign-in manager with EduPlan's two additions: a disabled user can never sign in, and every cookie
/// carries the time of the original sign-in, which re-issuing the cookie (after a password change) keeps.
/// </summary>
public sealed class EduPlanSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    TimeProvider clock)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(ApplicationUser user) =>
        !user.IsDisabled && await base.CanSignInAsync(user);

    public override Task SignInWithClaimsAsync(ApplicationUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.ToList();
        if (!claims.Exists(c => c.Type == EduPlanClaimTypes.SignedInAt))
        {
            claims.Add(ClaimsPrincipalExtensions.SignedInAtClaim(clock.GetUtcNow()));
        }

        return base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    /// <summary>
    /// Re-issues the cookie with fresh claims (new security stamp, no one-time-password flag) for the user who is
    /// signed in, keeping how they signed in and when. Does nothing for anyone else.
    /// </summary>
    public override async Task RefreshSignInAsync(ApplicationUser user)
    {
        // Authenticate answers from this request's cached result, so the stamp that just changed does not reject it.
        var auth = await Context.AuthenticateAsync(AuthenticationScheme);
        if (!auth.Succeeded || auth.Principal?.Identity?.IsAuthenticated != true
            || UserManager.GetUserId(auth.Principal) != await UserManager.GetUserIdAsync(user))
        {
            return;
        }

        var kept = auth.Principal.Claims
            .Where(c => c.Type is ClaimTypes.AuthenticationMethod or "amr" or EduPlanClaimTypes.SignedInAt)
            .Select(c => new Claim(c.Type, c.Value, c.ValueType))
            .ToList();
        await SignInWithClaimsAsync(user, auth.Properties, kept);
    }
}
