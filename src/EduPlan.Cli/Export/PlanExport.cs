namespace EduPlan.Cli.Export;

/// <summary>The JSON document <c>export --format json</c> prints: every plan with its whole structure.</summary>
public sealed record PlanExportDocument(IReadOnlyList<PlanExport> Plans);

/// <summary>One plan in the export.</summary>
public sealed record PlanExport(
    string Code,
    string Title,
    string Issuer,
    string? IssuedOn,
    string? ParentCode,
    int StartYear,
    int EndYear,
    string Preamble,
    IReadOnlyList<SectionExport> Sections,
    IReadOnlyList<MilestoneExport> Milestones,
    IReadOnlyList<IndicatorExport> Indicators);

/// <summary>A section with its key tasks; <see cref="Withdrawn"/> when it is no longer in the imported document.</summary>
public sealed record SectionExport(int Number, string Title, string Text, bool Withdrawn, IReadOnlyList<TaskExport> Tasks);

/// <summary>A key task; <see cref="Withdrawn"/> when it is no longer in the imported document (kept for what hangs off it).</summary>
public sealed record TaskExport(int Number, string Title, string Text, bool Withdrawn);

/// <summary>A milestone year with its goals.</summary>
public sealed record MilestoneExport(int Year, string Text, IReadOnlyList<GoalExport> Goals);

/// <summary>A goal under a milestone.</summary>
public sealed record GoalExport(int Number, string Title, string Text);

/// <summary>An indicator; <see cref="Comparator"/> is a symbol (= &gt;= &gt; &lt;= &lt;).</summary>
public sealed record IndicatorExport(
    string Key,
    string Name,
    string Comparator,
    decimal Target,
    string Unit,
    int? Year,
    int? TaskNumber,
    int? MilestoneYear,
    string SourceText);
