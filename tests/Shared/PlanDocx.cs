using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace EduPlan.Tests.Shared;

/// <summary>
/// Writes a plan text as a Word document the way an office would: one paragraph per line, tab-separated lines as table
/// rows. With <c>wordNumbering</c> the 一、 and （一） markers are not typed but drawn by Word's automatic numbering
/// (chineseCounting, "%1、" and "（%1）"), a new list starting wherever the document's numbering starts again at 一.
/// </summary>
internal static partial class PlanDocx
{
    public static byte[] FromText(string text, bool wordNumbering = false)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            main.Document = new Document(body);
            var numbering = wordNumbering ? AddNumbering(main) : null;
            var taskInstance = 0;
            var sectionInstance = 0;
            Table? table = null;
            foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
            {
                if (line.Count(c => c == '\t') >= 2)
                {
                    table ??= body.AppendChild(new Table(new TableProperties(new TableBorders(new TopBorder { Val = BorderValues.Single }))));
                    table.Append(new TableRow(line.Split('\t').Select(cell => new TableCell(new Paragraph(new Run(new Text(cell) { Space = SpaceProcessingModeValues.Preserve }))))));
                    continue;
                }

                table = null;
                // A contents line (一、总体要求……1) is Word's TOC field, never a numbered paragraph.
                var isContents = line.Contains("……", StringComparison.Ordinal);
                if (numbering is not null && !isContents && SectionMarker().Match(line) is { Success: true } section)
                {
                    if (line.StartsWith("一、", StringComparison.Ordinal) || sectionInstance == 0)
                    {
                        sectionInstance = AddList(numbering, 1, Math.Max(sectionInstance, taskInstance) + 1);
                    }

                    body.Append(Numbered(line[section.Length..], sectionInstance));
                    continue;
                }

                if (numbering is not null && TaskMarker().Match(line) is { Success: true } task)
                {
                    if (task.Groups["num"].Value == "一" || taskInstance == 0)
                    {
                        taskInstance = AddList(numbering, 2, Math.Max(sectionInstance, taskInstance) + 1);
                    }

                    body.Append(Numbered(line[task.Length..], taskInstance));
                    continue;
                }

                body.Append(new Paragraph(new Run(new Text(line) { Space = SpaceProcessingModeValues.Preserve })));
            }

            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static Paragraph Numbered(string text, int numId) =>
        new(new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = numId })),
            new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static Numbering AddNumbering(MainDocumentPart main)
    {
        var part = main.AddNewPart<NumberingDefinitionsPart>();
        part.Numbering = new Numbering(AbstractList(1, "%1、"), AbstractList(2, "（%1）"));
        return part.Numbering;
    }

    /// <summary>A new list (一、 sections or （一） items) whose numbering starts again at 一 (Word's "restart numbering").</summary>
    private static int AddList(Numbering numbering, int abstractId, int numId)
    {
        numbering.Append(new NumberingInstance(
            new AbstractNumId { Val = abstractId },
            new LevelOverride(new StartOverrideNumberingValue { Val = 1 }) { LevelIndex = 0 })
        { NumberID = numId });
        return numId;
    }

    private static AbstractNum AbstractList(int id, string pattern) =>
        new(new Level(
            new StartNumberingValue { Val = 1 },
            new NumberingFormat { Val = NumberFormatValues.ChineseCounting },
            new LevelText { Val = pattern },
            new LevelSuffix { Val = LevelSuffixValues.Nothing })
        { LevelIndex = 0 })
        { AbstractNumberId = id };

    [GeneratedRegex("^[一二三四五六七八九十]{1,3}、")]
    private static partial Regex SectionMarker();

    [GeneratedRegex("^（(?<num>[一二三四五六七八九十]{1,3})）")]
    private static partial Regex TaskMarker();
}
