using EduPlan.Application.Import.Preview;
using EduPlan.Application.Import.Readers;
using EduPlan.Core.Parsing;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Import;

/// <summary>
/// Imports plan files (text, .docx, PDF or the .xlsx template): parses all of them first, so one refused file means
/// nothing is written; then applies the corrections remembered from earlier previews of the same documents and links
/// each plan to the stored plan its text names as parent (根据《…》); then imports.
/// </summary>
public sealed class PlanImportService(PlanImporter importer, PlanFileReader reader, EduPlanDbContext db)
{
    /// <summary>
    /// Parses every file in <paramref name="paths"/>, in order (the path as given names the file in messages).
    /// Throws <see cref="PlanFormatException"/> for the first file that cannot be parsed; touches no database.
    /// </summary>
    public IReadOnlyList<ParsedDocument> ParseFiles(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return paths.Select(path => reader.Read(File.ReadAllBytes(path), path).Document).ToList();
    }

    /// <summary>
    /// The documents as they will be imported: each plan with the corrections remembered for its document applied
    /// (those that no longer apply are returned as notes), and its parent found among the stored plans by title when the
    /// document names one the parser could not code.
    /// </summary>
    public async Task<PreparedImport> PrepareAsync(IReadOnlyList<ParsedDocument> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var titles = documents.SelectMany(d => d.Plans).Select(p => p.Title).ToList();
        var memories = await db.PlanImportMemories.AsNoTracking()
            .Where(m => titles.Contains(m.DocumentTitle))
            .ToDictionaryAsync(m => m.DocumentTitle, m => PlanCorrectionSet.ListFromJson(m.CorrectionsJson), StringComparer.Ordinal, cancellationToken);
        var parents = await ParentCodesAsync(documents.SelectMany(d => d.Plans), cancellationToken);

        var prepared = new List<ParsedDocument>(documents.Count);
        var notApplied = new List<(string Title, AppliedCorrection Correction)>();
        foreach (var document in documents)
        {
            var plans = new List<ParsedPlan>(document.Plans.Count);
            foreach (var parsed in document.Plans)
            {
                var plan = WithParent(parsed, parents);
                if (memories.TryGetValue(parsed.Title, out var corrections))
                {
                    var (corrected, results) = PlanCorrections.Apply(plan, corrections);
                    plan = corrected;
                    notApplied.AddRange(results.Where(r => !r.Applied).Select(r => (parsed.Title, r)));
                }

                plans.Add(plan);
            }

            prepared.Add(document with { Plans = plans });
        }

        return new PreparedImport(prepared, notApplied);
    }

    /// <summary>Parses, prepares and imports every file in one transaction; a refused file is reported before the database is touched.</summary>
    public async Task<ImportReport> ImportFilesAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        var documents = ParseFiles(paths);
        var prepared = await PrepareAsync(documents, cancellationToken);
        return await importer.ImportAsync(prepared.Documents, cancellationToken);
    }

    /// <summary>A parent the parser named by title only: the stored plan with that title, or with the code its title hashes to.</summary>
    internal async Task<Dictionary<string, string>> ParentCodesAsync(IEnumerable<ParsedPlan> plans, CancellationToken cancellationToken)
    {
        var wanted = plans.Where(p => p.ParentCode is null && p.ParentTitle is not null).Select(p => p.ParentTitle!).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new(StringComparer.Ordinal);
        }

        var hashed = wanted.Select(PlanCodes.FromTitleHash).ToList();
        var stored = await db.Plans.AsNoTracking()
            .Where(p => wanted.Contains(p.Title) || hashed.Contains(p.Code))
            .Select(p => new { p.Code, p.Title })
            .ToListAsync(cancellationToken);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var title in wanted)
        {
            if ((stored.Find(p => p.Title == title) ?? stored.Find(p => p.Code == PlanCodes.FromTitleHash(title))) is { } match)
            {
                result[title] = match.Code;
            }
        }

        return result;
    }

    internal static ParsedPlan WithParent(ParsedPlan plan, Dictionary<string, string> parents)
    {
        if (plan.ParentCode is not null || plan.ParentTitle is not { } title || !parents.TryGetValue(title, out var code))
        {
            return plan;
        }

        var linked = plan with { ParentCode = code };
        return linked with { ContentHash = PlanContentHash.Compute(linked) };
    }
}

/// <summary>Documents ready to import, and the remembered corrections that no longer applied to them.</summary>
public sealed record PreparedImport(IReadOnlyList<ParsedDocument> Documents, IReadOnlyList<(string Title, AppliedCorrection Correction)> NotApplied);
