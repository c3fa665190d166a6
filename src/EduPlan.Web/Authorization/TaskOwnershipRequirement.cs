using EduPlan.Application.Ownership;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace EduPlan.Web.Authorization;

/// <summary>The record-level operations on a task that depend on who owns it (checked with IAuthorizationService).</summary>
public static class TaskOwnershipOperations
{
    /// <summary>Entering progress for a task: a reporter of its lead department or of one of its co-departments.</summary>
    public static readonly OperationAuthorizationRequirement ReportOnTask = new() { Name = nameof(ReportOnTask) };
}

/// <summary>The owners of one task, as the resource of a <see cref="TaskOwnershipOperations"/> check.</summary>
public sealed record TaskOwnershipResource(int TaskId, int? LeadDepartmentId, IReadOnlyCollection<int> CoDepartmentIds)
{
    public static TaskOwnershipResource From(TaskOwnership task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new(task.TaskId, task.Lead?.Id, task.CoDepartments.Select(d => d.Id).ToList());
    }

    /// <summary>Whether the department leads this task, joins it, or neither.</summary>
    public TaskOwnershipRole RoleOf(int departmentId) =>
        departmentId == LeadDepartmentId ? TaskOwnershipRole.Lead
        : CoDepartmentIds.Contains(departmentId) ? TaskOwnershipRole.CoDepartment
        : TaskOwnershipRole.None;
}

/// <summary>A department's part in a task: 牵头单位, 参与单位 or none.</summary>
public enum TaskOwnershipRole
{
    None,
    Lead,
    CoDepartment,
}
