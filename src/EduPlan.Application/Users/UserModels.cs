namespace EduPlan.Application.Users;

/// <summary>Whether a user can sign in now: 正常, 已停用 (by an administrator, until enabled) or 已锁定 (failed sign-ins, until it expires or is unlocked).</summary>
public enum UserStatus
{
    Active,
    Disabled,
    LockedOut,
}

/// <summary>What the user list asks for: a search term, filters and a page. Every filter is optional.</summary>
public sealed record UserQuery
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 500;

    /// <summary>Part of the user name, display name, e-mail or phone number.</summary>
    public string? Search { get; init; }

    public int? DepartmentId { get; init; }

    /// <summary>A role name from <see cref="Security.Roles.All"/> (case ignored); an unknown name matches nobody.</summary>
    public string? Role { get; init; }

    public UserStatus? Status { get; init; }

    /// <summary>1-based; a page past the end gives the last page.</summary>
    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = DefaultPageSize;
}

/// <summary>One page of the user list and how many users match in all.</summary>
public sealed record UserPage(IReadOnlyList<UserRow> Rows, int TotalCount, int Page, int PageSize)
{
    public int PageCount => TotalCount == 0 ? 1 : (TotalCount + PageSize - 1) / PageSize;
}

/// <summary>A user as the list shows them.</summary>
public sealed record UserRow(
    string Id,
    string UserName,
    string DisplayName,
    int? DepartmentId,
    string? DepartmentShortName,
    string? DepartmentName,
    IReadOnlyList<string> Roles,
    UserStatus Status,
    bool MustChangePassword,
    DateTimeOffset? LastSignInAt,
    string? Email,
    string? Phone);

/// <summary>A user as the edit form shows them, with the stamp the form must post back.</summary>
public sealed record UserDetails(
    string Id,
    string UserName,
    string DisplayName,
    int? DepartmentId,
    string? DepartmentShortName,
    string? DepartmentName,
    bool DepartmentIsActive,
    IReadOnlyList<string> Roles,
    string? Phone,
    string? Email,
    UserStatus Status,
    bool IsDisabled,
    DateTimeOffset? LockoutEnd,
    int AccessFailedCount,
    bool MustChangePassword,
    DateTimeOffset? PasswordChangedAt,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? LastSignInAt,
    string ConcurrencyStamp);


/// <summary>A new account. <see cref="Password"/> null or empty: a one-time password is generated.</summary>
public sealed record NewUser
{
    public string UserName { get; init; } = "";

    /// <summary>Chinese display name (显示名).</summary>
    public string DisplayName { get; init; } = "";

    public int? DepartmentId { get; init; }

    /// <summary>Role names from <see cref="Security.Roles.All"/>; case is ignored.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    public string? Phone { get; init; }

    public string? Email { get; init; }

    /// <summary>A password chosen by the operator (CLI --password); it must meet the password rules.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// True (the default) makes the user replace the password at first sign-in, whether it was generated or given:
    /// whoever typed a given password knows it too. Only automation that provisions an account for itself should set false.
    /// </summary>
    public bool RequirePasswordChange { get; init; } = true;
}

/// <summary>The editable fields of an existing user, with the <see cref="ConcurrencyStamp"/> the form was read with.</summary>
public sealed record UserChanges
{
    public string DisplayName { get; init; } = "";

    public int? DepartmentId { get; init; }

    /// <summary>The roles to hold from now on; null keeps the current ones (the administrator's form, which grants none).</summary>
    public IReadOnlyList<string>? Roles { get; init; }

    public string? Phone { get; init; }

    public string? Email { get; init; }

    /// <summary>Identity's ApplicationUser.ConcurrencyStamp as read; a different current stamp makes the update a conflict.</summary>
    public string ConcurrencyStamp { get; init; } = "";
}

/// <summary>The field names errors are keyed by; they match the properties of <see cref="NewUser"/> and <see cref="UserChanges"/>.</summary>
public static class UserFields
{
    /// <summary>Not about one field: the request as a whole (e.g. "you cannot disable yourself").</summary>
    public const string Form = "";
    public const string UserName = nameof(NewUser.UserName);
    public const string DisplayName = nameof(NewUser.DisplayName);
    public const string DepartmentId = nameof(NewUser.DepartmentId);
    public const string Roles = nameof(NewUser.Roles);
    public const string Phone = nameof(NewUser.Phone);
    public const string Email = nameof(NewUser.Email);
    public const string Password = nameof(NewUser.Password);
    public const string ConcurrencyStamp = nameof(UserChanges.ConcurrencyStamp);
}

/// <summary>
/// The user a command acted on: the value of its <see cref="Result{T}"/>. <see cref="OneTimePassword"/> is set only by
/// CreateAsync (when it generated the password) and ResetPasswordAsync: show it once and never store or log it.
/// </summary>
/// <param name="MustChangePassword">Create and reset: true when the user must replace their password at first sign-in.</param>
public sealed record UserChange(string UserId, string? UserName, string? OneTimePassword = null, bool MustChangePassword = false);

/// <summary>The audited state of a user: what before/after entries hold. Never a password, hash or stamp.</summary>
public sealed record UserSnapshot(
    string UserName,
    string DisplayName,
    string? Department,
    IReadOnlyList<string> Roles,
    string? Phone,
    string? Email,
    bool Disabled);
