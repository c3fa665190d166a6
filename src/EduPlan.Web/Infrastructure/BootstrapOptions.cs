namespace EduPlan.Web.Infrastructure;

/// <summary><c>Bootstrap:*</c>: how the first administrator and the first security administrator are created.</summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "Bootstrap";

    /// <summary>The password for a new <c>admin</c>; when empty a random one is printed once to the console.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>
    /// The password for a new <c>secadmin</c> (安全管理员), made when no account holds that role; when empty a random one
    /// is printed once to the console.
    /// </summary>
    public string? SecurityAdminPassword { get; set; }
}

/// <summary><c>Seeds:*</c>: where the plan documents that fill an empty database are.</summary>
public sealed class SeedOptions
{
    public const string SectionName = "Seeds";

    public string? Path { get; set; }

    public string ResolvedPath => string.IsNullOrWhiteSpace(Path)
        ? System.IO.Path.Combine(AppContext.BaseDirectory, "seeds")
        : Path;
}
