using EduPlan.Core.Text;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Departments;

/// <summary>
/// Finds a department by short name or full name among all departments read once, so a file of many rows costs one query.
/// Names are unique across both columns (see <see cref="DepartmentAdministration"/>), so a name finds at most one.
/// </summary>
internal sealed class DepartmentDirectory
{
    private readonly Dictionary<string, DepartmentReference> byShortName;
    private readonly Dictionary<string, DepartmentReference> byName;

    public DepartmentDirectory(IEnumerable<DepartmentReference> departments)
    {
        var all = departments.ToList();
        ById = all.ToDictionary(d => d.Id);
        // By look-alike key (case-insensitive like SQL Server's default collation, full-width and invisible characters
        // aside), so a name typed or pasted into a file finds the department whose name looks the same.
        byShortName = new(StringComparer.Ordinal);
        byName = new(StringComparer.Ordinal);
        foreach (var department in all)
        {
            byShortName.TryAdd(TextSanitiser.LookAlikeKey(department.ShortName), department);
            byName.TryAdd(TextSanitiser.LookAlikeKey(department.Name), department);
        }
    }

    public IReadOnlyDictionary<int, DepartmentReference> ById { get; }

    public static async Task<DepartmentDirectory> LoadAsync(EduPlanDbContext db, CancellationToken cancellationToken) =>
        new(await db.Departments
            .AsNoTracking()
            .Select(d => new DepartmentReference(d.Id, d.Name, d.ShortName, d.IsActive))
            .ToListAsync(cancellationToken));

    /// <summary>The department whose short name, or else full name, looks like <paramref name="text"/>; null when none.</summary>
    public DepartmentReference? Find(string text)
    {
        var key = TextSanitiser.LookAlikeKey(text);
        return byShortName.GetValueOrDefault(key) ?? byName.GetValueOrDefault(key);
    }
}
