using EduPlan.Core.Messages;
using EduPlan.Core.Plans;

namespace EduPlan.Core.Parsing;

/// <summary>What the parser read from one plan document: the plans found in it, in document order, and what it noticed.</summary>
public sealed record ParsedDocument(string SourceName, IReadOnlyList<ParsedPlan> Plans, IReadOnlyList<Message> Warnings);

/// <summary>One plan as written in the document. <see cref="Line"/> numbers are 1-based lines of the source file.</summary>
public sealed record ParsedPlan(
    string Code,
    string Title,
    string Issuer,
    string? IssuedOn,
    string? ParentTitle,
    string? ParentCode,
    int StartYear,
    int EndYear,
    string Preamble,
    int Line,
    IReadOnlyList<ParsedSection> Sections,
    IReadOnlyList<ParsedMilestone> Milestones,
    IReadOnlyList<ParsedIndicator> Indicators)
{
    public IEnumerable<ParsedTask> Tasks => Sections.SelectMany(s => s.Tasks);

    /// <summary>A draft for comment: the title carried （征求意见稿）, （送审稿） or the like (not part of <see cref="Title"/>).</summary>
    public bool IsDraft { get; init; }

    /// <summary>SHA-256 (hex) over everything the importer stores, so an unchanged plan can be skipped.</summary>
    public string ContentHash { get; init; } = "";
}

/// <param name="Number">The section's number: as written, or its position when the numbering restarts in each part.</param>
public sealed record ParsedSection(int Number, string Title, string Text, int Line, IReadOnlyList<ParsedTask> Tasks)
{
    /// <summary>The marker as written: 一、, 第三章, §2; empty for an unnumbered block such as 实施.</summary>
    public string Label { get; init; } = "";

    /// <summary>The part (第一部分 总体战略) the section belongs to in a two-level plan; null otherwise.</summary>
    public string? Part { get; init; }
}

/// <param name="Number">The task's number through the plan: as written when the plan numbers through, else its position.</param>
public sealed record ParsedTask(int Number, string Title, string Text, int Line)
{
    /// <summary>The marker as written: （一）, 【重点任务3】, 2., 一是.</summary>
    public string Label { get; init; } = "";
}

public sealed record ParsedMilestone(int Year, string Text, int Line, IReadOnlyList<ParsedGoal> Goals);

public sealed record ParsedGoal(int Number, string Title, string Text, int Line);

/// <summary>
/// A quantitative target. <see cref="TaskNumber"/> is set when it was read from a key task,
/// <see cref="MilestoneYear"/> when it was read from a milestone or one of its goals (or a target table's year column).
/// </summary>
public sealed record ParsedIndicator(
    string Key,
    string Name,
    Comparator Comparator,
    decimal Target,
    string Unit,
    int? Year,
    string SourceText,
    int? TaskNumber,
    int? MilestoneYear,
    int Line)
{
    /// <summary>Where the plan starts from: a target table's base-year column, or the figure a 现实基础 sentence reports.</summary>
    public decimal? Baseline { get; init; }

    public int? BaselineYear { get; init; }
}
