using System.Globalization;
using EduPlan.Core.Messages;
using EduPlan.Core.Organisation;

namespace EduPlan.Application.Departments;

/// <summary>The names of <see cref="DepartmentKind"/> (市级部门 / 区县 / 学校 / 其他; messages "DepartmentKind_…") and reading one from the command line.</summary>
public static class DepartmentKinds
{
    public static IReadOnlyList<DepartmentKind> All { get; } = Enum.GetValues<DepartmentKind>();

    /// <summary>The kind's name in Chinese, as the audit log records it and the command line accepts it.</summary>
    public static string ChineseName(DepartmentKind kind) => Name(kind, MessageTexts.Chinese);

    /// <summary>The kind's name in <paramref name="culture"/>'s language.</summary>
    public static string Name(DepartmentKind kind, CultureInfo culture) => MessageTexts.EnumText(kind, culture);

    /// <summary>Accepts the Chinese or English name or the enum name (any case): 区县, District, district.</summary>
    public static bool TryParse(string? text, out DepartmentKind kind)
    {
        var value = text?.Trim() ?? "";
        foreach (var candidate in All)
        {
            if (value == ChineseName(candidate)
                || string.Equals(value, Name(candidate, MessageTexts.English), StringComparison.OrdinalIgnoreCase)
                || string.Equals(value, candidate.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
