using EduPlan.Core.Organisation;

namespace EduPlan.Application.Departments;

/// <summary>The Chinese names of <see cref="DepartmentKind"/> (市级部门 / 区县 / 学校 / 其他) and reading one from the command line.</summary>
public static class DepartmentKinds
{
    public static IReadOnlyList<DepartmentKind> All { get; } = Enum.GetValues<DepartmentKind>();

    public static string ChineseName(DepartmentKind kind) => kind switch
    {
        DepartmentKind.MunicipalDepartment => "市级部门",
        DepartmentKind.District => "区县",
        DepartmentKind.School => "学校",
        _ => "其他",
    };

    /// <summary>Accepts the Chinese name or the English enum name (any case): 区县, District, district.</summary>
    public static bool TryParse(string? text, out DepartmentKind kind)
    {
        var value = text?.Trim() ?? "";
        foreach (var candidate in All)
        {
            if (value == ChineseName(candidate) || string.Equals(value, candidate.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
