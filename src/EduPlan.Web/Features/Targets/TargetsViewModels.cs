using EduPlan.Core.Plans;

namespace EduPlan.Web.Features.Targets;

/// <summary>Every milestone and indicator of every plan, grouped by the year they are due.</summary>
public sealed record TargetsViewModel(IReadOnlyList<TargetYearGroup> Years, IReadOnlyList<TargetIndicator> StandingRequirements);

/// <summary>What is due in one year, across plans.</summary>
public sealed record TargetYearGroup(int Year, IReadOnlyList<TargetMilestone> Milestones, IReadOnlyList<TargetIndicator> Indicators)
{
    public string Anchor => $"year-{Year}";
}

public sealed record TargetMilestone(string PlanCode, string PlanTitle, int Year, string Text);

public sealed record TargetIndicator(
    string PlanCode,
    string PlanTitle,
    string Name,
    Comparator Comparator,
    decimal Target,
    string Unit,
    int? Year,
    int? TaskNumber,
    string? TaskTitle,
    int? MilestoneYear);
