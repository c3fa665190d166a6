using EduPlan.Core.Parsing;

namespace EduPlan.Data.Import;

/// <summary>Writes parsed plans into the database in one transaction, updating rows in place by natural key.</summary>
public sealed class PlanImporter(EduPlanDbContext db, TimeProvider clock)
{
    public Task<ImportReport> ImportAsync(IReadOnlyList<ParsedDocument> documents, CancellationToken cancellationToken = default)
    {
        _ = db;
        _ = clock;
        throw new NotImplementedException();
    }
}

/// <summary>What an import did: counts per plan, the changes it made and any warnings.</summary>
public sealed record ImportReport(IReadOnlyList<PlanImportSummary> Plans, IReadOnlyList<string> Changes, IReadOnlyList<string> Warnings)
{
    public bool HasChanges => Changes.Count > 0;
}

/// <summary>Counts for one imported plan; <see cref="Unchanged"/> when nothing about it had to be written.</summary>
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
