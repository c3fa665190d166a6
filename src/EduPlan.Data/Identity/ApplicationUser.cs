using Microsoft.AspNetCore.Identity;

namespace EduPlan.Data.Identity;

/// <summary>A person who signs in to EduPlan.</summary>
public class ApplicationUser : IdentityUser
{
    /// <summary>Chinese display name (显示名), e.g. 张三.</summary>
    public string DisplayName { get; set; } = "";

    public int? DepartmentId { get; set; }

    /// <summary>Set for a one-time password: the user must choose a new one before using the portal.</summary>
    public bool MustChangePassword { get; set; }

    public DateTimeOffset? PasswordChangedAt { get; set; }

    /// <summary>A disabled user cannot sign in and their open sessions end; unlike a lockout it does not expire.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }
}
