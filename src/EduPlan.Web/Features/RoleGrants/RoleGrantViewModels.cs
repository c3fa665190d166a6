using EduPlan.Application.Security;
using EduPlan.Application.Users;
using EduPlan.Web.Features.Users;

namespace EduPlan.Web.Features.RoleGrants;

/// <summary>The roles form's fields: the ticked roles and the stamp it was read with. Nothing else binds.</summary>
public sealed class RoleGrantInput
{
    public List<string> Roles { get; set; } = [];

    public string? ConcurrencyStamp { get; set; }

    public static RoleGrantInput From(UserDetails user) => new() { Roles = [.. user.Roles], ConcurrencyStamp = user.ConcurrencyStamp };

    /// <summary>The ticked roles that are among the checkboxes' values; anything else a tampered form sends is dropped.</summary>
    public IReadOnlyList<string> OfferedRoles() =>
        Application.Security.Roles.All.Where(role => Roles.Contains(role, StringComparer.Ordinal)).ToList();
}

/// <summary>The list of accounts with their roles, and the accounts that break 三员分立.</summary>
public sealed record RoleGrantListViewModel(UserListQuery Query, UserPage Result, IReadOnlyList<SeparationOfDutiesBreach> Breaches, string? Message);

/// <summary>One account's roles and lockout.</summary>
public sealed class RoleGrantViewModel
{
    public required UserDetails User { get; set; }

    public RoleGrantInput Input { get; set; } = new();

    /// <summary>Set after a conflict: the roles someone else saved meanwhile.</summary>
    public UserDetails? Current { get; set; }

    public string? Message { get; set; }

    public string? Error { get; set; }

    public static IReadOnlyList<string> AllRoles => Application.Security.Roles.All;
}
