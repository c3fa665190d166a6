using System.Text.Json;
using EduPlan.Application.Auditing;
using EduPlan.Application.Departments;
using EduPlan.Application.Import;
using EduPlan.Application.Ownership;
using EduPlan.Application.Reporting;
using EduPlan.Core.Auditing;
using EduPlan.Core.Organisation;
using EduPlan.Data;
using EduPlan.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace EduPlan.Application.Tests.Departments;

/// <summary>
/// A migrated in-memory database holding the seed plans, with the department and ownership use cases built the way the
/// host builds them: each call gets a fresh DbContext, as each web request or CLI run does.
/// </summary>
public sealed class AdministrationDatabase : IAsyncLifetime
{
    public static readonly FixedAuditActor Actor = new("user-1", "admin", "10.0.0.8");

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    public TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        await using var db = Database.CreateContext();
        await new PlanImporter(db, Clock).ImportAsync([Seeds.Parse()]);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    public EduPlanDbContext Context(params IInterceptor[] interceptors) => Database.CreateContext(interceptors);

    public async Task<T> Departments<T>(Func<DepartmentAdministration, Task<T>> work)
    {
        await using var db = Context();
        return await work(new DepartmentAdministration(db, new AuditLog(db, Actor, Clock), new DepartmentQueries(db)));
    }

    public async Task<T> DepartmentQueries<T>(Func<DepartmentQueries, Task<T>> query)
    {
        await using var db = Context();
        return await query(new DepartmentQueries(db));
    }

    public async Task<T> OwnershipQueries<T>(Func<OwnershipQueries, Task<T>> query, params IInterceptor[] interceptors)
    {
        await using var db = Context(interceptors);
        return await query(new OwnershipQueries(db));
    }

    public async Task<T> Ownership<T>(Func<OwnershipAdministration, Task<T>> work, params IInterceptor[] interceptors)
    {
        await using var db = Context(interceptors);
        return await work(new OwnershipAdministration(db, new AuditLog(db, Actor, Clock), new OwnershipQueries(db), Calendar(db)));
    }

    public async Task<OwnershipImportResult> ImportAsync(byte[] content, string sourceName = "owners.csv", bool dryRun = false, params IInterceptor[] interceptors) =>
        await ImportFromAsync(content, null, sourceName, dryRun, interceptors);

    /// <summary>Imports with owners taking effect from <paramref name="from"/> (null: the open quarter).</summary>
    public async Task<OwnershipImportResult> ImportFromAsync(byte[] content, EduPlan.Core.Reporting.Quarter? from, string sourceName = "owners.csv", bool dryRun = false, params IInterceptor[] interceptors)
    {
        await using var db = Context(interceptors);
        return await new OwnershipImport(db, new AuditLog(db, Actor, Clock), Calendar(db)).ImportAsync(content, sourceName, dryRun, from);
    }

    /// <summary>The reporting calendar on this database's clock, with the default grace days.</summary>
    public ReportingCalendar Calendar(EduPlanDbContext db) =>
        new(db, Clock, Microsoft.Extensions.Options.Options.Create(new ReportingOptions()));

    public async Task<T> QueryAsync<T>(Func<EduPlanDbContext, Task<T>> query)
    {
        await using var db = Context();
        return await query(db);
    }

    /// <summary>Creates a department straight in the database and returns its id.</summary>
    public async Task<int> AddDepartmentAsync(string name, string shortName, bool isActive = true, int? parentId = null)
    {
        await using var db = Context();
        var department = new Department { Name = name, ShortName = shortName, Kind = DepartmentKind.MunicipalDepartment, IsActive = isActive, ParentId = parentId };
        db.Departments.Add(department);
        await db.SaveChangesAsync();
        return department.Id;
    }

    public async Task AddUserAsync(string userName, int departmentId)
    {
        await using var db = Context();
        db.Users.Add(new ApplicationUser { UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), DisplayName = userName, DepartmentId = departmentId });
        await db.SaveChangesAsync();
    }

    public Task<List<AuditEntry>> AuditAsync(string action) =>
        QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.Id).ToListAsync());

    /// <summary>The "before" or "after" object of an entry's details.</summary>
    public static JsonElement Details(AuditEntry entry, string part)
    {
        entry.Details.Should().NotBeNullOrEmpty();
        return JsonDocument.Parse(entry.Details!).RootElement.GetProperty(part);
    }
}
