using System.Globalization;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Cli.Demo;
using EduPlan.Cli.Infrastructure;
using EduPlan.Core.Reporting;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlan.Cli.Commands;

/// <summary>
/// <c>demo</c>: fills a database with believable departments, users and quarterly reports so a newcomer sees a living
/// portal. Only ever runs when typed; refuses a database that already holds reports unless --force.
/// </summary>
public static class DemoCommand
{
    public static CliCommand Definition { get; } = new(
        "demo",
        "demo [--departments N] [--through 2026Q4] [--seed N] [--password P] [--today YYYY-MM-DD] [--force]",
        "Fill the database with demo departments, task owners, users and quarterly reports from 2025Q1 to the last closed quarter, "
        + "plus this quarter's drafts and submissions; refuses a database that already holds reports unless --force.",
        RunAsync);

    private static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        var arguments = CommandArguments.Parse(
            args,
            valueOptions: ["--departments", "--through", "--seed", "--password", "--today"],
            flags: ["--force"]);
        arguments.RequireNoPositionals("demo");
        var settings = ReadSettings(arguments) with { Culture = context.Culture };

        // The portal's use cases, with a clock the demo moves to each step's time and an actor it switches between
        // the operator, the departments' reporters and the coordinator.
        var clock = new DemoClock(TimeProvider.System);
        var actor = new DemoActor(FixedAuditActor.CommandLine());
        await using var scope = await CommandScope.OpenAsync(context, write: true, services =>
        {
            services.AddSingleton(clock).AddSingleton<TimeProvider>(clock);
            services.AddSingleton(actor).AddSingleton<IAuditActor>(actor);
            services.AddScoped<DemoReportWriter>().AddScoped<DemoGenerator>();
        });
        var generator = scope.Get<DemoGenerator>();
        var summary = await generator.RunAsync(settings, context.CancellationToken);
        Write(summary, context.Output);
        return ExitCodes.Success;
    }

    internal static DemoSettings ReadSettings(CommandArguments arguments)
    {
        var settings = DemoSettings.Default;
        if (arguments.Value("--departments") is { } departments)
        {
            if (!int.TryParse(departments, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1 || count > DemoSettings.MaxDepartments)
            {
                throw new UsageException($"--departments must be a number from 1 to {DemoSettings.MaxDepartments}, not '{departments}'");
            }

            settings = settings with { Departments = count };
        }

        if (arguments.Value("--through") is { } through)
        {
            if (!Quarter.TryParse(through, out var quarter) || !quarter.IsReportingQuarter)
            {
                throw new UsageException($"--through must be a quarter from {Quarter.First} to {Quarter.Last} such as 2026Q4, not '{through}'");
            }

            settings = settings with { Through = quarter };
        }

        if (arguments.Value("--seed") is { } seedText)
        {
            if (!int.TryParse(seedText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed))
            {
                throw new UsageException($"--seed must be a whole number, not '{seedText}'");
            }

            settings = settings with { Seed = seed };
        }

        if (arguments.Value("--today") is { } todayText)
        {
            if (!DateOnly.TryParseExact(todayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var today))
            {
                throw new UsageException($"--today must be a date such as 2026-09-10, not '{todayText}'");
            }

            settings = settings with { Today = today };
        }

        if (arguments.Value("--password") is { } password)
        {
            settings = settings with { Password = password };
        }

        return settings with { Force = arguments.Has("--force") };
    }

    private static void Write(DemoSummary summary, TextWriter output)
    {
        var periods = summary.Periods;
        output.WriteLine($"demo data written to {summary.Database} (seed {summary.Seed.ToString(CultureInfo.InvariantCulture)}, {summary.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s)");
        if (summary.PlansImported > 0)
        {
            output.WriteLine($"plans:        {summary.PlansImported} imported from the seed documents");
        }

        output.WriteLine($"departments:  {summary.Departments} ({summary.DepartmentsCreated} created)");
        output.WriteLine($"tasks:        {summary.TasksOwned} with a lead department ({summary.TasksGivenOwners} given owners now), {summary.IndicatorLinksAdded} indicator links added");
        output.WriteLine($"quarters:     {periods.FilledRange} reviewed"
            + (periods.Open is { } open ? $"; {open} open for entry (today {ReportingWindow.Date(periods.Today)})" : $"; no quarter open for entry today ({ReportingWindow.Date(periods.Today)})"));
        output.WriteLine($"reports:      {summary.Reports} — "
            + string.Join(", ", Enum.GetValues<ReportState>().Select(s => $"{s.ToString().ToLowerInvariant()} {summary.ReportsByState.GetValueOrDefault(s)}"))
            + $"; {summary.Unreported} not reported"
            + (summary.ReportsSkipped > 0 ? $"; {summary.ReportsSkipped} existing left as they were" : ""));
        output.WriteLine($"history:      {summary.Revisions} report revisions, {summary.AuditEntries} audit entries");

        var created = summary.Users.Count(u => u.Created);
        output.WriteLine($"users:        {summary.Users.Count} ({created} created; e-mail @{DemoGenerator.EmailDomain} marks them as demo accounts)");
        if (summary.Password is not null)
        {
            // Printed once, here; it is in no log and no audit entry.
            output.WriteLine($"password:     {summary.Password}   (every demo user created now; no change is forced at sign-in)");
        }

        if (created < summary.Users.Count)
        {
            output.WriteLine("              users that already existed keep their passwords");
        }

        output.WriteLine();
        output.WriteLine("start the portal on the same database:");
        output.WriteLine("  dotnet run --project src/EduPlan.Web        (http://localhost:5055)");
        output.WriteLine("and sign in as:");
        foreach (var user in summary.Users)
        {
            var what = user.Role switch
            {
                Roles.Coordinator => "统筹协调: 待审核 (/review), 填报情况 (/reporting/status)",
                Roles.Viewer => "领导查看: approved reports and targets",
                _ => $"填报员 of {user.Department}: 我的任务 (/my/tasks)",
            };
            output.WriteLine($"  {user.UserName,-14} {user.DisplayName,-6} {what}");
        }
    }
}
