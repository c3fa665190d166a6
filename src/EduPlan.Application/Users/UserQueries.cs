using EduPlan.Application.Departments;
using EduPlan.Application.Security;
using EduPlan.Data;
using EduPlan.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Users;

/// <summary>
/// The user list and a user's details for /admin/users and the CLI: reads only (AsNoTracking); the commands that change
/// users are <see cref="UserAdministration"/>'s.
/// </summary>
public sealed class UserQueries(UserManager<ApplicationUser> users, EduPlanDbContext db, TimeProvider clock)
{
    /// <summary>One page of users matching <paramref name="query"/>, ordered by user name. Three to four queries whatever the page size.</summary>
    public async Task<UserPage> ListAsync(UserQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, UserQuery.MaxPageSize);
        var now = clock.GetUtcNow();

        var matches = db.Users.AsNoTracking();
        var term = query.Search?.Trim();
        if (!string.IsNullOrEmpty(term))
        {
            // The normalized (upper-case) columns make user name and e-mail matches case-insensitive on every provider.
            var normalizedName = users.NormalizeName(term);
            var normalizedEmail = users.NormalizeEmail(term);
            matches = matches.Where(u =>
                u.NormalizedUserName!.Contains(normalizedName)
                || u.DisplayName.Contains(term)
                || (u.NormalizedEmail != null && u.NormalizedEmail.Contains(normalizedEmail))
                || (u.PhoneNumber != null && u.PhoneNumber.Contains(term)));
        }

        if (query.DepartmentId is { } departmentId)
        {
            matches = matches.Where(u => u.DepartmentId == departmentId);
        }

        if (!string.IsNullOrWhiteSpace(query.Role))
        {
            var normalizedRole = Roles.Find(query.Role)?.ToUpperInvariant();
            matches = normalizedRole is null
                ? matches.Where(u => false)
                : matches.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id
                    && db.Roles.Any(r => r.Id == ur.RoleId && r.NormalizedName == normalizedRole)));
        }

        if (query.Status is { } status)
        {
            if (status == UserStatus.Disabled)
            {
                matches = matches.Where(u => u.IsDisabled);
            }
            else
            {
                var locked = await LockedOutUserIdsAsync(now, cancellationToken);
                matches = status == UserStatus.LockedOut
                    ? matches.Where(u => !u.IsDisabled && locked.Contains(u.Id))
                    : matches.Where(u => !u.IsDisabled && !locked.Contains(u.Id));
            }
        }

        var total = await matches.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);

        var rows = await (
                from u in matches
                join d in db.Departments on u.DepartmentId equals (int?)d.Id into departments
                from d in departments.DefaultIfEmpty()
                orderby u.NormalizedUserName
                select new
                {
                    u.Id,
                    u.UserName,
                    u.DisplayName,
                    u.DepartmentId,
                    DepartmentShortName = d == null ? null : d.ShortName,
                    DepartmentName = d == null ? null : d.Name,
                    u.IsDisabled,
                    u.LockoutEnd,
                    u.MustChangePassword,
                    u.LastSignInAt,
                    u.Email,
                    u.PhoneNumber,
                })
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);

        var roles = await RolesOfAsync(rows.Select(r => r.Id).ToList(), cancellationToken);
        var list = rows
            .Select(r => new UserRow(
                r.Id,
                r.UserName ?? "",
                r.DisplayName,
                r.DepartmentId,
                r.DepartmentShortName,
                r.DepartmentName,
                roles[r.Id].ToList(),
                StatusOf(r.IsDisabled, r.LockoutEnd, now),
                r.MustChangePassword,
                r.LastSignInAt,
                r.Email,
                r.PhoneNumber))
            .ToList();
        return new UserPage(list, total, page, pageSize);
    }

    /// <summary>The user with this id as the edit form shows them, or null.</summary>
    public async Task<UserDetails?> GetAsync(string userId, CancellationToken cancellationToken = default)
    {
        var user = await (
                from u in db.Users.AsNoTracking()
                where u.Id == userId
                join d in db.Departments on u.DepartmentId equals (int?)d.Id into departments
                from d in departments.DefaultIfEmpty()
                select new
                {
                    User = u,
                    DepartmentShortName = d == null ? null : d.ShortName,
                    DepartmentName = d == null ? null : d.Name,
                    DepartmentIsActive = d != null && d.IsActive,
                })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }

        var found = user.User;
        var roles = await RolesOfAsync([found.Id], cancellationToken);
        return new UserDetails(
            found.Id,
            found.UserName ?? "",
            found.DisplayName,
            found.DepartmentId,
            user.DepartmentShortName,
            user.DepartmentName,
            user.DepartmentIsActive,
            roles[found.Id].ToList(),
            found.PhoneNumber,
            found.Email,
            StatusOf(found.IsDisabled, found.LockoutEnd, clock.GetUtcNow()),
            found.IsDisabled,
            found.LockoutEnd,
            found.AccessFailedCount,
            found.MustChangePassword,
            found.PasswordChangedAt,
            found.CreatedAt,
            found.LastSignInAt,
            found.ConcurrencyStamp ?? "");
    }

    /// <summary>The id of the user with this user name (case ignored), or null; the CLI names users, the commands take ids.</summary>
    public async Task<string?> FindIdByUserNameAsync(string userName, CancellationToken cancellationToken = default)
    {
        var normalized = users.NormalizeName(userName.Trim());
        return await db.Users.AsNoTracking()
            .Where(u => u.NormalizedUserName == normalized)
            .Select(u => u.Id)
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Every department, active ones first, then by short name; the forms offer the active ones.</summary>
    public async Task<IReadOnlyList<DepartmentReference>> ListDepartmentsAsync(CancellationToken cancellationToken = default)
    {
        var all = await db.Departments.AsNoTracking()
            .Select(d => new DepartmentReference(d.Id, d.Name, d.ShortName, d.IsActive))
            .ToListAsync(cancellationToken);
        // Sorted here so Chinese names order the same way on both providers.
        return all
            .OrderByDescending(d => d.IsActive)
            .ThenBy(d => d.ShortName, StringComparer.Ordinal)
            .ToList();
    }

    internal static UserStatus StatusOf(bool isDisabled, DateTimeOffset? lockoutEnd, DateTimeOffset now) =>
        isDisabled ? UserStatus.Disabled
        : lockoutEnd > now ? UserStatus.LockedOut
        : UserStatus.Active;

    /// <summary>The roles of several users in one query, each list in <see cref="Roles.All"/> order.</summary>
    internal async Task<ILookup<string, string>> RolesOfAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return Array.Empty<string>().ToLookup(id => id);
        }

        var pairs = await (
                from ur in db.UserRoles.AsNoTracking()
                join r in db.Roles.AsNoTracking() on ur.RoleId equals r.Id
                where userIds.Contains(ur.UserId)
                select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        return pairs
            .Where(p => p.Name is not null)
            .OrderBy(p => Order(p.Name!))
            .ToLookup(p => p.UserId, p => p.Name!);

        static int Order(string role)
        {
            var index = Roles.All.ToList().IndexOf(role);
            return index < 0 ? int.MaxValue : index;
        }
    }

    private async Task<HashSet<string>> LockedOutUserIdsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // SQLite cannot compare DateTimeOffset in SQL; the users who ever had a lockout are few, so compare here.
        var lockouts = await db.Users.AsNoTracking()
            .Where(u => u.LockoutEnd != null)
            .Select(u => new { u.Id, u.LockoutEnd })
            .ToListAsync(cancellationToken);
        return lockouts.Where(l => l.LockoutEnd > now).Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
    }

}
