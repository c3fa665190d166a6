using System.Security.Claims;
using EduPlan.Application.Import.Preview;
using EduPlan.Application.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace EduPlan.Web.Authorization;

/// <summary>The record-level operation on an import draft (checked with IAuthorizationService).</summary>
public static class PlanImportDraftOperations
{
    /// <summary>Seeing, correcting, confirming or discarding a draft: only the administrator who uploaded it.</summary>
    public static readonly OperationAuthorizationRequirement Work = new() { Name = nameof(Work) };
}

/// <summary>
/// Grants <see cref="PlanImportDraftOperations.Work"/> to an Administrator who is the draft's owner: another
/// administrator's upload (its file and its half-made corrections) is theirs until they confirm or discard it.
/// </summary>
public sealed class PlanImportDraftAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, PlanImportDraftOwner>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, PlanImportDraftOwner resource)
    {
        if (requirement.Name == PlanImportDraftOperations.Work.Name
            && context.User.IsInRole(Roles.Administrator)
            && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            && userId == resource.OwnerId)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
