namespace EduPlan.Application.Security;

/// <summary>The role names EduPlan knows (stored in the Identity roles table) and the rules for combining them.</summary>
public static class Roles
{
    /// <summary>系统管理员: users, departments, task ownership, plan imports. Never grants roles, changes security settings or reads the audit log.</summary>
    public const string Administrator = "Administrator";

    /// <summary>安全管理员: security settings, role grants and revocations, unlocking accounts (三员分立, ADR 7).</summary>
    public const string SecurityAdministrator = "SecurityAdministrator";

    /// <summary>审计员: reads and exports the audit log; changes nothing.</summary>
    public const string Auditor = "Auditor";

    /// <summary>统筹协调: reviews every department's reports and may edit task ownership.</summary>
    public const string Coordinator = "Coordinator";

    /// <summary>填报员: enters progress for the tasks of their own department.</summary>
    public const string Reporter = "Reporter";

    /// <summary>领导/查看: reads everything approved; changes nothing.</summary>
    public const string Viewer = "Viewer";

    /// <summary>Every role, in the order forms list them; the start-up step and the CLI make sure each exists.</summary>
    public static readonly IReadOnlyList<string> All = [Administrator, SecurityAdministrator, Auditor, Coordinator, Reporter, Viewer];

    /// <summary>The three administrators of 三员分立: system, security and audit administration.</summary>
    public static readonly IReadOnlyList<string> Administrative = [Administrator, SecurityAdministrator, Auditor];

    /// <summary>The roles that act on the plans' work, which an administrator must not also hold when duties are separated.</summary>
    public static readonly IReadOnlyList<string> Operational = [Coordinator, Reporter];

    /// <summary>Finds a role by name, ignoring case; null when there is no such role.</summary>
    public static string? Find(string name) =>
        All.FirstOrDefault(r => string.Equals(r, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The administrator must never also audit their own actions, whatever the settings. Returns false for that combination.
    /// </summary>
    public static bool IsAllowedCombination(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet(StringComparer.Ordinal);
        return !(set.Contains(Administrator) && set.Contains(Auditor));
    }

    /// <summary>
    /// 三员分立 (<c>Security:SeparateDuties</c>): an account holding one of <see cref="Administrative"/> holds no other of
    /// them and neither Coordinator nor Reporter (Viewer may go with any). True when <paramref name="roles"/> keep the rule.
    /// </summary>
    public static bool KeepsSeparateDuties(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet(StringComparer.Ordinal);
        var administrative = Administrative.Count(set.Contains);
        return administrative == 0 || (administrative == 1 && !Operational.Any(set.Contains));
    }
}
