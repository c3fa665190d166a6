using EduPlan.Core.Messages;
using EduPlan.Core.Plans;

namespace EduPlan.Core.Parsing;

/// <summary>What the parser read from one plan document: the plans found in it, in document order.</summary>
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

    /// <summary>SHA-256 (hex) over everything the importer stores, so an unchanged plan can be skipped.</summary>
    public string ContentHash { get; init; } = "";
}

public sealed record ParsedSection(int Number, string Title, string Text, int Line, IReadOnlyList<ParsedTask> Tasks);

public sealed record ParsedTask(int Number, string Title, string Text, int Line);

public sealed record ParsedMilestone(int Year, string Text, int Line, IReadOnlyList<ParsedGoal> Goals);

public sealed record ParsedGoal(int Number, string Title, string Text, int Line);

/// <summary>
/// A quantitative target. <see cref="TaskNumber"/> is set when it was read from a key task,
/// <see cref="MilestoneYear"/> when it was read from a milestone or one of its goals.
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
    int Line);
