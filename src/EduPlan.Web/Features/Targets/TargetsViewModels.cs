using EduPlan.Application.Departments;
using EduPlan.Application.Progress;
using EduPlan.Core.Plans;
using EduPlan.Core.Progress;

namespace EduPlan.Web.Features.Targets;

/// <summary>Every milestone and indicator of every plan, grouped by the year they are due.</summary>
public sealed record TargetsViewModel(IReadOnlyList<TargetYearGroup> Years, IReadOnlyList<TargetIndicator> StandingRequirements);

/// <summary>What is due in one year, across plans.</summary>
public sealed record TargetYearGroup(int Year, IReadOnlyList<TargetMilestone> Milestones, IReadOnlyList<TargetIndicator> Indicators)
{
    public string Anchor => $"year-{Year}";
}

public sealed record TargetMilestone(string PlanCode, string PlanTitle, int Year, string Text);

/// <summary>An indicator with its target and, once a report with it is approved, the latest approved value.</summary>
public sealed record TargetIndicator(
    int Id,
    string PlanCode,
    string PlanTitle,
    string Name,
    Comparator Comparator,
    decimal Target,
    string Unit,
    int? Year,
    int? TaskNumber,
    string? TaskTitle,
    int? MilestoneYear)
{
    /// <summary>The latest approved value, the expected value and the light; null for an indicator the query did not judge.</summary>
    public IndicatorProgress? Progress { get; init; }

    /// <summary>The department whose report gave the latest value.</summary>
    public DepartmentReference? LatestDepartment { get; init; }

    /// <summary>When one department's approved reports give the latest quarter different values: all of them (else empty).</summary>
    public IReadOnlyList<decimal> ConflictingValues { get; init; } = [];

    /// <summary>Whether the latest approved value meets the target; null without one.</summary>
    public bool? MeetsTarget => Progress?.Latest is { } latest ? IndicatorLightRules.IsMet(Comparator, latest.Value, Target) : null;
}
