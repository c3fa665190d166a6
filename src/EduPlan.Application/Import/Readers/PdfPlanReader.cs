using System.Text;
using EduPlan.Core.Messages;
using EduPlan.Core.Parsing;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace EduPlan.Application.Import.Readers;

/// <summary>
/// Reads a text PDF into the lines the plan parser reads. Letters are grouped into printed lines by their baseline,
/// printed lines into paragraphs (a paragraph ends where a line stops short of the margin, where the next one is
/// indented or starts with a number, or at a larger gap), and page numbers and running headers are dropped. A scanned
/// PDF — pages that are pictures, with no text layer — is refused: the portal does no character recognition.
/// </summary>
public static class PdfPlanReader
{
    /// <summary>Fewer letters than this per page, with pictures on them, is a scan (a stamp or a page number is not text).</summary>
    private const int ScannedLettersPerPage = 20;

    public static PlanSource Read(byte[] content, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(content);
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(content);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new PlanFormatException(sourceName, 0, new Message("PlanImport_PdfUnreadable"));
        }

        using (document)
        {
            var pages = new List<List<PrintedLine>>();
            var letters = 0;
            var pictures = 0;
            foreach (var page in document.GetPages())
            {
                letters += page.Letters.Count(l => !string.IsNullOrWhiteSpace(l.Value));
                pictures += page.NumberOfImages;
                pages.Add(PrintedLines(page));
            }

            if (pages.Count == 0 || (letters < ScannedLettersPerPage * pages.Count && pictures > 0) || letters == 0)
            {
                throw new PlanFormatException(sourceName, 0, new Message("PlanImport_PdfScanned", pages.Count));
            }

            DropRunningHeaders(pages);
            return PlanSource.FromLines(sourceName, "pdf", Paragraphs(pages));
        }
    }

    /// <summary>One printed line: its text, where it starts and ends, its baseline and its letter size.</summary>
    private sealed record PrintedLine(string Text, double Left, double Right, double Baseline, double Size, int Page, double PageRight, double PageLeft);

    private static List<PrintedLine> PrintedLines(Page page)
    {
        var letters = page.Letters
            .Where(l => !string.IsNullOrEmpty(l.Value))
            .OrderByDescending(l => Math.Round(l.StartBaseLine.Y, 1))
            .ThenBy(l => l.StartBaseLine.X)
            .ToList();
        var lines = new List<List<Letter>>();
        foreach (var letter in letters)
        {
            var current = lines.Count > 0 ? lines[^1] : null;
            var size = Math.Max(letter.PointSize, 1);
            if (current is not null && Math.Abs(current[0].StartBaseLine.Y - letter.StartBaseLine.Y) < size * 0.4)
            {
                current.Add(letter);
            }
            else
            {
                lines.Add([letter]);
            }
        }

        var result = new List<PrintedLine>(lines.Count);
        foreach (var line in lines)
        {
            line.Sort((a, b) => a.StartBaseLine.X.CompareTo(b.StartBaseLine.X));
            var text = new StringBuilder();
            Letter? previous = null;
            foreach (var letter in line)
            {
                if (previous is not null)
                {
                    var gap = letter.StartBaseLine.X - previous.EndBaseLine.X;
                    // A space in Latin text is a gap; CJK text has none, so a gap there is only kept when wide (a tab in a table).
                    if (gap > Math.Max(previous.PointSize, 1) * 0.25 && !previous.Value.EndsWith(' ') && letter.Value != " ")
                    {
                        text.Append(gap > Math.Max(previous.PointSize, 1) * 2 ? "  " : " ");
                    }
                }

                text.Append(letter.Value);
                previous = letter;
            }

            var value = text.ToString().Trim();
            if (value.Length > 0)
            {
                result.Add(new PrintedLine(value, line[0].StartBaseLine.X, line[^1].EndBaseLine.X, line[0].StartBaseLine.Y,
                    line.Average(l => Math.Max(l.PointSize, 1)), page.Number, 0, 0));
            }
        }

        var right = result.Count > 0 ? result.Max(l => l.Right) : page.Width;
        var left = result.Count > 0 ? result.Min(l => l.Left) : 0;
        return result.ConvertAll(l => l with { PageRight = right, PageLeft = left });
    }

    /// <summary>Page numbers (3, - 3 -, 第3页) and a line repeated at the top of most pages are not the plan's text.</summary>
    private static void DropRunningHeaders(List<List<PrintedLine>> pages)
    {
        var firstLines = pages.Where(p => p.Count > 1).Select(p => p[0].Text).ToList();
        var repeated = firstLines.GroupBy(t => t).Where(g => pages.Count >= 3 && g.Count() > pages.Count / 2).Select(g => g.Key).ToHashSet();
        foreach (var page in pages)
        {
            page.RemoveAll(l => IsPageNumber(l.Text));
            if (page.Count > 0 && repeated.Contains(page[0].Text))
            {
                page.RemoveAt(0);
            }
        }
    }

    private static bool IsPageNumber(string text)
    {
        var core = text.Trim().Trim('-', '—', '–', ' ', '第', '页').Trim();
        return core.Length is > 0 and <= 4 && core.All(char.IsAsciiDigit);
    }

    private static List<SourceLineInput> Paragraphs(List<List<PrintedLine>> pages)
    {
        var paragraphs = new List<SourceLineInput>();
        var current = new StringBuilder();
        var currentPage = 0;
        PrintedLine? previous = null;
        foreach (var line in pages.SelectMany(p => p))
        {
            if (previous is not null && Continues(previous, line))
            {
                current.Append(JoinsWithSpace(current, line.Text) ? " " : "").Append(line.Text);
            }
            else
            {
                if (current.Length > 0)
                {
                    paragraphs.Add(SourceLineInput.Paragraph(current.ToString(), currentPage));
                }

                current.Clear().Append(line.Text);
                currentPage = line.Page;
            }

            previous = line;
        }

        if (current.Length > 0)
        {
            paragraphs.Add(SourceLineInput.Paragraph(current.ToString(), currentPage));
        }

        return paragraphs;
    }

    /// <summary>
    /// The next printed line carries on the paragraph when the previous one ran to the right margin and this one is
    /// neither indented nor a numbered heading; across a page break the same holds.
    /// </summary>
    private static bool Continues(PrintedLine previous, PrintedLine line)
    {
        var size = Math.Max(previous.Size, 1);
        var ranToMargin = previous.Right >= previous.PageRight - (size * 1.5);
        var indented = line.Left > line.PageLeft + (size * 1.2);
        var samePage = previous.Page == line.Page;
        var gap = samePage ? previous.Baseline - line.Baseline : size * 1.5;
        return ranToMargin && !indented && !PlanLines.StartsItem(line.Text) && gap < size * 2.2;
    }

    private static bool JoinsWithSpace(StringBuilder current, string next) =>
        current.Length > 0 && char.IsAsciiLetterOrDigit(current[^1]) && next.Length > 0 && char.IsAsciiLetterOrDigit(next[0]);
}
