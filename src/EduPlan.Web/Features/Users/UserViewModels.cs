using System.ComponentModel.DataAnnotations;
using System.Globalization;
using EduPlan.Application.Departments;
using EduPlan.Application.Security;
using EduPlan.Application.Users;

namespace EduPlan.Web.Features.Users;

/// <summary>The list's search box, filters and page number: everything a GET of /admin/users binds.</summary>
public sealed class UserListQuery
{
    public const int MaxSearchLength = 100;

    [StringLength(MaxSearchLength, ErrorMessage = "UserFieldTooLong")]
    public string? Q { get; set; }

    public int? Department { get; set; }

    public string? Role { get; set; }

    public UserStatus? Status { get; set; }

    public int Page { get; set; } = 1;

    public bool HasFilter => !string.IsNullOrWhiteSpace(Q) || Department is not null || !string.IsNullOrEmpty(Role) || Status is not null;

    public UserQuery ToQuery() => new()
    {
        Search = Q,
        DepartmentId = Department,
        Role = Role,
        Status = Status,
        Page = Page,
    };

    /// <summary>
    /// The page of users these filters ask for, and this query's page set to the one shown. A hand-edited address that
    /// did not bind (<paramref name="valid"/> false: status=nonsense, q too long) gets the unfiltered list rather than an error.
    /// </summary>
    public async Task<UserPage> ListAsync(UserQueries queries, bool valid, CancellationToken cancellationToken)
    {
        var query = valid ? this : new UserListQuery { Page = Math.Max(1, Page) };
        var page = await queries.ListAsync(query.ToQuery(), cancellationToken);
        if (!valid)
        {
            Q = null;
            Department = null;
            Role = null;
            Status = null;
        }

        Page = page.Page;
        return page;
    }

    /// <summary>The list's address (<paramref name="path"/>: the users list or the role grants) with these filters and another page.</summary>
    public string UrlFor(int page, string path = "/admin/users")
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("q", Q?.Trim());
        Add("department", Department?.ToString(CultureInfo.InvariantCulture));
        Add("role", Role);
        Add("status", Status?.ToString());
        if (page > 1)
        {
            Add("page", page.ToString(CultureInfo.InvariantCulture));
        }

        return path + (parts.Count == 0 ? "" : "?" + string.Join("&", parts));
    }
}

/// <summary>The user list page.</summary>
public sealed record UserListViewModel(
    UserListQuery Query, UserPage Result, IReadOnlyList<DepartmentReference> Departments, string? Message,
    IReadOnlyList<SeparationOfDutiesBreach> Breaches);

/// <summary>
/// The fields the create and edit forms share. These classes are the allow-list of what a POST may bind:
/// nothing else (IsDisabled, PasswordHash, another user's id …) has a property to land in.
/// </summary>
public abstract class UserFormInput
{
    // Generous length guards against abuse only; the real rules (with their Chinese messages) are the service's.
    [StringLength(200, ErrorMessage = "UserFieldTooLong")]
    [Display(Name = "UserDisplayName")]
    public string? DisplayName { get; set; }

    [Display(Name = "UserDepartment")]
    public int? DepartmentId { get; set; }

    [StringLength(200, ErrorMessage = "UserFieldTooLong")]
    [Display(Name = "UserPhone")]
    public string? Phone { get; set; }

    [StringLength(400, ErrorMessage = "UserFieldTooLong")]
    [Display(Name = "UserEmail")]
    public string? Email { get; set; }
}

/// <summary>The create form's fields.</summary>
public sealed class CreateUserInput : UserFormInput
{
    [StringLength(200, ErrorMessage = "UserFieldTooLong")]
    [Display(Name = "UserName")]
    public string? UserName { get; set; }

    public NewUser ToNewUser() => new()
    {
        UserName = UserName ?? "",
        DisplayName = DisplayName ?? "",
        DepartmentId = DepartmentId,
        Phone = Phone,
        Email = Email,
    };
}

/// <summary>The edit form's fields: the user name is shown, never posted; the stamp is hidden.</summary>
public sealed class EditUserInput : UserFormInput
{
    public string? ConcurrencyStamp { get; set; }

    public static EditUserInput From(UserDetails user) => new()
    {
        DisplayName = user.DisplayName,
        DepartmentId = user.DepartmentId,
        Phone = user.Phone,
        Email = user.Email,
        ConcurrencyStamp = user.ConcurrencyStamp,
    };

    public UserChanges ToChanges() => new()
    {
        DisplayName = DisplayName ?? "",
        DepartmentId = DepartmentId,
        // Null: the administrator's form keeps the roles; granting them is the security administrator's (三员分立).
        Roles = null,
        Phone = Phone,
        Email = Email,
        ConcurrencyStamp = ConcurrencyStamp ?? "",
    };
}

/// <summary>The create page.</summary>
public sealed class CreateUserViewModel
{
    public CreateUserInput Input { get; set; } = new();

    public IReadOnlyList<DepartmentReference> Departments { get; set; } = [];
}

/// <summary>The edit page: the form, the stored user (status, actions) and, after a conflict, the values saved meanwhile.</summary>
public sealed class EditUserViewModel
{
    public required UserDetails User { get; set; }

    public EditUserInput Input { get; set; } = new();

    public IReadOnlyList<DepartmentReference> Departments { get; set; } = [];

    /// <summary>Set after a conflict: what someone else saved, shown next to the input that was kept.</summary>
    public UserDetails? Current { get; set; }

    public string? Message { get; set; }

    public string? Error { get; set; }
}

/// <summary>What the shared field partial needs besides the input: the departments to offer and the roles held (shown, not edited).</summary>
public sealed record UserFieldsOptions(IReadOnlyList<DepartmentReference> Departments, int? CurrentDepartmentId, IReadOnlyList<string>? Roles = null)
{
    public const string ViewDataKey = "UserFieldsOptions";

    /// <summary>Active departments, plus the user's own when it has been retired since (so the form does not move them silently).</summary>
    public IEnumerable<DepartmentReference> Offered => Departments.Where(d => d.IsActive || d.Id == CurrentDepartmentId);
}

/// <summary>
/// The one-time password page after create or reset. Shown only in the response to that POST (never stored,
/// never in TempData, never cached).
/// </summary>
public sealed record PasswordIssuedViewModel(string UserId, string UserName, string DisplayName, string OneTimePassword, bool IsNewUser);

/// <summary>The localisation keys of roles and statuses, so every page names them alike.</summary>
public static class UserLabels
{
    public static string RoleKey(string role) => "Role" + role;

    public static string RoleHelpKey(string role) => "Role" + role + "Help";

    public static string StatusKey(UserStatus status) => "UserStatus" + status;

    public static string StatusBadge(UserStatus status) => status switch
    {
        UserStatus.Active => "text-bg-success",
        UserStatus.Disabled => "text-bg-secondary",
        _ => "text-bg-warning",
    };

    public static IReadOnlyList<string> AllRoles => Roles.All;
}
