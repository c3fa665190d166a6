namespace EduPlan.Web.Authorization;

/// <summary>The role names EduPlan knows; stored in the Identity roles table.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Auditor = "Auditor";
    public const string Coordinator = "Coordinator";
    public const string Reporter = "Reporter";
    public const string Viewer = "Viewer";

    /// <summary>The roles the start-up step makes sure exist.</summary>
    public static readonly IReadOnlyList<string> Seeded = [Administrator];
}
