namespace EduPlan.Application.Users;

/// <summary>Whether a user can sign in now: 正常, 已停用 (by an administrator, until enabled) or 已锁定 (failed sign-ins, until it expires or is unlocked).</summary>
public enum UserStatus
{
    Active,
    Disabled,
    LockedOut,
}

/// <summary>The Chinese words for <see cref="UserStatus"/>, for the CLI (the pages use their own localised texts).</summary>
public static class UserStatusNames
{
    public static string Chinese(UserStatus status) => status switch
    {
        UserStatus.Active => "正常",
        UserStatus.Disabled => "已停用",
        UserStatus.LockedOut => "已锁定",
        _ => status.ToString(),
    };
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

    public IReadOnlyList<string> Roles { get; init; } = [];

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

/// <summary>How a user command ended.</summary>
public enum UserResultStatus
{
    Succeeded,

    /// <summary>Refused by a rule; <see cref="UserResult.Errors"/> says which and why.</summary>
    Invalid,

    /// <summary>No user has that id.</summary>
    NotFound,

    /// <summary>Someone else changed the user after the form was read (stale ConcurrencyStamp); nothing was saved.</summary>
    Conflict,
}

/// <summary>
/// The outcome of a user command. <see cref="OneTimePassword"/> is set only by CreateAsync and ResetPasswordAsync:
/// show it once and never store or log it.
/// </summary>
public sealed record UserResult
{
    public UserResultStatus Status { get; init; }

    public bool Succeeded => Status == UserResultStatus.Succeeded;

    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    public string? UserId { get; init; }

    public string? UserName { get; init; }

    /// <summary>False when the command succeeded without changing anything (e.g. disabling a disabled user); no audit entry then.</summary>
    public bool Changed { get; init; }

    /// <summary>The generated password to hand to the user; null for other commands and when CreateAsync was given a password.</summary>
    public string? OneTimePassword { get; init; }

    /// <summary>Create and reset: true when the user must replace their password at first sign-in.</summary>
    public bool MustChangePassword { get; init; }

    /// <summary>The errors of one field (<see cref="UserFields"/>).</summary>
    public IEnumerable<string> ErrorsFor(string field) => Errors.Where(e => e.Field == field).Select(e => e.Message);

    internal static UserResult Invalid(IReadOnlyList<FieldError> errors) => new() { Status = UserResultStatus.Invalid, Errors = errors };

    internal static UserResult Invalid(string field, string message) => Invalid([new FieldError(field, message)]);

    internal static UserResult NotFound(string userId) => new()
    {
        Status = UserResultStatus.NotFound,
        UserId = userId,
        Errors = [new FieldError(UserFields.Form, "找不到该用户，可能已被删除。")],
    };

    internal static UserResult Conflict(string userId, string? userName) => new()
    {
        Status = UserResultStatus.Conflict,
        UserId = userId,
        UserName = userName,
        Errors = [new FieldError(UserFields.Form, "保存失败：在您读取之后，其他人已修改了该用户，您的修改没有保存。")],
    };
}

/// <summary>The audited state of a user: what before/after entries hold. Never a password, hash or stamp.</summary>
public sealed record UserSnapshot(
    string UserName,
    string DisplayName,
    string? Department,
    IReadOnlyList<string> Roles,
    string? Phone,
    string? Email,
    bool Disabled);
