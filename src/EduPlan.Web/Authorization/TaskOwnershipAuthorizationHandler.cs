using System.Globalization;
using System.Security.Claims;
using EduPlan.Application.Security;
using EduPlan.Core.Organisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace EduPlan.Web.Authorization;

/// <summary>
/// Grants <see cref="TaskOwnershipOperations.ReportOnTask"/> to a Reporter whose department (the
/// <see cref="EduPlanClaimTypes.DepartmentId"/> claim) is the task's lead department or one of its co-departments.
/// Grants nothing else, so any other role or operation stays denied unless another handler allows it.
/// </summary>
public sealed class TaskOwnershipAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, TaskOwnershipResource>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, TaskOwnershipResource resource)
    {
        if (requirement.Name == TaskOwnershipOperations.ReportOnTask.Name
            && context.User.IsInRole(Roles.Reporter)
            && DepartmentOf(context.User) is { } departmentId
            && resource.PartOf(departmentId) != TaskPart.None)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    /// <summary>The signed-in user's department id, or null when the cookie carries none (or a malformed one).</summary>
    public static int? DepartmentOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var value = user.FindFirstValue(EduPlanClaimTypes.DepartmentId);
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }
}
