using EduPlan.Core.Messages;

namespace EduPlan.Application.Import;

/// <summary>What an import did: counts per plan, the changes it made and any warnings.</summary>
/// <param name="Plans">One summary per imported plan, parents first.</param>
/// <param name="Changes">
/// Readable lines such as "chongqing task 9: text changed", "chongqing milestone 2029: added" or
/// "chongqing task 43: back in the document"; a new plan has one "code: added (…)" line for all its rows.
/// </param>
/// <param name="Warnings">Parser warnings (prefixed with the file name), rows that left the document in this import (kept, marked withdrawn) and links that could not be made.</param>
public sealed record ImportReport(IReadOnlyList<PlanImportSummary> Plans, IReadOnlyList<string> Changes, IReadOnlyList<Message> Warnings)
{
    public bool HasChanges => Changes.Count > 0;

    /// <summary>The same changes as records (and rows withdrawn), for pages that show them in the reader's language.</summary>
    public IReadOnlyList<ImportChange> Details { get; init; } = [];
}

/// <summary>One row an import adds, changes, withdraws (keeps, marked as no longer in the document) or removes.</summary>
/// <param name="Key">The row's natural key within its plan: a section or task number, a milestone year, "2027/3" for a goal, an indicator key.</param>
/// <param name="Fields">For <see cref="ImportChangeKind.Changed"/>: what changed.</param>
public sealed record ImportChange(string PlanCode, ImportItem Item, string Key, ImportChangeKind Change, IReadOnlyList<ImportField> Fields)
{
    /// <summary>"任务 9：正文有改动" / "Task 9: text changed": the item and the fields by their enum texts.</summary>
    public Message Describe() => new(
        Change switch
        {
            ImportChangeKind.Added => "PlanImport_Change_Added",
            ImportChangeKind.Changed => "PlanImport_Change_Changed",
            ImportChangeKind.Withdrawn => "PlanImport_Change_Withdrawn",
            _ => "PlanImport_Change_Removed",
        },
        Item,
        Key,
        MessageList.Of(Fields));
}

public enum ImportItem
{
    Plan,
    Section,
    Task,
    Milestone,
    Goal,
    Indicator,
}

public enum ImportChangeKind
{
    Added,
    Changed,
    Withdrawn,
    Removed,
}

/// <summary>The fields an import compares.</summary>
public enum ImportField
{
    Title,
    Issuer,
    IssuedOn,
    StartYear,
    EndYear,
    Preamble,
    Parent,
    Draft,
    Text,
    Label,
    Part,
    Section,
    BackInDocument,
    Name,
    Comparator,
    Target,
    Unit,
    Year,
    SourceText,
    Task,
    Milestone,
    Baseline,
}

/// <summary>Counts for one imported plan; <see cref="Unchanged"/> when nothing about it had to be written.</summary>
/// <param name="Sections">Sections in the document (rows kept because they left the document are not counted).</param>
/// <param name="Added">Rows added: the plan itself when new, sections, tasks, milestones, goals, indicators.</param>
/// <param name="Updated">Existing rows (the plan included) with at least one changed field, withdrawn or reinstated rows included.</param>
/// <param name="Removed">Rows deleted: sections without tasks, milestones, goals, indicators no report or link uses. Tasks are never deleted.</param>
/// <param name="Unchanged">True when the stored content hash matched and the plan was skipped without further queries.</param>
public sealed record PlanImportSummary(
    string Code,
    string Title,
    int Sections,
    int Tasks,
    int Milestones,
    int Goals,
    int Indicators,
    int Added,
    int Updated,
    int Removed,
    bool Unchanged);
