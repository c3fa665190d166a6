using System.Diagnostics;
using System.Globalization;
using EduPlan.Application;
using EduPlan.Application.Auditing;
using EduPlan.Application.Departments;
using EduPlan.Application.Import;
using EduPlan.Application.Ownership;
using EduPlan.Application.Progress;
using EduPlan.Application.Reporting;
using EduPlan.Application.Reporting.Links;
using EduPlan.Application.Security;
using EduPlan.Application.Users;
using EduPlan.Cli.Infrastructure;
using EduPlan.Core.Messages;
using EduPlan.Core.Organisation;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using EduPlan.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace EduPlan.Cli.Demo;

/// <summary>
/// Fills a database with believable demo data: the seed plans, Chongqing's departments, task owners, indicator links,
/// one reporter per department plus a coordinator and a viewer, and quarterly reports with their whole history.
/// Everything goes through the portal's own use cases (and so their rules and audit entries): departments, owners,
/// indicator links, users and the progress plans (due dates, curves, weights, baselines: <see cref="DemoProgress"/>) here,
/// the reports in <see cref="DemoReportWriter"/>, which keep the leaders' read model current as the portal does.
/// </summary>
public sealed class DemoGenerator(
    EduPlanDbContext db,
    PlanImportService importService,
    DepartmentAdministration departments,
    DepartmentQueries departmentQueries,
    OwnershipAdministration ownership,
    UserAdministration users,
    IndicatorLinkAdministration indicatorLinks,
    ProgressPlanning planning,
    UserManager<ApplicationUser> userManager,
    DemoReportWriter reportWriter,
    DemoClock clock,
    IOptions<ReportingOptions> reportingOptions,
    IOptions<SecurityOptions> securityOptions,
    IConfiguration configuration)
{
    public const string CoordinatorUserName = "coordinator";
    public const string LeaderUserName = "leader";

    /// <summary>Demo accounts are recognisable in the user list by this e-mail domain (reserved: it never delivers).</summary>
    public const string EmailDomain = "demo.eduplan.invalid";

    /// <summary>The client address of the demo's report steps in the audit log.</summary>
    public const string ClientAddress = "demo";

    /// <summary>The language of the use cases' messages in an error: the run's <see cref="DemoSettings.Culture"/>.</summary>
    private CultureInfo culture = MessageTexts.English;

    public async Task<DemoSummary> RunAsync(DemoSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        culture = settings.Culture;
        var watch = Stopwatch.StartNew();
        var existingReports = await db.ProgressReports.CountAsync(cancellationToken);
        if (existingReports > 0 && !settings.Force)
        {
            throw new CliException(
                $"the database already holds {existingReports} progress reports; demo fills a database without reports " +
                "(use --force to add demo reports beside them; existing reports are left as they are)");
        }

        var now = settings.Today is { } day ? DemoTimeline.ChinaTime(day, 18) : clock.GetUtcNow().UtcDateTime;
        var today = settings.Today ?? ChinaCalendar.Today(clock);
        var graceDays = reportingOptions.Value.GraceDays;
        var periods = DemoPeriods.Decide(today, graceDays, settings.Through);
        var catalogue = DemoCatalogue.Departments(settings.Departments);
        var random = new Random(settings.Seed);

        // Checked before anything is written: a password the rules refuse would otherwise stop the run halfway.
        var userNames = catalogue.Select(d => d.Slug).Append(CoordinatorUserName).Append(LeaderUserName).ToList();
        var password = settings.Password ?? GeneratePassword(userNames);
        await CheckPasswordAsync(password, userNames);

        var plansImported = await EnsurePlansAsync(cancellationToken);
        await users.EnsureRolesAsync(cancellationToken);
        var (departmentIds, created) = await EnsureDepartmentsAsync(catalogue, cancellationToken);
        // The demo's owners own their tasks from the first reporting quarter, as if assigned then (ownership has effect
        // dates, and a change today would only take effect from the open quarter): the clock stands at 2025Q1's start.
        clock.Set(DemoTimeline.ChinaTime(Quarter.First.StartDate, 9));
        (int Owned, int Given) ownersGiven;
        try
        {
            ownersGiven = await AssignOwnersAsync(departmentIds, random, cancellationToken);
        }
        finally
        {
            clock.Release();
        }

        var (owned, given) = ownersGiven;
        var links = await LinkIndicatorsAsync(cancellationToken);
        var (demoUsers, reporters, coordinator) = await EnsureUsersAsync(catalogue, departmentIds, password, random, cancellationToken);
        var demoProgress = await DemoProgress.PlanAsync(db, planning, culture, cancellationToken);
        var reports = await reportWriter.WriteAsync(settings, periods, now, reporters, coordinator, demoProgress, cancellationToken);

        return new DemoSummary
        {
            Periods = periods,
            Seed = settings.Seed,
            Database = DatabaseState.Describe(db),
            PlansImported = plansImported,
            Departments = departmentIds.Count,
            DepartmentsCreated = created,
            TasksOwned = owned,
            TasksGivenOwners = given,
            IndicatorLinksAdded = links,
            Users = demoUsers,
            Password = demoUsers.Any(u => u.Created) ? password : null,
            ReportsByState = reports.ByState,
            Unreported = reports.Unreported,
            ReportsSkipped = reports.Skipped,
            Revisions = reports.Revisions,
            AuditEntries = reports.AuditEntries,
            Elapsed = watch.Elapsed,
        };
    }

    private string GeneratePassword(IReadOnlyList<string> userNames)
    {
        // One password for every demo user, so it must not contain any of their names (a rule of the validator).
        while (true)
        {
            var password = OneTimePasswords.Generate(securityOptions.Value);
            if (!userNames.Any(n => password.Contains(n, StringComparison.OrdinalIgnoreCase)))
            {
                return password;
            }
        }
    }

    private async Task CheckPasswordAsync(string password, IReadOnlyList<string> userNames)
    {
        var messages = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var userName in userNames)
        {
            foreach (var validator in userManager.PasswordValidators)
            {
                var result = await validator.ValidateAsync(userManager, new ApplicationUser { UserName = userName }, password);
                foreach (var error in result.Errors)
                {
                    messages.Add(UserRules.IdentityError(error, securityOptions.Value, userName).Message.ToString(culture));
                }
            }
        }

        if (messages.Count > 0)
        {
            throw new UsageException("--password does not meet the password rules: " + string.Join(" ", messages));
        }
    }

    /// <summary>Imports the seed plans into a database without plans, as the portal does at its first start.</summary>
    private async Task<int> EnsurePlansAsync(CancellationToken cancellationToken)
    {
        if (await db.Plans.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var files = SeedFiles();
        if (files.Count == 0)
        {
            throw new CliException("the database holds no plans and no seed documents were found; import them first (`import seeds/*.txt`) or set Seeds:Path");
        }

        var report = await importService.ImportFilesAsync(files, cancellationToken);
        db.ChangeTracker.Clear();
        return report.Plans.Count;
    }

    /// <summary>Seeds:Path (the portal's setting), else the seeds folder next to the program, else ./seeds.</summary>
    private List<string> SeedFiles()
    {
        var candidates = new[]
        {
            configuration["Seeds:Path"],
            Path.Combine(AppContext.BaseDirectory, "seeds"),
            Path.Combine(Directory.GetCurrentDirectory(), "seeds"),
        };
        foreach (var folder in candidates.Where(c => !string.IsNullOrWhiteSpace(c) && Directory.Exists(c)))
        {
            var files = Directory.GetFiles(folder!, "*.txt").Order(StringComparer.Ordinal).ToList();
            if (files.Count > 0)
            {
                return files;
            }
        }

        return [];
    }

    /// <summary>Creates the catalogue's departments that do not exist yet; returns every department's id by short name.</summary>
    private async Task<(Dictionary<string, int> Ids, int Created)> EnsureDepartmentsAsync(IReadOnlyList<DemoDepartment> catalogue, CancellationToken cancellationToken)
    {
        var created = 0;
        foreach (var department in catalogue)
        {
            if (await departmentQueries.FindAsync(department.ShortName, cancellationToken) is not null
                || await departmentQueries.FindAsync(department.Name, cancellationToken) is not null)
            {
                continue;
            }

            var result = await departments.CreateAsync(new DepartmentInput(department.Name, department.ShortName, department.Kind), cancellationToken);
            if (!result.Succeeded)
            {
                throw new CliException($"could not add department {department.ShortName}: {Describe(result)}");
            }

            created++;
        }

        db.ChangeTracker.Clear();
        var ids = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.ShortName, d => d.Id, cancellationToken);
        return (ids, created);
    }

    /// <summary>
    /// Gives every current task without a lead department its owners: by topic where the title says it, otherwise
    /// 市教委 with up to three departments spread at random. Tasks that already have a lead keep their owners.
    /// </summary>
    private async Task<(int Owned, int Given)> AssignOwnersAsync(Dictionary<string, int> departmentIds, Random random, CancellationToken cancellationToken)
    {
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.WithdrawnAt == null)
            .OrderBy(t => t.Plan!.SortOrder).ThenBy(t => t.Number)
            .Select(t => new { PlanCode = t.Plan!.Code, t.Number, t.Title, t.LeadDepartmentId, t.OwnershipVersion })
            .ToListAsync(cancellationToken);
        var active = await db.Departments.AsNoTracking().Where(d => d.IsActive)
            .Select(d => new { d.Id, d.ShortName, d.Kind }).ToListAsync(cancellationToken);
        var districts = active.Where(d => d.Kind == DepartmentKind.District).Select(d => d.Id).ToList();
        var anyLead = departmentIds.GetValueOrDefault(DemoCatalogue.EducationCommission, active.FirstOrDefault()?.Id ?? 0);

        var given = 0;
        foreach (var task in tasks.Where(t => t.LeadDepartmentId is null))
        {
            if (anyLead == 0)
            {
                break;
            }

            var (lead, co) = Owners(task.Title, departmentIds, active.Select(d => d.Id).ToList(), districts, anyLead, random);
            var result = await ownership.SetOwnersAsync(task.PlanCode, task.Number, new OwnershipInput(lead, co), task.OwnershipVersion, cancellationToken);
            if (!result.Succeeded)
            {
                throw new CliException($"could not set the owners of {task.PlanCode} task {task.Number}: {Describe(result)}");
            }

            given++;
        }

        db.ChangeTracker.Clear();
        var owned = await db.Tasks.CountAsync(t => t.WithdrawnAt == null && t.LeadDepartmentId != null, cancellationToken);
        return (owned, given);
    }

    private static (int Lead, List<int> Co) Owners(
        string title, Dictionary<string, int> ids, List<int> active, List<int> districts, int defaultLead, Random random)
    {
        var topic = DemoCatalogue.Topics.FirstOrDefault(t => t.Keywords.Any(k => title.Contains(k, StringComparison.Ordinal)));
        if (topic is null)
        {
            // No topic: 市教委 leads and zero to three others join.
            var others = active.Where(id => id != defaultLead).ToArray();
            random.Shuffle(others);
            return (defaultLead, others.Take(random.Next(0, Math.Min(3, others.Length) + 1)).ToList());
        }

        var lead = ids.TryGetValue(topic.Lead, out var topicLead) && active.Contains(topicLead) ? topicLead : defaultLead;
        var named = topic.CoDepartments
            .Select(n => ids.TryGetValue(n, out var id) ? id : 0)
            .Where(id => id != 0 && id != lead && active.Contains(id))
            .Take(3 - Math.Min(topic.DistrictCoDepartments, districts.Count))
            .ToList();
        var pool = districts.Where(id => id != lead && !named.Contains(id)).ToArray();
        random.Shuffle(pool);
        return (lead, [.. named, .. pool.Take(Math.Min(topic.DistrictCoDepartments, 3 - named.Count))]);
    }

    /// <summary>Links the goal indicators (found outside any task) to the tasks that report them, as the operator.</summary>
    private async Task<int> LinkIndicatorsAsync(CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var rule in DemoCatalogue.IndicatorLinks)
        {
            var indicator = await db.Indicators.AsNoTracking()
                .Where(i => i.Name == rule.IndicatorName && i.Plan!.Code == rule.PlanCode && i.WithdrawnAt == null)
                .Select(i => new { i.Id, i.TaskId })
                .FirstOrDefaultAsync(cancellationToken);
            if (indicator is null)
            {
                continue;
            }

            var tasks = await db.Tasks.AsNoTracking()
                .Where(t => t.Plan!.Code == rule.PlanCode && t.WithdrawnAt == null)
                .OrderBy(t => t.Number)
                .Select(t => new { t.Id, t.Title })
                .ToListAsync(cancellationToken);
            foreach (var task in tasks.Where(t => rule.TaskTitleKeywords.Any(k => t.Title.Contains(k, StringComparison.Ordinal))).Take(2))
            {
                // The task the indicator was found in reports it anyway; a link made by an earlier run stays.
                var result = await indicatorLinks.LinkAsync(indicator.Id, task.Id, cancellationToken);
                db.ChangeTracker.Clear();
                // Refused as already linked (by the task's own text or an earlier run): nothing to add.
                added += result switch
                {
                    { Succeeded: true } => 1,
                    { Kind: ResultKind.Refused } => 0,
                    _ => throw new CliException($"could not link indicator {rule.IndicatorName} to {rule.PlanCode} task {task.Id}: {Describe(result)}"),
                };
            }
        }

        return added;
    }

    /// <summary>
    /// One reporter per department (the catalogue's user name, or reporter-ID for a department the demo did not make),
    /// the coordinator and the leader. Existing accounts are reused as they are. Returns the accounts, who writes each
    /// department's reports, and the coordinator who reviews them.
    /// </summary>
    private async Task<(List<DemoUser> Users, Dictionary<int, IAuditActor> Reporters, IAuditActor Coordinator)> EnsureUsersAsync(
        IReadOnlyList<DemoDepartment> catalogue, Dictionary<string, int> departmentIds, string password, Random random, CancellationToken cancellationToken)
    {
        var demoUsers = new List<DemoUser>();
        var actors = new Dictionary<int, IAuditActor>();
        var bySlug = catalogue.ToDictionary(d => d.ShortName, d => d.Slug, StringComparer.Ordinal);
        var n = 0;

        foreach (var (shortName, id) in departmentIds.OrderBy(d => d.Value))
        {
            var userName = bySlug.GetValueOrDefault(shortName) ?? $"reporter-{id.ToString(CultureInfo.InvariantCulture)}";
            var (user, created) = await EnsureUserAsync(userName, DemoCatalogue.PersonName(n++, random), Roles.Reporter, id, password, cancellationToken);
            actors[id] = new FixedAuditActor(user.Id, user.UserName!, ClientAddress);
            demoUsers.Add(new DemoUser(user.UserName!, user.DisplayName, Roles.Reporter, shortName, created));
        }

        // No department: the coordinator reviews every department's reports, and no one reviews their own (ReportReview).
        var (coordinator, coordinatorCreated) = await EnsureUserAsync(CoordinatorUserName, DemoCatalogue.PersonName(n++, random), Roles.Coordinator,
            null, password, cancellationToken);
        var coordinatorActor = new FixedAuditActor(coordinator.Id, coordinator.UserName!, ClientAddress);
        var (leader, leaderCreated) = await EnsureUserAsync(LeaderUserName, DemoCatalogue.PersonName(n, random), Roles.Viewer, null, password, cancellationToken);
        demoUsers.Insert(0, new DemoUser(leader.UserName!, leader.DisplayName, Roles.Viewer, null, leaderCreated));
        demoUsers.Insert(0, new DemoUser(coordinator.UserName!, coordinator.DisplayName, Roles.Coordinator, null, coordinatorCreated));
        db.ChangeTracker.Clear();
        return (demoUsers, actors, coordinatorActor);
    }

    private async Task<(ApplicationUser User, bool Created)> EnsureUserAsync(
        string userName, string displayName, string role, int? departmentId, string password, CancellationToken cancellationToken)
    {
        if (await userManager.FindByNameAsync(userName) is { } existing)
        {
            return (existing, false);
        }

        // A demo database is for trying the portal: one shared password, not a first sign-in that forces a new one.
        var result = await users.CreateAsync(new NewUser
        {
            UserName = userName,
            DisplayName = displayName,
            DepartmentId = departmentId,
            Roles = [role],
            Email = $"{userName}@{EmailDomain}",
            Password = password,
            RequirePasswordChange = false,
        }, cancellationToken);
        if (!result.Succeeded)
        {
            throw new CliException($"could not create demo user {userName}: {Describe(result)}");
        }

        return (await userManager.FindByNameAsync(userName) ?? throw new CliException($"demo user {userName} vanished"), true);
    }

    private string Describe<T>(Result<T> result) => string.Join(" ", result.Messages.Select(m => m.ToString(culture)));
}
