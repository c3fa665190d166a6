using System.Diagnostics;
using System.Globalization;
using EduPlan.Application.Auditing;
using EduPlan.Application.Departments;
using EduPlan.Application.Import;
using EduPlan.Application.Ownership;
using EduPlan.Application.Reporting;
using EduPlan.Application.Security;
using EduPlan.Application.Users;
using EduPlan.Cli.Infrastructure;
using EduPlan.Core.Auditing;
using EduPlan.Core.Organisation;
using EduPlan.Core.Plans;
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
/// Departments, owners and users go through the same use cases (and audit entries) as the portal; reports are
/// written in bulk, each step through <see cref="ReportRevisions.Append"/> with the transition's audit entry.
/// </summary>
public sealed class DemoGenerator(
    EduPlanDbContext db,
    PlanImportService importService,
    DepartmentAdministration departments,
    OwnershipAdministration ownership,
    UserAdministration users,
    UserManager<ApplicationUser> userManager,
    AuditLog audit,
    TimeProvider clock,
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

    public async Task<DemoSummary> RunAsync(DemoSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
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
        var (owned, given) = await AssignOwnersAsync(departmentIds, random, cancellationToken);
        var links = await LinkIndicatorsAsync(cancellationToken);
        var (demoUsers, actors) = await EnsureUsersAsync(catalogue, departmentIds, password, random, cancellationToken);
        var reports = await WriteReportsAsync(settings, periods, now, actors, cancellationToken);

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
                    messages.Add(UserRules.PasswordMessage(error, securityOptions.Value));
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
            if (await departments.FindAsync(department.ShortName, cancellationToken) is not null
                || await departments.FindAsync(department.Name, cancellationToken) is not null)
            {
                continue;
            }

            var result = await departments.CreateAsync(new DepartmentInput(department.Name, department.ShortName, department.Kind), cancellationToken);
            if (!result.Succeeded)
            {
                throw new CliException($"could not add department {department.ShortName}: {string.Join(" ", result.Errors.Select(e => e.Message))}");
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
            if (result.Outcome is not (OwnershipOutcome.Changed or OwnershipOutcome.Unchanged))
            {
                throw new CliException($"could not set the owners of {task.PlanCode} task {task.Number}: {string.Join(" ", result.Errors.Select(e => e.Message))}");
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

    /// <summary>Links the goal indicators (found outside any task) to the tasks that report them, audited as the operator.</summary>
    private async Task<int> LinkIndicatorsAsync(CancellationToken cancellationToken)
    {
        var added = 0;
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        foreach (var rule in DemoCatalogue.IndicatorLinks)
        {
            var indicator = await db.Indicators.AsNoTracking()
                .Where(i => i.Name == rule.IndicatorName && i.Plan!.Code == rule.PlanCode && i.WithdrawnAt == null)
                .Select(i => new { i.Id, i.Name, i.TaskId })
                .FirstOrDefaultAsync(cancellationToken);
            if (indicator is null)
            {
                continue;
            }

            var tasks = await db.Tasks.AsNoTracking()
                .Where(t => t.Plan!.Code == rule.PlanCode && t.WithdrawnAt == null)
                .OrderBy(t => t.Number)
                .Select(t => new { t.Id, t.Number, t.Title })
                .ToListAsync(cancellationToken);
            foreach (var task in tasks.Where(t => rule.TaskTitleKeywords.Any(k => t.Title.Contains(k, StringComparison.Ordinal))).Take(2))
            {
                if (task.Id == indicator.TaskId
                    || await db.IndicatorTaskLinks.AnyAsync(l => l.IndicatorId == indicator.Id && l.TaskId == task.Id, cancellationToken))
                {
                    continue;
                }

                db.IndicatorTaskLinks.Add(new IndicatorTaskLink { IndicatorId = indicator.Id, TaskId = task.Id, LinkedAt = nowUtc, LinkedByName = audit.Actor.UserName });
                audit.Add(AuditActions.IndicatorLinked, AuditOutcome.Success, AuditTarget.Indicator(indicator.Id, rule.PlanCode, indicator.Name),
                    new { task = $"{rule.PlanCode}#{task.Number} {task.Title}" });
                added++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return added;
    }

    /// <summary>
    /// One reporter per department (the catalogue's user name, or reporter-ID for a department the demo did not make),
    /// the coordinator and the leader. Existing accounts are reused as they are. Returns the accounts and, per
    /// department, who writes its reports (plus the coordinator, who reviews them, under department id 0).
    /// </summary>
    private async Task<(List<DemoUser> Users, Dictionary<int, IAuditActor> Actors)> EnsureUsersAsync(
        IReadOnlyList<DemoDepartment> catalogue, Dictionary<string, int> departmentIds, string password, Random random, CancellationToken cancellationToken)
    {
        var demoUsers = new List<DemoUser>();
        var actors = new Dictionary<int, IAuditActor>();
        var education = departmentIds.GetValueOrDefault(DemoCatalogue.EducationCommission);
        var bySlug = catalogue.ToDictionary(d => d.ShortName, d => d.Slug, StringComparer.Ordinal);
        var n = 0;

        foreach (var (shortName, id) in departmentIds.OrderBy(d => d.Value))
        {
            var userName = bySlug.GetValueOrDefault(shortName) ?? $"reporter-{id.ToString(CultureInfo.InvariantCulture)}";
            var (user, created) = await EnsureUserAsync(userName, DemoCatalogue.PersonName(n++, random), Roles.Reporter, id, password, cancellationToken);
            actors[id] = new FixedAuditActor(user.Id, user.UserName!, ClientAddress);
            demoUsers.Add(new DemoUser(user.UserName!, user.DisplayName, Roles.Reporter, shortName, created));
        }

        var (coordinator, coordinatorCreated) = await EnsureUserAsync(CoordinatorUserName, DemoCatalogue.PersonName(n++, random), Roles.Coordinator,
            education == 0 ? null : education, password, cancellationToken);
        actors[0] = new FixedAuditActor(coordinator.Id, coordinator.UserName!, ClientAddress);
        var (leader, leaderCreated) = await EnsureUserAsync(LeaderUserName, DemoCatalogue.PersonName(n, random), Roles.Viewer, null, password, cancellationToken);
        demoUsers.Insert(0, new DemoUser(leader.UserName!, leader.DisplayName, Roles.Viewer, null, leaderCreated));
        demoUsers.Insert(0, new DemoUser(coordinator.UserName!, coordinator.DisplayName, Roles.Coordinator,
            education == 0 ? null : DemoCatalogue.EducationCommission, coordinatorCreated));
        db.ChangeTracker.Clear();
        return (demoUsers, actors);
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
            throw new CliException($"could not create demo user {userName}: {string.Join(" ", result.Errors.Select(e => e.Message))}");
        }

        return (await userManager.FindByNameAsync(userName) ?? throw new CliException($"demo user {userName} vanished"), true);
    }

    private async Task<ReportCounts> WriteReportsAsync(
        DemoSettings settings, DemoPeriods periods, DateTime now, Dictionary<int, IAuditActor> actors, CancellationToken cancellationToken)
    {
        var counts = new ReportCounts();
        var quarters = periods.Filled.Select(q => (Quarter: q, Open: false)).ToList();
        if (periods.Open is { } open)
        {
            quarters.Add((open, true));
        }

        if (quarters.Count == 0)
        {
            return counts;
        }

        var work = await LoadWorkAsync(cancellationToken);
        var departmentsById = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, cancellationToken);
        var existing = (await db.ProgressReports.AsNoTracking()
                .Select(r => new { r.TaskId, r.DepartmentId, r.Year, r.QuarterNumber })
                .ToListAsync(cancellationToken))
            .Select(r => (r.TaskId, r.DepartmentId, new Quarter(r.Year, r.QuarterNumber)))
            .ToHashSet();
        var coordinator = actors[0];
        var lastFilled = periods.Filled.Count > 0 ? periods.Filled[^1] : (Quarter?)null;
        var graceDays = reportingOptions.Value.GraceDays;

        // Every quarter's reports in one transaction: a failed run leaves no half-written history.
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var indicators = await db.Indicators.ToDictionaryAsync(i => i.Id, cancellationToken);
            foreach (var (quarter, isOpen) in quarters)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var drafts = new List<DraftReport>();
                foreach (var task in work)
                {
                    foreach (var departmentId in task.Owners)
                    {
                        if (existing.Contains((task.Id, departmentId, quarter)))
                        {
                            counts.Skipped++;
                            continue;
                        }

                        // Every department has a demo reporter (EnsureUsersAsync), unless it was added while this ran.
                        if (!actors.TryGetValue(departmentId, out var reporter))
                        {
                            continue;
                        }

                        var department = departmentsById[departmentId];
                        var random = new Random(StableSeed(settings.Seed, task.PlanCode, task.Number, department.ShortName, quarter));
                        var trajectory = new Random(StableSeed(settings.Seed, task.PlanCode, task.Number, department.ShortName, null));
                        var steps = isOpen
                            ? DemoTimeline.Open(random, quarter, now, OpenOutcome(random), twoSaves: random.NextDouble() < 0.3)
                            : FilledSteps(random, quarter, graceDays, now, pendingReview: quarter == lastFilled && periods.Open is null,
                                ahead: periods.LastClosed is not { } closed || quarter > closed);
                        if (steps.Count == 0)
                        {
                            counts.Unreported++;
                            continue;
                        }

                        var progress = Progress(trajectory, quarter);
                        var report = NewReport(random, task, department, quarter, progress, task.LeadDepartmentId == departmentId ? task.IndicatorIds : [], indicators, steps[0].At, reporter);
                        drafts.Add(new DraftReport(report, steps, reporter, task, department, random));
                    }
                }

                // First the rows (so reports and evidence have ids for the history and the audit log), then the history.
                db.ProgressReports.AddRange(drafts.Select(d => d.Report));
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(cancellationToken);
                foreach (var draft in drafts)
                {
                    Replay(draft, coordinator, counts);
                }

                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                db.Indicators.AttachRange(indicators.Values);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }

        return counts;
    }

    /// <summary>Current tasks with their owners and the indicators each reports (found in its text or linked).</summary>
    private async Task<List<TaskWork>> LoadWorkAsync(CancellationToken cancellationToken)
    {
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.WithdrawnAt == null && t.LeadDepartmentId != null)
            .OrderBy(t => t.Plan!.SortOrder).ThenBy(t => t.Number)
            .Select(t => new
            {
                t.Id,
                PlanCode = t.Plan!.Code,
                t.Number,
                t.Title,
                Lead = t.LeadDepartmentId!.Value,
                Co = t.CoDepartments.OrderBy(c => c.DepartmentId).Select(c => c.DepartmentId).ToList(),
            })
            .ToListAsync(cancellationToken);
        var indicators = await ReportIndicators.ByTaskAsync(db, tasks.Select(t => t.Id).ToList(), cancellationToken);
        return tasks.Select(t => new TaskWork(t.Id, t.PlanCode, t.Number, t.Title, t.Lead, [t.Lead, .. t.Co], [.. indicators[t.Id].Order()])).ToList();
    }

    private static DemoOpenOutcome OpenOutcome(Random random) => random.NextDouble() switch
    {
        < 0.30 => DemoOpenOutcome.Unreported,
        < 0.55 => DemoOpenOutcome.Draft,
        < 0.82 => DemoOpenOutcome.Submitted,
        < 0.88 => DemoOpenOutcome.Returned,
        _ => DemoOpenOutcome.Approved,
    };

    /// <summary>
    /// A filled quarter: nearly every report approved (about one in fourteen after a return), a few drafts that missed
    /// the deadline and a rare task not reported at all; with no open quarter, a few of the last still wait for review.
    /// </summary>
    private static List<DemoStep> FilledSteps(Random random, Quarter quarter, int graceDays, DateTime now, bool pendingReview, bool ahead)
    {
        var roll = random.NextDouble();
        if (roll < 0.005)
        {
            return [];
        }

        var submit = roll >= 0.02;
        var approve = !(pendingReview && random.NextDouble() < 0.05);
        return DemoTimeline.Filled(random, quarter, graceDays, now,
            twoSaves: random.NextDouble() < 0.3, returnFirst: submit && random.NextDouble() < 0.07, submit: submit, approve: approve, ahead: ahead);
    }

    /// <summary>Where a department's task stands in a quarter: a percent that only rises, and a status to match.</summary>
    private static (int Percent, ReportStatus Status) Progress(Random trajectory, Quarter quarter)
    {
        // One path per task and department from 2025Q1, so consecutive quarters agree; most tasks run to 2035, some finish early.
        var fast = trajectory.NextDouble() < 0.12;
        var percent = trajectory.Next(0, 11);
        var status = percent == 0 ? ReportStatus.NotStarted : ReportStatus.OnTrack;
        for (var q = Quarter.First; q < quarter; q = q.Next)
        {
            var roll = trajectory.NextDouble();
            status = roll < 0.78 ? ReportStatus.OnTrack : roll < 0.9 ? ReportStatus.AtRisk : ReportStatus.Delayed;
            var step = fast ? trajectory.Next(16, 27) : trajectory.Next(3, 9);
            percent = Math.Min(100, percent + (status == ReportStatus.Delayed ? step / 3 : step));
        }

        return percent >= 100 ? (100, ReportStatus.Completed) : (percent, percent == 0 ? ReportStatus.NotStarted : status);
    }

    private static ProgressReport NewReport(
        Random random, TaskWork task, Department department, Quarter quarter, (int Percent, ReportStatus Status) progress,
        IReadOnlyList<int> indicatorIds, Dictionary<int, Indicator> indicators, DateTime firstSave, IAuditActor reporter)
    {
        var isDistrict = department.Kind == DepartmentKind.District;
        var report = new ProgressReport
        {
            TaskId = task.Id,
            DepartmentId = department.Id,
            Year = quarter.Year,
            QuarterNumber = quarter.Number,
            State = ReportState.Draft,
            Status = progress.Status,
            Percent = progress.Percent,
            Progress = DemoTexts.Progress(random, task.Title, quarter, department.ShortName, isDistrict, progress.Percent),
            Problems = DemoTexts.Problems(random, progress.Status),
            NextSteps = DemoTexts.NextSteps(random, progress.Status),
            CreatedAt = firstSave,
            UpdatedAt = firstSave,
            UpdatedById = reporter.UserId,
            UpdatedByName = reporter.UserName,
        };

        foreach (var indicatorId in indicatorIds)
        {
            var indicator = indicators[indicatorId];
            report.IndicatorValues.Add(new ReportIndicatorValue
            {
                IndicatorId = indicatorId,
                Indicator = indicator,
                Value = IndicatorValue(indicator, quarter, random),
                Note = random.NextDouble() < 0.3 ? $"数据来源：{department.ShortName}统计台账" : null,
            });
        }

        // 已完成 needs evidence; other reports sometimes attach a document too.
        if (progress.Status == ReportStatus.Completed || random.NextDouble() < 0.15)
        {
            report.Evidence.Add(new ReportEvidence
            {
                Kind = EvidenceKind.Link,
                Title = DemoTexts.EvidenceTitle(random, task.Title, quarter),
                Url = $"https://{EmailDomain}/evidence/{task.PlanCode}-{task.Number.ToString(CultureInfo.InvariantCulture)}/{quarter}",
                AddedAt = firstSave,
                AddedByName = reporter.UserName,
            });
        }

        return report;
    }

    /// <summary>
    /// A value on its way to the target: from a baseline well short of it in 2025Q1 to the target by its year (2035 for
    /// a standing one), a little noise, never outside 0–100 for a percentage; downwards for an "at most" target.
    /// </summary>
    public static decimal IndicatorValue(Indicator indicator, Quarter quarter, Random random)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(random);
        var target = (double)indicator.Target;
        var dueQuarters = Math.Max(1, Quarter.Range(Quarter.First, new Quarter(indicator.Year ?? Quarter.Last.Year, 4)).Count() - 1);
        var elapsed = Quarter.Range(Quarter.First, quarter).Count() - 1;
        var share = Math.Min(1.0, elapsed / (double)dueQuarters);
        var downwards = indicator.Comparator is Comparator.AtMost or Comparator.LessThan;
        var start = target * (downwards ? 1.3 : 0.78);
        var end = target * (downwards ? 0.97 : 1.02);
        var value = start + ((end - start) * share) + (target * 0.01 * ((random.NextDouble() * 2) - 1));
        var isPercentage = indicator.Unit.Trim() is "%" or "％";
        if (isPercentage)
        {
            value = Math.Clamp(value, 0, 100);
        }

        var decimals = indicator.Unit.Trim() is "所" or "个" or "人" ? 0 : isPercentage ? 1 : 2;
        return Math.Max(0, Math.Round((decimal)value, decimals));
    }

    /// <summary>Plays a report's steps on it, each through ReportRevisions.Append, with the audit entry of each transition.</summary>
    private void Replay(DraftReport draft, IAuditActor coordinator, ReportCounts counts)
    {
        var report = draft.Report;
        var random = draft.Random;
        (string Comment, string Field)? review = null;
        string? corrected = null;
        if (draft.Steps.Any(s => s.Action == ReportAction.Returned))
        {
            // The first submission is vague where the coordinator's comment points; the correction comes with the second.
            review = DemoTexts.ReturnComment(random);
            corrected = DemoTexts.Correction(random, review.Value.Field, Field(report, review.Value.Field));
            SetField(report, review.Value.Field, DemoTexts.Vague(review.Value.Field));
        }

        foreach (var step in draft.Steps)
        {
            var byReporter = step.Action is ReportAction.Saved or ReportAction.Submitted;
            var actor = byReporter ? draft.Reporter : coordinator;
            string? comment = null;
            switch (step.Action)
            {
                case ReportAction.Saved:
                    if (report.State == ReportState.Returned && review is { } sentBack)
                    {
                        SetField(report, sentBack.Field, corrected);
                    }

                    break;
                case ReportAction.Submitted:
                    report.State = ReportState.Submitted;
                    report.SubmittedAt = step.At;
                    break;
                case ReportAction.Returned:
                    comment = review!.Value.Comment;
                    report.State = ReportState.Returned;
                    report.ReviewComment = comment;
                    report.ReviewField = review.Value.Field;
                    break;
                case ReportAction.Approved:
                    report.State = ReportState.Approved;
                    report.ApprovedAt = step.At;
                    report.ApprovedByName = coordinator.UserName;
                    report.ReviewComment = null;
                    report.ReviewField = null;
                    break;
            }

            report.UpdatedById = actor.UserId;
            report.UpdatedByName = actor.UserName;
            var revision = ReportRevisions.Append(db, report, step.Action, actor, step.At, comment);
            counts.Revisions++;
            var action = step.Action switch
            {
                ReportAction.Submitted => AuditActions.ReportSubmitted,
                ReportAction.Approved => AuditActions.ReportApproved,
                ReportAction.Returned => AuditActions.ReportReturned,
                _ => null,
            };
            if (action is not null)
            {
                // The same details the portal's submit, approve and return write.
                object details = step.Action == ReportAction.Returned
                    ? new { revision = revision.Number, comment, field = report.ReviewField }
                    : new { revision = revision.Number, status = report.Status.ToString(), percent = report.Percent };
                var target = AuditTarget.Report(report.Id, draft.Task.PlanCode, draft.Task.Number, report.Quarter.ToString(), draft.Department.ShortName);
                audit.Add(action, AuditOutcome.Success, target, details, actor).OccurredAt = step.At;
                counts.AuditEntries++;
            }
        }

        counts.ByState[report.State] = counts.ByState.GetValueOrDefault(report.State) + 1;
    }

    /// <summary>The text of the field a return comment points at (progress for percent and indicator values).</summary>
    private static string? Field(ProgressReport report, string field) => field switch
    {
        ReportFields.Problems => report.Problems,
        ReportFields.NextSteps => report.NextSteps,
        _ => report.Progress,
    };

    private static void SetField(ProgressReport report, string field, string? text)
    {
        switch (field)
        {
            case ReportFields.Problems:
                report.Problems = text;
                break;
            case ReportFields.NextSteps:
                report.NextSteps = text;
                break;
            default:
                report.Progress = text ?? "";
                break;
        }
    }

    /// <summary>A seed from the run's seed and a report's natural key, so a report is the same whatever else the run makes.</summary>
    private static int StableSeed(int seed, string planCode, int taskNumber, string department, Quarter? quarter)
    {
        // FNV-1a: string.GetHashCode differs from one process to the next.
        var hash = 2166136261u;
        foreach (var c in $"{seed}|{planCode}|{taskNumber}|{department}|{quarter}")
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7FFFFFFF);
    }

    private sealed record TaskWork(int Id, string PlanCode, int Number, string Title, int LeadDepartmentId, IReadOnlyList<int> Owners, IReadOnlyList<int> IndicatorIds);

    private sealed record DraftReport(ProgressReport Report, List<DemoStep> Steps, IAuditActor Reporter, TaskWork Task, Department Department, Random Random);

    private sealed class ReportCounts
    {
        public Dictionary<ReportState, int> ByState { get; } = [];
        public int Unreported { get; set; }
        public int Skipped { get; set; }
        public int Revisions { get; set; }
        public int AuditEntries { get; set; }
    }
}
