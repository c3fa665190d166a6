using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using EduPlan.Core.Messages;
using EduPlan.Core.Parsing;
using EduPlan.Core.Plans;

namespace EduPlan.Application.Import.Readers;

/// <summary>
/// Reads a Word document (.docx) into the lines the plan parser reads: each paragraph of the body is a line, with the
/// number Word draws in front of it (一、 （一） 第一章 1.) written out, and each table row is a line whose cells are
/// kept apart, so a 主要指标 table arrives as a table. Headers, footers and deleted text are left out.
/// </summary>
public static class DocxPlanReader
{
    public static PlanSource Read(byte[] content, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = WordprocessingDocument.Open(stream, isEditable: false);
            var main = document.MainDocumentPart;
            if (main?.Document?.Body is not { } body)
            {
                throw new PlanFormatException(sourceName, 0, new Message("PlanImport_DocxNoBody"));
            }

            var numbering = new NumberingLabels(main);
            var lines = new List<SourceLineInput>();
            foreach (var element in body.ChildElements)
            {
                Add(element, numbering, lines);
            }

            return PlanSource.FromLines(sourceName, "docx", lines);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException)
        {
            throw new PlanFormatException(sourceName, 0, new Message("PlanImport_DocxUnreadable"));
        }
    }

    private static void Add(OpenXmlElement element, NumberingLabels numbering, List<SourceLineInput> lines)
    {
        switch (element)
        {
            case Paragraph paragraph:
                lines.Add(SourceLineInput.Paragraph(numbering.LabelOf(paragraph) + TextOf(paragraph)));
                break;
            case Table table:
                foreach (var row in table.Elements<TableRow>())
                {
                    var cells = row.Elements<TableCell>()
                        .Select(cell => string.Concat(cell.Descendants<Paragraph>().Select(TextOf)))
                        .ToList();
                    lines.Add(cells.Count >= 2 ? SourceLineInput.Row(cells) : SourceLineInput.Paragraph(cells.FirstOrDefault() ?? ""));
                }

                break;
            case SdtBlock block when block.SdtContentBlock is { } blockContent:
                // Content controls (a table of contents Word generated, a form field) hold ordinary paragraphs.
                foreach (var child in blockContent.ChildElements)
                {
                    Add(child, numbering, lines);
                }

                break;
        }
    }

    /// <summary>The visible text of a paragraph: runs, tabs as tabs, breaks as spaces; no deleted text, no field codes.</summary>
    private static string TextOf(Paragraph paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text t when t.Parent is Run && t.Ancestors<DeletedRun>().FirstOrDefault() is null:
                    text.Append(t.Text);
                    break;
                case TabChar when element.Parent is Run:
                    text.Append('\t');
                    break;
                case Break or CarriageReturn:
                    text.Append(' ');
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Word's automatic numbering: a paragraph with numbering (its own, or its style's) shows the level's text (%1、,
    /// （%1）, 第%1章) with the counters of the list, in the level's number format.
    /// </summary>
    private sealed class NumberingLabels
    {
        private readonly Dictionary<int, NumberingInstance> _instances = [];
        private readonly Dictionary<int, AbstractNum> _abstracts = [];
        private readonly Dictionary<string, Style> _styles = [];
        private readonly Dictionary<int, int[]> _counters = [];

        public NumberingLabels(MainDocumentPart main)
        {
            if (main.NumberingDefinitionsPart?.Numbering is { } definitions)
            {
                foreach (var instance in definitions.Elements<NumberingInstance>())
                {
                    if (instance.NumberID?.Value is { } id)
                    {
                        _instances[id] = instance;
                    }
                }

                foreach (var abstractNum in definitions.Elements<AbstractNum>())
                {
                    if (abstractNum.AbstractNumberId?.Value is { } id)
                    {
                        _abstracts[id] = abstractNum;
                    }
                }
            }

            if (main.StyleDefinitionsPart?.Styles is { } styles)
            {
                foreach (var style in styles.Elements<Style>())
                {
                    if (style.StyleId?.Value is { } id)
                    {
                        _styles[id] = style;
                    }
                }
            }
        }

        public string LabelOf(Paragraph paragraph)
        {
            var (numId, level) = NumberingOf(paragraph);
            if (numId is not { } id || id == 0 || !_instances.TryGetValue(id, out var instance)
                || instance.AbstractNumId?.Val?.Value is not { } abstractId || !_abstracts.TryGetValue(abstractId, out var abstractNum))
            {
                return "";
            }

            var levels = abstractNum.Elements<Level>().ToDictionary(l => l.LevelIndex?.Value ?? 0);
            if (!levels.TryGetValue(level, out var definition))
            {
                return "";
            }

            var counters = _counters.TryGetValue(id, out var existing) ? existing : _counters[id] = new int[9];
            var start = StartOf(instance, level, definition);
            counters[level] = counters[level] == 0 ? start : counters[level] + 1;
            for (var deeper = level + 1; deeper < counters.Length; deeper++)
            {
                counters[deeper] = 0;
            }

            var format = definition.NumberingFormat?.Val?.Value;
            if (format == NumberFormatValues.Bullet || format == NumberFormatValues.None)
            {
                return "";
            }

            var pattern = definition.LevelText?.Val?.Value ?? "";
            var label = new StringBuilder();
            for (var i = 0; i < pattern.Length; i++)
            {
                if (pattern[i] == '%' && i + 1 < pattern.Length && char.IsAsciiDigit(pattern[i + 1]))
                {
                    var referenced = pattern[i + 1] - '1';
                    var referencedFormat = levels.TryGetValue(referenced, out var other) ? other.NumberingFormat?.Val?.Value : format;
                    var value = referenced >= 0 && referenced < counters.Length ? Math.Max(counters[referenced], 1) : 1;
                    label.Append(Format(value, referencedFormat));
                    i++;
                }
                else
                {
                    label.Append(pattern[i]);
                }
            }

            // Word puts a tab or a space after the number; the parser reads "一、总体要求" either way.
            return definition.LevelSuffix?.Val?.Value == LevelSuffixValues.Space ? label + " " : label.ToString();
        }

        private (int? NumId, int Level) NumberingOf(Paragraph paragraph)
        {
            var properties = paragraph.ParagraphProperties;
            if (properties?.NumberingProperties is { } direct && direct.NumberingId?.Val?.Value is { } numId)
            {
                return (numId, direct.NumberingLevelReference?.Val?.Value ?? 0);
            }

            // The numbering of a heading style (标题 1 numbered 一、) and of the styles it is based on.
            var styleId = properties?.ParagraphStyleId?.Val?.Value;
            for (var depth = 0; styleId is not null && depth < 10 && _styles.TryGetValue(styleId, out var style); depth++)
            {
                if (style.StyleParagraphProperties?.NumberingProperties is { } inherited && inherited.NumberingId?.Val?.Value is { } styleNum)
                {
                    return (styleNum, inherited.NumberingLevelReference?.Val?.Value ?? 0);
                }

                styleId = style.BasedOn?.Val?.Value;
            }

            return (null, 0);
        }

        private static int StartOf(NumberingInstance instance, int level, Level definition)
        {
            var overrideStart = instance.Elements<LevelOverride>()
                .FirstOrDefault(o => o.LevelIndex?.Value == level)?.StartOverrideNumberingValue?.Val?.Value;
            return overrideStart ?? definition.StartNumberingValue?.Val?.Value ?? 1;
        }

        private static string Format(int value, NumberFormatValues? format)
        {
            if (format == NumberFormatValues.ChineseCounting || format == NumberFormatValues.ChineseCountingThousand
                || format == NumberFormatValues.ChineseLegalSimplified
                || format == NumberFormatValues.JapaneseCounting || format == NumberFormatValues.TaiwaneseCounting
                || format == NumberFormatValues.TaiwaneseCountingThousand)
            {
                return ChineseNumerals.Format(value);
            }

            if (format == NumberFormatValues.DecimalFullWidth || format == NumberFormatValues.DecimalFullWidth2)
            {
                return string.Concat(value.ToString(CultureInfo.InvariantCulture).Select(c => (char)('０' + (c - '0'))));
            }

            if (format == NumberFormatValues.UpperLetter || format == NumberFormatValues.LowerLetter)
            {
                var letter = (char)('A' + ((value - 1) % 26));
                return format == NumberFormatValues.LowerLetter ? char.ToLowerInvariant(letter).ToString() : letter.ToString();
            }

            return value.ToString(CultureInfo.InvariantCulture);
        }
    }
}
