using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Users;

/// <summary>
/// The names pages show for people: records keep the login name of who acted (it never changes meaning), and pages
/// show that account's display name (胡国庆) instead; the login name stays where the account is gone or has no
/// display name, and on the administrators' and auditors' pages, which read the records as they are.
/// </summary>
public static class PersonNames
{
    /// <summary>The display name for each of the recorded login names that belongs to an account with one.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> DisplayNamesAsync(
        EduPlanDbContext db, IEnumerable<string?> userNames, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var wanted = userNames.OfType<string>().Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        var found = await db.Users.AsNoTracking()
            .Where(u => u.UserName != null && wanted.Contains(u.UserName))
            .Select(u => new { UserName = u.UserName!, u.DisplayName })
            .ToListAsync(cancellationToken);
        return found.Where(u => !string.IsNullOrWhiteSpace(u.DisplayName))
            .ToDictionary(u => u.UserName, u => u.DisplayName, StringComparer.Ordinal);
    }

    /// <summary>The display name of one recorded login name, or the name itself when there is none.</summary>
    public static async Task<string> ShownAsync(EduPlanDbContext db, string userName, CancellationToken cancellationToken = default) =>
        (await DisplayNamesAsync(db, [userName], cancellationToken)).GetValueOrDefault(userName, userName);

    /// <summary>The display name from <paramref name="names"/>, or the recorded name itself.</summary>
    public static string Shown(this IReadOnlyDictionary<string, string> names, string? userName) =>
        userName is not null && names.TryGetValue(userName, out var shown) ? shown : userName ?? "";
}
