using EduPlan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduPlan.Application.Security;

/// <summary>An account whose roles break 三员分立, with those roles (in <see cref="Roles.All"/> order).</summary>
public sealed record SeparationOfDutiesBreach(string UserId, string UserName, string DisplayName, IReadOnlyList<string> Roles);

/// <summary>
/// Finds the accounts whose roles break <c>Security:SeparateDuties</c>: they were given before the rule existed (an
/// upgraded database) or while it was off. Nothing is changed: start-up warns and the administrators' pages list them,
/// and the security administrator decides which role each keeps.
/// </summary>
public sealed class SeparationOfDuties(EduPlanDbContext db, IOptions<SecurityOptions> options)
{
    /// <summary>The accounts that break the rule (none while it is off), by user name.</summary>
    public async Task<IReadOnlyList<SeparationOfDutiesBreach>> FindBreachesAsync(CancellationToken cancellationToken = default)
    {
        if (!options.Value.SeparateDuties)
        {
            return [];
        }

        var administrative = Roles.Administrative.Select(r => r.ToUpperInvariant()).ToList();
        var pairs = await (
                from ur in db.UserRoles.AsNoTracking()
                join r in db.Roles.AsNoTracking() on ur.RoleId equals r.Id
                join u in db.Users.AsNoTracking() on ur.UserId equals u.Id
                where db.UserRoles.Any(a => a.UserId == u.Id && db.Roles.Any(ar => ar.Id == a.RoleId && administrative.Contains(ar.NormalizedName!)))
                select new { u.Id, u.UserName, u.DisplayName, r.Name })
            .ToListAsync(cancellationToken);
        return pairs
            .GroupBy(p => p.Id)
            .Select(g => new SeparationOfDutiesBreach(
                g.Key, g.First().UserName ?? "", g.First().DisplayName,
                Roles.All.Where(role => g.Any(p => p.Name == role)).ToList()))
            .Where(b => !Roles.KeepsSeparateDuties(b.Roles))
            .OrderBy(b => b.UserName, StringComparer.Ordinal)
            .ToList();
    }
}
