using EduPlan.Core.Parsing.Internal;

namespace EduPlan.Core.Parsing;

/// <summary>
/// One line of a plan document as the parser reads it: a paragraph of a text file, a Word document or a PDF, or a
/// table row. <see cref="Number"/> is its 1-based line in the document as the reader numbered it (the text file's
/// line; the paragraph or table row of a .docx; the reconstructed paragraph of a PDF).
/// </summary>
public readonly record struct SourceLine(int Number, string Text)
{
    /// <summary>The cells of a table row (a Word table, a tab-separated text line), trimmed; null for a paragraph.</summary>
    public IReadOnlyList<string>? Cells { get; init; }

    /// <summary>The page the line starts on, when the format has pages (PDF); null otherwise.</summary>
    public int? Page { get; init; }

    public bool IsTableRow => Cells is not null;
}

/// <summary>
/// A document reduced to what the plan parser reads: cleaned lines and table rows in reading order. Text files,
/// .docx and text PDFs all arrive in this form (the readers for the last two live in the application layer), so
/// one parser serves every format.
/// </summary>
public sealed class PlanSource
{
    private PlanSource(string sourceName, string format, IReadOnlyList<SourceLine> lines)
    {
        SourceName = sourceName;
        Format = format;
        Lines = lines;
    }

    /// <summary>The file name used in messages.</summary>
    public string SourceName { get; }

    /// <summary>"text", "docx", "pdf": where the lines came from (shown in the preview).</summary>
    public string Format { get; }

    public IReadOnlyList<SourceLine> Lines { get; }

    /// <summary>The line with the given number, or null.</summary>
    public SourceLine? Line(int number) => number >= 1 && number <= Lines.Count ? Lines[number - 1] : null;

    /// <summary>
    /// Splits decoded text into lines (LF, CRLF or lone CR). A line with two or more tabs, or written as
    /// <c>| a | b |</c>, is a table row. Text with control characters or undecodable bytes is refused, as a text file
    /// that holds them is not text.
    /// </summary>
    public static PlanSource FromText(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        return new PlanSource(sourceName, "text", SourceLines.Split(text, sourceName));
    }

    /// <summary>Decodes a text file's bytes (BOM, UTF-16 without BOM, UTF-8, else GB18030) and splits it as <see cref="FromText"/>.</summary>
    public static PlanSource FromBytes(ReadOnlySpan<byte> content, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        return FromText(PlanTextDecoder.Decode(content, sourceName), sourceName);
    }

    /// <summary>
    /// Lines produced by a structured reader (.docx, PDF), numbered 1, 2, … in the order given. Control characters
    /// (Word's manual line breaks and the like) become spaces; table rows keep their cells.
    /// </summary>
    public static PlanSource FromLines(string sourceName, string format, IEnumerable<SourceLineInput> lines)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(lines);
        var result = new List<SourceLine>();
        foreach (var input in lines)
        {
            var number = result.Count + 1;
            if (input.Cells is { } cells)
            {
                var cleaned = cells.Select(SourceLines.CleanLenient).ToList();
                result.Add(new SourceLine(number, SourceLines.RowText(cleaned)) { Cells = cleaned, Page = input.Page });
            }
            else
            {
                result.Add(new SourceLine(number, SourceLines.CleanLenient(input.Text ?? "")) { Page = input.Page });
            }
        }

        return new PlanSource(sourceName, format, result);
    }
}

/// <summary>A line as a structured reader hands it over: a paragraph's text, or a table row's cells.</summary>
public sealed record SourceLineInput(string? Text, IReadOnlyList<string>? Cells = null, int? Page = null)
{
    public static SourceLineInput Paragraph(string text, int? page = null) => new(text, null, page);

    public static SourceLineInput Row(IReadOnlyList<string> cells, int? page = null) => new(null, cells, page);
}

/// <summary>What the parser will take a line for, for readers that must decide where paragraphs start (PDF).</summary>
public static class PlanLines
{
    /// <summary>
    /// True when the text opens with a numbering mark the parser reads as a heading or an item (一、 （一） 第一章 1.
    /// 【重点任务1】 §1), a goal line (——) or an unnumbered block (序言, 实施): such a line starts a new paragraph.
    /// </summary>
    public static bool StartsItem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = SourceLines.Trim(text);
        return Headings.Classify(trimmed) is not null || PlanPatterns.GoalLine().IsMatch(trimmed) || Headings.Block(trimmed) != BlockKind.None;
    }
}
