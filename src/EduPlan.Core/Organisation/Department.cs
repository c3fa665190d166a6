namespace EduPlan.Core.Organisation;

/// <summary>A responsible unit (责任单位) that can own tasks and employ users.</summary>
public class Department
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string ShortName { get; set; }
    public DepartmentKind Kind { get; set; }
    public int? ParentId { get; set; }
    public Department? Parent { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>Concurrency token: raised by one on every change, so two editors cannot overwrite each other.</summary>
    public int Version { get; set; }
}

/// <summary>市级部门 / 区县 / 学校 / 其他.</summary>
public enum DepartmentKind
{
    MunicipalDepartment,
    District,
    School,
    Other,
}
