using EduPlan.Core.Messages;
using EduPlan.Core.Organisation;

namespace EduPlan.Application.Departments;

/// <summary>What an administrator types for a department, on the page or on the command line.</summary>
/// <param name="ParentId">The unit this one belongs to (上级单位), or null.</param>
public sealed record DepartmentInput(string Name, string ShortName, DepartmentKind Kind, int? ParentId = null, bool IsActive = true);

/// <summary>A department as listed: its fields, concurrency version and how many users and tasks hang on it.</summary>
public sealed record DepartmentSummary(
    int Id,
    string Name,
    string ShortName,
    DepartmentKind Kind,
    int? ParentId,
    string? ParentName,
    bool IsActive,
    int Version,
    DepartmentUsage Usage);

/// <summary>What keeps a department from being deleted: its users, the tasks it leads or joins, its sub-units and the progress reports it wrote.</summary>
public sealed record DepartmentUsage(int Users, int LeadTasks, int CoTasks, int Children, int Reports = 0)
{
    public bool IsInUse => Users > 0 || LeadTasks > 0 || CoTasks > 0 || Children > 0 || Reports > 0;
}

/// <summary>A department named in a choice list, an ownership or a lookup result.</summary>
public sealed record DepartmentReference(int Id, string Name, string ShortName, bool IsActive);

/// <summary>The failures more than one department use case gives.</summary>
internal static class DepartmentResults
{
    public static Result<DepartmentSummary> NotFound() => Result<DepartmentSummary>.NotFound(new Message("Department_NotFound"));

    /// <summary>Someone else saved the department after the form was read: the current state, and a sentence naming it.</summary>
    public static Result<DepartmentSummary> Conflict(DepartmentSummary? current) => current is null
        ? NotFound()
        : Result<DepartmentSummary>.Conflict(current, new Message(
            "Department_Conflict", current.Name, current.ShortName, new Message(current.IsActive ? "Department_Active" : "Department_Inactive")));
}
