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

/// <summary>How a department change ended.</summary>
public enum DepartmentOutcome
{
    /// <summary>Created, changed or deleted, with its audit entry.</summary>
    Saved,

    /// <summary>The input equals what is stored; nothing was written.</summary>
    Unchanged,

    /// <summary>A field is wrong; see <see cref="DepartmentResult.Errors"/>. Nothing was written.</summary>
    Invalid,

    NotFound,

    /// <summary>Someone else saved the department after the form was read; nothing was written, the current state is returned.</summary>
    Conflict,

    /// <summary>A delete that is not allowed (users, tasks or reports still depend on it); the error says why.</summary>
    Refused,
}

/// <summary>The result of creating, changing or deleting a department.</summary>
/// <param name="Department">After a save, the department as stored; after a conflict, the current state; null after a delete.</param>
public sealed record DepartmentResult(DepartmentOutcome Outcome, DepartmentSummary? Department, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Outcome is DepartmentOutcome.Saved or DepartmentOutcome.Unchanged;

    internal static DepartmentResult Saved(DepartmentSummary? department) => new(DepartmentOutcome.Saved, department, []);

    internal static DepartmentResult Unchanged(DepartmentSummary department) => new(DepartmentOutcome.Unchanged, department, []);

    internal static DepartmentResult Invalid(IReadOnlyList<FieldError> errors) => new(DepartmentOutcome.Invalid, null, errors);

    internal static DepartmentResult NotFound() =>
        new(DepartmentOutcome.NotFound, null, [new FieldError(FieldError.Form, "该单位不存在或已被删除。")]);

    internal static DepartmentResult Conflict(DepartmentSummary? current) => current is null
        ? NotFound()
        : new(DepartmentOutcome.Conflict, current, [new FieldError(FieldError.Form,
            $"该单位已被其他人修改（当前名称：{current.Name}，简称：{current.ShortName}，{(current.IsActive ? "启用" : "已停用")}）。你的修改没有保存，请核对后重新提交。")]);

    internal static DepartmentResult Refused(DepartmentSummary department, string reason) =>
        new(DepartmentOutcome.Refused, department, [new FieldError(FieldError.Form, reason)]);
}
