using EduPlan.Core.Parsing;

namespace EduPlan.Data.Import;

/// <summary>Imports plan files: parses all of them first, so one refused file means nothing is written.</summary>
public sealed class PlanImportService(PlanImporter importer, IPlanDocumentParser parser)
{
    /// <summary>
    /// Parses every file in <paramref name="paths"/> (the path as given names the file in messages), then
    /// imports all their plans in one transaction. Throws <see cref="PlanFormatException"/> for the first
    /// file that cannot be parsed, before the database is touched.
    /// </summary>
    public async Task<ImportReport> ImportFilesAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var documents = new List<ParsedDocument>();
        foreach (var path in paths)
        {
            var content = await File.ReadAllBytesAsync(path, cancellationToken);
            documents.Add(parser.Parse(content, path));
        }

        return await importer.ImportAsync(documents, cancellationToken);
    }
}
