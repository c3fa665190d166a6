using EduPlan.Core.Organisation;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Departments;

/// <summary>Departments as the pages, the CLI and the changes read them: lists with their usage, one department, lookups by name.</summary>
public sealed class DepartmentQueries(EduPlanDbContext db)
{
    /// <summary>Every department with its counts, municipal departments first, then districts, schools and others.</summary>
    public async Task<IReadOnlyList<DepartmentSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var departments = await Summaries(db.Departments.AsNoTracking()).ToListAsync(cancellationToken);
        return departments
            .OrderBy(d => d.Kind)
            .ThenBy(d => d.Name, StringComparer.Ordinal)
            .ToList();
    }

    public Task<DepartmentSummary?> GetAsync(int id, CancellationToken cancellationToken = default) =>
        Summaries(db.Departments.AsNoTracking().Where(d => d.Id == id)).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Every department for choice lists (active and inactive: a form may have to show a retired current choice).</summary>
    public async Task<IReadOnlyList<DepartmentReference>> ListReferencesAsync(CancellationToken cancellationToken = default)
    {
        var all = await db.Departments
            .AsNoTracking()
            .Select(d => new { d.Kind, Reference = new DepartmentReference(d.Id, d.Name, d.ShortName, d.IsActive) })
            .ToListAsync(cancellationToken);
        return all.OrderBy(d => d.Kind).ThenBy(d => d.Reference.Name, StringComparer.Ordinal).Select(d => d.Reference).ToList();
    }

    /// <summary>The department whose short name, or else full name, is <paramref name="nameOrShortName"/>; null when none.</summary>
    public async Task<DepartmentReference?> FindAsync(string nameOrShortName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nameOrShortName);
        return (await DepartmentDirectory.LoadAsync(db, cancellationToken)).Find(nameOrShortName);
    }

    private IQueryable<DepartmentSummary> Summaries(IQueryable<Department> departments) =>
        departments.Select(d => new DepartmentSummary(
            d.Id,
            d.Name,
            d.ShortName,
            d.Kind,
            d.ParentId,
            d.Parent != null ? d.Parent.Name : null,
            d.IsActive,
            d.Version,
            // Withdrawn tasks count too: their foreign keys still point at the department.
            new DepartmentUsage(
                db.Users.Count(u => u.DepartmentId == d.Id),
                // Past owners too: ownership history keeps pointing at the department.
                db.Tasks.Count(t => t.LeadDepartmentId == d.Id) + db.PastTaskOwners.Count(p => p.DepartmentId == d.Id && p.Part == TaskPart.Lead),
                db.TaskCoDepartments.Count(c => c.DepartmentId == d.Id) + db.PastTaskOwners.Count(p => p.DepartmentId == d.Id && p.Part != TaskPart.Lead),
                db.Departments.Count(c => c.ParentId == d.Id),
                // Reports are the record of what happened (their foreign key restricts the delete); the department is retired instead.
                db.ProgressReports.Count(r => r.DepartmentId == d.Id))));
}
