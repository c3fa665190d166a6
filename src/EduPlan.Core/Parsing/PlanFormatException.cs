using System.Globalization;
using EduPlan.Core.Messages;

namespace EduPlan.Core.Parsing;

/// <summary>
/// A plan document that cannot be understood. The message names the file and the line ("file:line: reason"), says what
/// the portal could not understand, and — once the parser has looked the line up — quotes the line's text. A file in
/// which no plan was found lists the lines that looked like titles (<see cref="Candidates"/>) and what each one lacked.
/// </summary>
public sealed class PlanFormatException : Exception
{
    public PlanFormatException(string sourceName, int line, Message reason, IReadOnlyList<TitleCandidateReport>? candidates = null)
        : this(sourceName, line, reason, null, null, candidates ?? [])
    {
    }

    public PlanFormatException(string sourceName, int line, string key, params object?[] args)
        : this(sourceName, line, new Message(key, args))
    {
    }

    private PlanFormatException(
        string sourceName, int line, Message reason, string? lineText, int? page, IReadOnlyList<TitleCandidateReport> candidates)
        : base(Compose(sourceName, line, reason, lineText, page, MessageTexts.Chinese))
    {
        SourceName = sourceName;
        Line = line;
        Reason = reason;
        LineText = lineText;
        Page = page;
        Candidates = candidates;
    }

    public string SourceName { get; }

    /// <summary>1-based line number, or 0 when the problem is the file as a whole.</summary>
    public int Line { get; }

    /// <summary>What the portal could not understand (<see cref="Exception.Message"/> renders it in Chinese).</summary>
    public Message Reason { get; }

    /// <summary>The text of the line at fault, as the parser read it (shortened), when the refusal names a line.</summary>
    public string? LineText { get; }

    /// <summary>The page of a PDF the line is on.</summary>
    public int? Page { get; }

    /// <summary>For "no plan found": every line that looked like a title, with its number and what it lacked.</summary>
    public IReadOnlyList<TitleCandidateReport> Candidates { get; }

    /// <summary>The same refusal with the text (and page) of its line, so that a reader sees the line without opening the file.</summary>
    public PlanFormatException WithLine(string? lineText, int? page) =>
        new(SourceName, Line, Reason, Shorten(lineText), page, Candidates);

    /// <summary>"file:line: reason" and the quoted line, in <paramref name="culture"/>'s language.</summary>
    public string ToString(CultureInfo culture) => Compose(SourceName, Line, Reason, LineText, Page, culture);

    private static string Compose(string sourceName, int line, Message reason, string? lineText, int? page, CultureInfo culture)
    {
        var text = reason.ToString(culture);
        var head = line > 0 ? $"{sourceName}:{line}: {text}" : $"{sourceName}: {text}";
        if (line <= 0 || lineText is null)
        {
            return head;
        }

        var quote = page is { } p
            ? new Message("Parse_QuotedLineOnPage", line, p, lineText)
            : new Message("Parse_QuotedLine", line, lineText);
        return head + " " + quote.ToString(culture);
    }

    private static string? Shorten(string? text) => text is { Length: > 60 } ? text[..60] + "…" : text;
}

/// <summary>A line that looked like a plan's title, and what it lacked to be read as one.</summary>
public sealed record TitleCandidateReport(int Line, string Text, Message Missing);
