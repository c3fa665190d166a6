using System.Security.Claims;
using EduPlan.Application.Security;
using EduPlan.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlan.Web.Tests.Ownership;

public sealed class TaskOwnershipAuthorizationHandlerTests
{
    private static readonly TaskOwnershipResource Task9 = new(9, LeadDepartmentId: 1, CoDepartmentIds: [2, 3]);

    private static ClaimsPrincipal User(string? department, params string[] roles)
    {
        var claims = roles.Select(r => new Claim(ClaimTypes.Role, r)).ToList();
        if (department is not null)
        {
            claims.Add(new Claim(EduPlanClaimTypes.DepartmentId, department));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "Test"));
    }

    private static async Task<bool> AllowsAsync(ClaimsPrincipal user, OperationAuthorizationRequirement requirement, TaskOwnershipResource resource)
    {
        var context = new AuthorizationHandlerContext([requirement], user, resource);
        await new TaskOwnershipAuthorizationHandler().HandleAsync(context);
        return context.HasSucceeded;
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("3")]
    public async Task A_reporter_of_the_lead_or_a_co_department_may_report_on_the_task(string department)
    {
        (await AllowsAsync(User(department, Roles.Reporter), TaskOwnershipOperations.ReportOnTask, Task9)).Should().BeTrue();
    }

    [Theory]
    [InlineData("4")]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1x")]
    [InlineData("-1")]
    public async Task A_reporter_of_another_department_or_of_none_may_not(string? department)
    {
        (await AllowsAsync(User(department, Roles.Reporter), TaskOwnershipOperations.ReportOnTask, Task9)).Should().BeFalse();
    }

    [Theory]
    [InlineData(Roles.Administrator)]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Auditor)]
    public async Task Other_roles_may_not_report_even_from_the_lead_department(string role)
    {
        (await AllowsAsync(User("1", role), TaskOwnershipOperations.ReportOnTask, Task9)).Should().BeFalse();
    }

    [Fact]
    public async Task Another_operation_on_the_task_is_not_granted_by_ownership()
    {
        var approve = new OperationAuthorizationRequirement { Name = "ApproveReport" };

        (await AllowsAsync(User("1", Roles.Reporter), approve, Task9)).Should().BeFalse();
    }

    [Fact]
    public async Task A_task_without_owners_allows_no_reporter()
    {
        (await AllowsAsync(User("1", Roles.Reporter), TaskOwnershipOperations.ReportOnTask, new TaskOwnershipResource(10, null, []))).Should().BeFalse();
    }

    [Fact]
    public async Task The_handler_is_registered_so_IAuthorizationService_uses_it()
    {
        using var factory = new EduPlanWebFactory();
        using var scope = factory.Services.CreateScope();
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();

        var allowed = await authorization.AuthorizeAsync(User("2", Roles.Reporter), Task9, TaskOwnershipOperations.ReportOnTask);
        var refused = await authorization.AuthorizeAsync(User("5", Roles.Reporter), Task9, TaskOwnershipOperations.ReportOnTask);

        allowed.Succeeded.Should().BeTrue();
        refused.Succeeded.Should().BeFalse();
    }
}
