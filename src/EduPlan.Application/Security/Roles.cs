namespace EduPlan.Application.Security;

/// <summary>The role names EduPlan knows (stored in the Identity roles table) and the rules for combining them.</summary>
public static class Roles
{
    /// <summary>系统管理员: users, roles, departments, task ownership, settings. Never approves progress or reads the audit log.</summary>
    public const string Administrator = "Administrator";

    /// <summary>审计员: reads and exports the audit log; changes nothing.</summary>
    public const string Auditor = "Auditor";

    /// <summary>统筹协调: reviews every department's reports and may edit task ownership.</summary>
    public const string Coordinator = "Coordinator";

    /// <summary>填报员: enters progress for the tasks of their own department.</summary>
    public const string Reporter = "Reporter";

    /// <summary>领导/查看: reads everything approved; changes nothing.</summary>
    public const string Viewer = "Viewer";

    /// <summary>Every role, in the order forms list them; the start-up step and the CLI make sure each exists.</summary>
    public static readonly IReadOnlyList<string> All = [Administrator, Auditor, Coordinator, Reporter, Viewer];

    /// <summary>Finds a role by name, ignoring case; null when there is no such role.</summary>
    public static string? Find(string name) =>
        All.FirstOrDefault(r => string.Equals(r, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Separation of duties (等级保护 三权分立): the administrator must not also audit their own actions.
    /// Returns false for a combination that is not allowed.
    /// </summary>
    public static bool IsAllowedCombination(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet(StringComparer.Ordinal);
        return !(set.Contains(Administrator) && set.Contains(Auditor));
    }
}
