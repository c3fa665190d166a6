using EduPlan.Core.Parsing;

namespace EduPlan.Application.Import;

/// <summary>Imports plan files: parses all of them first, so one refused file means nothing is written.</summary>
public sealed class PlanImportService(PlanImporter importer, IPlanDocumentParser parser)
{
    /// <summary>
    /// Parses every file in <paramref name="paths"/>, in order (the path as given names the file in messages).
    /// Throws <see cref="PlanFormatException"/> for the first file that cannot be parsed; touches no database.
    /// </summary>
    public IReadOnlyList<ParsedDocument> ParseFiles(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return paths.Select(path => parser.Parse(File.ReadAllBytes(path), path)).ToList();
    }

    /// <summary>
    /// Parses every file with <see cref="ParseFiles"/>, then imports all their plans in one transaction,
    /// so a refused file is reported before the database is touched.
    /// </summary>
    public async Task<ImportReport> ImportFilesAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        var documents = ParseFiles(paths);
        return await importer.ImportAsync(documents, cancellationToken);
    }
}
