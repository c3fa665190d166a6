using EduPlan.Application.Departments;
using EduPlan.Core.Plans;

namespace EduPlan.Web.Features.Plans;

/// <summary>The home page: the plans as a tree (a municipal plan under the national one it implements).</summary>
public sealed record HomeViewModel(IReadOnlyList<PlanTreeNode> Roots);

/// <summary>One plan on the home page with its counts and the plans that implement it.</summary>
public sealed record PlanTreeNode(PlanSummary Plan, IReadOnlyList<PlanTreeNode> Children);

/// <summary>A plan's headline facts and counts of its current rows (withdrawn ones left out), read in one query for all plans.</summary>
public sealed record PlanSummary(
    int Id,
    int? ParentId,
    string Code,
    string Title,
    string Issuer,
    string? IssuedOn,
    int Sections,
    int Tasks,
    int Milestones,
    int Indicators,
    IReadOnlyList<int> MilestoneYears)
{
    /// <summary>A draft for comment (征求意见稿).</summary>
    public bool IsDraft { get; init; }
}

/// <summary>The plan page: header, milestones with goals and indicators, and every section with its tasks.</summary>
public sealed record PlanDetailsViewModel(
    PlanHeader Plan,
    IReadOnlyList<MilestoneView> Milestones,
    IReadOnlyList<SectionView> Sections);

public sealed record PlanHeader(
    int Id,
    string Code,
    string Title,
    string Issuer,
    string? IssuedOn,
    string? ParentCode,
    string? ParentTitle,
    string Preamble)
{
    public bool IsDraft { get; init; }
}

public sealed record MilestoneView(int Id, int Year, string Text, IReadOnlyList<GoalView> Goals)
{
    public IReadOnlyList<IndicatorView> Indicators { get; init; } = [];

    public string Anchor => PlanAnchors.Milestone(Year);
}

public sealed record GoalView(int Number, string Title, string Text);

public sealed record SectionView(int Number, string Title, string Text, IReadOnlyList<TaskLink> Tasks)
{
    public string Anchor => PlanAnchors.Section(Number);

    /// <summary>The marker as written (一、, 第三章); empty for an unnumbered block or an older import.</summary>
    public string Label { get; init; } = "";

    /// <summary>The part (第一部分 总体战略) in a two-level plan.</summary>
    public string? Part { get; init; }
}

/// <summary>A link to a key task: （九）推进学前教育优质普惠发展.</summary>
public sealed record TaskLink(int Number, string Title)
{
    /// <summary>The marker as written: （九）, 【重点任务3】, 2.</summary>
    public string Label { get; init; } = "";

    /// <summary>The lead department's short name, where the page shows it (the plan page); null when none is assigned.</summary>
    public string? Lead { get; init; }
}

/// <summary>A quantitative target as shown in tables.</summary>
public sealed record IndicatorView(string Name, Comparator Comparator, decimal Target, string Unit, int? Year);

/// <summary>The page of one key task; <see cref="Previous"/> and <see cref="Next"/> are the nearest current tasks.</summary>
public sealed record TaskDetailsViewModel(
    string PlanCode,
    string PlanTitle,
    int SectionNumber,
    string SectionTitle,
    int Number,
    string Title,
    string Text,
    IReadOnlyList<IndicatorView> Indicators,
    TaskLink? Previous,
    TaskLink? Next)
{
    /// <summary>The task's marker as written, and its section's.</summary>
    public string Label { get; init; } = "";

    public string SectionLabel { get; init; } = "";

    /// <summary>For a withdrawn task, when its plan was last imported (without it); null for a current task.</summary>
    public DateTimeOffset? WithdrawnFromImportOf { get; init; }

    /// <summary>The section is no longer on the plan page either, so there is no anchor to link to.</summary>
    public bool SectionWithdrawn { get; init; }

    /// <summary>The lead department (牵头单位), or null while none is assigned.</summary>
    public DepartmentReference? Lead { get; init; }

    /// <summary>The co-departments (参与单位).</summary>
    public IReadOnlyList<DepartmentReference> CoDepartments { get; init; } = [];

    /// <summary>For a reporter allowed to report on this task: whether their department leads it or joins it.</summary>
    public EduPlan.Core.Organisation.TaskPart OwnDepartmentPart { get; init; }

    /// <summary>Whether the reader may change the owners (administrators and coordinators): the page links to the form.</summary>
    public bool CanEditOwnership { get; init; }

    /// <summary>The light in the latest closed quarter and the charts (ADR 15); null for a withdrawn task.</summary>
    public EduPlan.Application.Progress.TaskProgressDetails? Progress { get; init; }

    /// <summary>The timeline shows every quarter (asked for), not only the latest four.</summary>
    public bool WholeTimeline { get; init; }

    /// <summary>A coordinator may set the task's due date, curve and weight: the page links to the form.</summary>
    public bool CanPlan { get; init; }
}

/// <summary>The fragment identifiers used on the plan page, so other pages can link into it.</summary>
public static class PlanAnchors
{
    public const string Goals = "goals";
    public const string Sections = "sections";

    public static string Milestone(int year) => $"milestone-{year}";

    public static string Section(int number) => $"section-{number}";
}
