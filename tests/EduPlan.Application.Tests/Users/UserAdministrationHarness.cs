using EduPlan.Application;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Application.Users;
using EduPlan.Core.Auditing;
using EduPlan.Core.Organisation;
using EduPlan.Data;
using EduPlan.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EduPlan.Application.Tests.Users;

/// <summary>
/// UserAdministration wired the way the CLI wires it (AddEduPlanIdentityCore + AddEduPlanAdministration) on a private
/// in-memory SQLite database, with a fake clock and an actor the test can switch.
/// </summary>
public sealed class UserAdministrationHarness : IAsyncDisposable
{
    public const string AdminPassword = "Harness-Passw0rd-123";

    private readonly TestDatabase _database;
    private readonly ServiceProvider _services;

    private UserAdministrationHarness(TestDatabase database, ServiceProvider services, FakeTimeProvider clock, SwitchableActor actor, CommandLog commands)
    {
        _database = database;
        _services = services;
        Clock = clock;
        Actor = actor;
        Commands = commands;
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>Who acts; the command line unless a test says otherwise.</summary>
    public SwitchableActor Actor { get; }

    public CommandLog Commands { get; }

    /// <summary>Runs before each SaveChanges of the next command only; lets a test change the database in the middle.</summary>
    public Func<EduPlanDbContext, Task>? BeforeNextSave { get; set; }

    public static async Task<UserAdministrationHarness> CreateAsync(Dictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero));
        var actor = new SwitchableActor();
        var commands = new CommandLog();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();

        UserAdministrationHarness? harness = null;
        var services = new ServiceCollection();
        services.AddLogging();
        // AddEduPlanIdentityCore's default token providers need it (the CLI must register it too).
        services.AddDataProtection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IAuditActor>(actor);
        services.AddDbContext<EduPlanDbContext>(options => database.Configure(options)
            .AddInterceptors(commands, new BeforeSave(() => harness!)));
        services.AddEduPlanIdentityCore(configuration);
        services.AddEduPlanAdministration();
        harness = new UserAdministrationHarness(database, services.BuildServiceProvider(validateScopes: true), clock, actor, commands);

        await harness.RunAsync(admin => admin.EnsureRolesAsync());
        return harness;
    }

    /// <summary>Runs one command in its own scope, as one web request or one CLI run does.</summary>
    public async Task<T> RunAsync<T>(Func<UserAdministration, Task<T>> command)
    {
        await using var scope = _services.CreateAsyncScope();
        return await command(scope.ServiceProvider.GetRequiredService<UserAdministration>());
    }

    /// <summary>Reads through the user queries in their own scope.</summary>
    public async Task<T> QueryAsync<T>(Func<UserQueries, Task<T>> query)
    {
        await using var scope = _services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<UserQueries>());
    }

    public async Task<T> WithDbAsync<T>(Func<EduPlanDbContext, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<EduPlanDbContext>());
    }

    public async Task<T> WithUsersAsync<T>(Func<UserManager<ApplicationUser>, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>());
    }

    public Task<ApplicationUser> LoadAsync(string userName) => WithDbAsync(db =>
        db.Users.AsNoTracking().SingleAsync(u => u.NormalizedUserName == userName.ToUpperInvariant()));

    public Task<List<AuditEntry>> AuditAsync() => WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    public Task<int> AddDepartmentAsync(string shortName, bool active = true) => WithDbAsync(async db =>
    {
        var department = new Department { Name = "测试单位" + shortName, ShortName = shortName, Kind = DepartmentKind.Other, IsActive = active };
        db.Departments.Add(department);
        await db.SaveChangesAsync();
        return department.Id;
    });

    public Task SetDepartmentActiveAsync(int id, bool active) => WithDbAsync(async db =>
        await db.Departments.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.IsActive, active)));

    /// <summary>Creates a user through the service (from the command line) with a password they need not change.</summary>
    public async Task<string> CreateAsync(string userName, string[] roles, int? departmentId = null, string password = AdminPassword)
    {
        var result = await RunAsync(admin => admin.CreateAsync(new NewUser
        {
            UserName = userName,
            DisplayName = "用户" + userName,
            DepartmentId = departmentId,
            Roles = roles,
            Password = password,
            RequirePasswordChange = false,
        }));
        result.Errors.Should().BeEmpty();
        return result.Value!.UserId;
    }

    /// <summary>Acts as this user from now on (so the self-protection rules apply to them).</summary>
    public void ActAs(string userId, string userName) => Actor.Current = new FixedAuditActor(userId, userName, "127.0.0.1");

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>An actor whose identity the test can change between commands.</summary>
    public sealed class SwitchableActor : IAuditActor
    {
        public IAuditActor Current { get; set; } = FixedAuditActor.CommandLine();

        public string? UserId => Current.UserId;

        public string UserName => Current.UserName;

        public string? ClientAddress => Current.ClientAddress;
    }

    private sealed class BeforeSave(Func<UserAdministrationHarness> harness) : SaveChangesInterceptor
    {
        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var owner = harness();
            if (owner.BeforeNextSave is { } hook && eventData.Context is EduPlanDbContext db)
            {
                owner.BeforeNextSave = null;
                await hook(db);
            }

            return result;
        }
    }
}
