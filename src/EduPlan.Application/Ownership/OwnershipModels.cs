using EduPlan.Application.Departments;
using EduPlan.Core.Messages;

namespace EduPlan.Application.Ownership;

/// <summary>A plan on the ownership start page: how many current tasks it has and how many still lack a lead department.</summary>
public sealed record PlanOwnershipSummary(string Code, string Title, int Tasks, int TasksWithoutLead);

/// <summary>A plan's current tasks with their owners, in task order.</summary>
public sealed record PlanOwnership(string Code, string Title, IReadOnlyList<TaskOwnership> Tasks);

/// <summary>One task with its lead department (牵头单位) and co-departments (参与单位) and the version to edit it at.</summary>
public sealed record TaskOwnership(
    int TaskId,
    string PlanCode,
    int Number,
    string Title,
    int SectionNumber,
    string SectionTitle,
    bool IsWithdrawn,
    DepartmentReference? Lead,
    IReadOnlyList<DepartmentReference> CoDepartments,
    int OwnershipVersion)
{
    public OwnersSnapshot Owners => new(Lead?.Name, CoDepartments.Select(d => d.Name).ToList());
}

/// <summary>What an editor chose for one task: the lead department (null for none) and the co-departments.</summary>
/// <param name="From">The first quarter the owners take effect in; null: the open quarter. Earlier quarters keep their owners.</param>
public sealed record OwnershipInput(int? LeadDepartmentId, IReadOnlyCollection<int> CoDepartmentIds, EduPlan.Core.Reporting.Quarter? From = null);

/// <summary>The owners of a task by department name, as written to the audit log and shown in reports.</summary>
public sealed record OwnersSnapshot(string? Lead, IReadOnlyList<string> CoDepartments) : ILocalizable
{
    public static OwnersSnapshot None { get; } = new(null, []);

    /// <summary>"牵头：市教委；参与：市财政局、市科技局" (未指定 for none) in the reader's language.</summary>
    public Message ToMessage() => new(
        "Owners_Summary",
        Lead ?? (object)new Message("Owners_NoLead"),
        CoDepartments.Count == 0 ? new Message("Owners_NoCoDepartments") : MessageList.Of(CoDepartments));

    /// <summary>The summary in Chinese.</summary>
    public override string ToString() => ToMessage().ToString();

    internal object ForAudit() => new { lead = Lead, coDepartments = CoDepartments };
}

/// <summary>One task a CSV import sets (or would set), with its owners before and after.</summary>
/// <param name="Line">The line of the file the task was named on.</param>
public sealed record ImportedOwnership(int Line, string PlanCode, int TaskNumber, string TaskTitle, OwnersSnapshot Before, OwnersSnapshot After);

/// <summary>
/// The result of importing an ownership CSV file: either every row was applied (<see cref="Applied"/>) and is listed as
/// changed or unchanged, or nothing was written and <see cref="Errors"/> names every bad row as "file:line: reason".
/// </summary>
public sealed record OwnershipImportResult(
    string SourceName,
    IReadOnlyList<EduPlan.Core.Ownership.OwnershipCsvError> Errors,
    IReadOnlyList<ImportedOwnership> Changed,
    IReadOnlyList<ImportedOwnership> Unchanged,
    bool Applied)
{
    public bool Succeeded => Errors.Count == 0;

    /// <summary>The first quarter the file's owners take effect in (null when the file could not be read).</summary>
    public EduPlan.Core.Reporting.Quarter? From { get; init; }
}
