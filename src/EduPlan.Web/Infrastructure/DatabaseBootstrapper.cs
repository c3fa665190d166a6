using System.Security.Cryptography;
using EduPlan.Application.Auditing;
using EduPlan.Application.Import;
using EduPlan.Application.Jobs;
using EduPlan.Application.Progress;
using EduPlan.Application.Security;
using EduPlan.Application.Users;
using EduPlan.Core.Auditing;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using EduPlan.Data.Identity;
using EduPlan.Web.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduPlan.Web.Infrastructure;

/// <summary>
/// Readies the database before the server takes requests: migrations, the seed plans for an empty
/// database, the roles and the first administrator. Runs as a hosted service, which the host starts
/// before Kestrel (and before WebApplicationFactory's test server).
/// </summary>
public sealed partial class DatabaseBootstrapper(
    IServiceScopeFactory scopeFactory,
    IOptions<BootstrapOptions> bootstrapOptions,
    IOptions<SeedOptions> seedOptions,
    TimeProvider clock,
    ILogger<DatabaseBootstrapper> logger) : IHostedService
{
    public const string AdminUserName = "admin";
    public const string AdminDisplayName = "系统管理员";
    public const string SecurityAdminUserName = "secadmin";
    public const string SecurityAdminDisplayName = "安全管理员";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<EduPlanDbContext>();

        // A configured password the rules refuse stops start-up here, before anything is written (checked against
        // the configured rules: the ones saved in the portal are read from the database later).
        await BootstrapPasswords.CheckAsync(services.GetRequiredService<UserManager<ApplicationUser>>(), bootstrapOptions.Value);

        // Several instances may start at once on one database: EF Core's migration lock lets one migrate while the
        // others wait, and the start-up lease below lets one import the seeds and create the roles and the
        // administrator while the others wait and then find them there.
        var pending = (await DatabaseMigrations.PendingAsync(db, cancellationToken)).Count;
        await DatabaseMigrations.MigrateAsync(db, cancellationToken);
        LogMigrated(pending);

        var leases = services.GetRequiredService<JobLeases>();
        var lease = await leases.AcquireAsync(StartupLease, StartupLeaseDuration, TimeSpan.FromMilliseconds(200), StartupLeaseDuration * 2, cancellationToken);
        var done = false;
        try
        {
            if (!await db.Plans.AnyAsync(cancellationToken))
            {
                await ImportSeedsAsync(services.GetRequiredService<PlanImportService>(), cancellationToken);
            }

            // A database that holds submitted reports but no read model was upgraded from before it (ADR 15): fill it once,
            // under the start-up lease so that two instances starting together do not both rebuild it.
            if (!await db.ReportSubmissions.AnyAsync(cancellationToken)
                && await db.ProgressReports.AnyAsync(r => r.State != ReportState.Draft, cancellationToken))
            {
                var size = await ProgressReadModel.RebuildAsync(db, cancellationToken);
                LogReadModelRebuilt(size.TaskQuarters, size.IndicatorQuarters, size.Submissions);
            }

            // The security settings saved in the portal, before anything checks a password against them.
            await services.GetRequiredService<StoredSecuritySettings>().ReloadAsync(db, cancellationToken);

            await services.GetRequiredService<UserAdministration>().EnsureRolesAsync(cancellationToken);
            var userManager = services.GetRequiredService<UserManager<ApplicationUser>>();
            var audit = services.GetRequiredService<AuditLog>();
            var security = services.GetRequiredService<IOptions<SecurityOptions>>().Value;
            await EnsureAccountAsync(userManager, audit, security, AdminUserName, AdminDisplayName, Roles.Administrator, bootstrapOptions.Value.AdminPassword);
            // 三员分立: role grants and the security settings need a security administrator; an upgraded database gets one too.
            if ((await userManager.GetUsersInRoleAsync(Roles.SecurityAdministrator)).Count == 0)
            {
                await EnsureAccountAsync(userManager, audit, security, SecurityAdminUserName, SecurityAdminDisplayName, Roles.SecurityAdministrator,
                    bootstrapOptions.Value.SecurityAdminPassword);
            }

            done = true;
        }
        finally
        {
            await leases.ReleaseAsync(lease, done, CancellationToken.None);
        }

        // Existing accounts that break the rule are listed, never changed: which duty each keeps is a person's decision.
        foreach (var breach in await services.GetRequiredService<SeparationOfDuties>().FindBreachesAsync(cancellationToken))
        {
            LogSeparationBreach(breach.UserName, string.Join(", ", breach.Roles));
        }
    }

    /// <summary>The lease the start-up's seed import and first accounts are made under.</summary>
    public const string StartupLease = "startup";

    /// <summary>Long enough for the seed import on a slow server; an instance that dies holding it delays the others this long at most.</summary>
    private static readonly TimeSpan StartupLeaseDuration = TimeSpan.FromMinutes(2);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ImportSeedsAsync(PlanImportService importService, CancellationToken cancellationToken)
    {
        var folder = seedOptions.Value.ResolvedPath;
        var files = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal).ToArray()
            : [];
        if (files.Length == 0)
        {
            LogNoSeeds(folder);
            return;
        }

        var report = await importService.ImportFilesAsync(files, cancellationToken);
        foreach (var plan in report.Plans)
        {
            LogSeedPlan(plan.Code, plan.Sections, plan.Tasks, plan.Milestones, plan.Goals, plan.Indicators);
        }

        foreach (var warning in report.Warnings)
        {
            // The server's log is in English, like every other entry in it.
            LogSeedWarning(warning.ToString(Core.Messages.MessageTexts.English));
        }
    }

    /// <summary>Creates the first <paramref name="role"/> account under <paramref name="userName"/> unless that name exists.</summary>
    private async Task EnsureAccountAsync(
        UserManager<ApplicationUser> userManager, AuditLog audit, SecurityOptions security, string userName, string displayName, string role, string? configured)
    {
        // An existing account is never touched: its password and roles may have been changed since.
        if (await userManager.FindByNameAsync(userName) is not null)
        {
            return;
        }

        var generated = string.IsNullOrEmpty(configured);
        var password = generated ? GeneratePassword(security, userName) : configured!;

        var now = clock.GetUtcNow();
        var admin = new ApplicationUser
        {
            UserName = userName,
            DisplayName = displayName,
            MustChangePassword = generated,
            CreatedAt = now,
            // The expiry clock starts now, for a configured password as for a generated one.
            PasswordChangedAt = now,
        };
        var created = await userManager.CreateAsync(admin, password);
        if (created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            // Another instance starting on the same database got there first.
            return;
        }

        ThrowOnFailure(created, $"create {userName} (check the Bootstrap password setting against the password rules)");
        ThrowOnFailure(await userManager.AddToRoleAsync(admin, role), $"give {userName} the role {role}");
        await audit.WriteAsync(AuditActions.UserCreated, AuditOutcome.Success, AuditTarget.User(admin.Id, userName),
            new { after = new { userName, displayName, roles = new[] { role } }, passwordGenerated = generated },
            FixedAuditActor.System);
        LogAdminCreated(userName, role, generated);

        if (generated)
        {
            // Straight to the console, never through the logger: the password must not reach a log file.
            PrintPasswordBanner(Console.Out, userName, password, role == Roles.Administrator
                ? "已创建系统管理员账户 / administrator account created"
                : "已创建安全管理员账户 / security administrator account created");
        }
    }

    /// <summary>A one-time password that meets the configured rules (the generator user accounts get too).</summary>
    internal static string GeneratePassword(SecurityOptions? rules = null, string userName = AdminUserName) =>
        OneTimePasswords.Generate(rules ?? new SecurityOptions(), userName);

    internal static void PrintPasswordBanner(TextWriter console, string userName, string password, string title = "已创建系统管理员账户 / administrator account created")
    {
        var line = new string('=', 72);
        console.WriteLine();
        console.WriteLine(line);
        console.WriteLine("  EduPlan: " + title);
        console.WriteLine($"  用户名 / user name : {userName}");
        console.WriteLine($"  初始密码 / password: {password}");
        console.WriteLine("  此密码只显示这一次，首次登录后必须修改。");
        console.WriteLine("  This password is shown only once and must be changed at first sign-in.");
        console.WriteLine(line);
        console.WriteLine();
        console.Flush();
    }

    private static void ThrowOnFailure(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not {what}: {string.Join("; ", result.Errors.Select(e => e.Code))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is up to date; pending migrations applied at start-up: {Applied}")]
    private partial void LogMigrated(int applied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database holds no plan and {Folder} has no *.txt plan document to import")]
    private partial void LogNoSeeds(string folder);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Imported seed plan {Code}: {Sections} sections, {Tasks} tasks, {Milestones} milestones, {Goals} goals, {Indicators} indicators")]
    private partial void LogSeedPlan(string code, int sections, int tasks, int milestones, int goals, int indicators);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seed import: {Warning}")]
    private partial void LogSeedWarning(string warning);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created {UserName} with role {Role} (generated password: {Generated})")]
    private partial void LogAdminCreated(string userName, string role, bool generated);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Separation of duties (Security:SeparateDuties): account {UserName} holds {Roles}; a security administrator must revoke all but one duty (nothing was changed)")]
    private partial void LogSeparationBreach(string userName, string roles);

    [LoggerMessage(Level = LogLevel.Information, Message = "Built the progress read model from the existing reports: {TaskQuarters} task-quarter rows, {IndicatorQuarters} indicator-quarter rows, {Submissions} first submissions")]
    private partial void LogReadModelRebuilt(int taskQuarters, int indicatorQuarters, int submissions);
}
