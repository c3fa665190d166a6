using EduPlan.Core.Reporting;

namespace EduPlan.Cli.Demo;

/// <summary>What <c>eduplan demo</c> created, for the summary it prints.</summary>
public sealed record DemoSummary
{
    public required DemoPeriods Periods { get; init; }
    public required int Seed { get; init; }
    public required string Database { get; init; }
    public int PlansImported { get; init; }
    public int Departments { get; init; }
    public int DepartmentsCreated { get; init; }
    public int TasksOwned { get; init; }
    public int TasksGivenOwners { get; init; }
    public int IndicatorLinksAdded { get; init; }
    public required IReadOnlyList<DemoUser> Users { get; init; }

    /// <summary>The password of the users created now; null when every demo user already existed.</summary>
    public string? Password { get; init; }

    public required IReadOnlyDictionary<ReportState, int> ReportsByState { get; init; }
    public int Unreported { get; init; }
    public int ReportsSkipped { get; init; }
    public int Revisions { get; init; }
    public int AuditEntries { get; init; }
    public TimeSpan Elapsed { get; init; }

    public int Reports => ReportsByState.Values.Sum();
}

/// <summary>A demo account: who to sign in as, and whether this run created it.</summary>
public sealed record DemoUser(string UserName, string DisplayName, string Role, string? Department, bool Created);
