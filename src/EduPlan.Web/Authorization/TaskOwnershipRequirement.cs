using EduPlan.Application.Ownership;
using EduPlan.Core.Organisation;
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

    /// <summary>The owners of a task in one quarter (a report is judged by who owned the task in its quarter).</summary>
    public static TaskOwnershipResource In(int taskId, IReadOnlyCollection<OwnerSpan> ownersInQuarter)
    {
        ArgumentNullException.ThrowIfNull(ownersInQuarter);
        return new(
            taskId,
            ownersInQuarter.FirstOrDefault(o => o.Part == TaskPart.Lead)?.DepartmentId,
            ownersInQuarter.Where(o => o.Part == TaskPart.CoDepartment).Select(o => o.DepartmentId).ToList());
    }

    /// <summary>Whether the department leads this task, joins it, or neither.</summary>
    public TaskPart PartOf(int departmentId) => TaskOwners.PartOf(departmentId, LeadDepartmentId, CoDepartmentIds);
}
