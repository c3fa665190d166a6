using System.Text;
using EduPlan.Core.Text;

namespace EduPlan.Core.Parsing.Internal;

/// <summary>Splits decoded text into cleaned lines and refuses text that is not a plain text document.</summary>
internal static class SourceLines
{
    /// <summary>Splits on LF, CRLF or lone CR; strips conversion artefacts and surrounding (full-width) whitespace.</summary>
    public static List<SourceLine> Split(string text, string sourceName)
    {
        var lines = new List<SourceLine>(capacity: 256);
        var number = 0;
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.AsSpan(start).IndexOfAny('\r', '\n');
            var raw = end < 0 ? text.AsSpan(start) : text.AsSpan(start, end);
            number++;
            lines.Add(Read(raw, sourceName, number));
            if (end < 0)
            {
                break;
            }

            start += end;
            start += text[start] == '\r' && start + 1 < text.Length && text[start + 1] == '\n' ? 2 : 1;
        }

        return lines;
    }

    /// <summary>A table row's text for everything that reads rows as text (section text, search): cells joined by " | ".</summary>
    public static string RowText(IReadOnlyList<string> cells) => string.Join(" | ", cells);

    /// <summary>Cleans text from a structured reader: control characters become spaces, nothing is refused.</summary>
    public static string CleanLenient(string raw)
    {
        var line = raw.AsSpan().ContainsAnyInRange('\0', '\u001F') || raw.Contains('\u007F')
            ? string.Create(raw.Length, raw, static (buffer, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                {
                    buffer[i] = char.IsControl(source[i]) ? ' ' : source[i];
                }
            })
            : raw;
        return Trim(RemoveBookmarks(line));
    }

    private static SourceLine Read(ReadOnlySpan<char> raw, string sourceName, int number)
    {
        var tabs = raw.Count('\t');
        if (tabs >= 2 || IsPipeRow(raw))
        {
            Check(raw, sourceName, number);
            var cells = SplitCells(raw, tabs >= 2 ? '\t' : '|');
            if (cells.Count >= 2)
            {
                return new SourceLine(number, RowText(cells)) { Cells = cells };
            }
        }

        return new SourceLine(number, Clean(raw, sourceName, number));
    }

    /// <summary>| a | b | c |, but not a Markdown separator row (|---|---|), which carries no cell.</summary>
    private static bool IsPipeRow(ReadOnlySpan<char> raw)
    {
        var trimmed = raw.Trim();
        return trimmed.Length >= 3 && trimmed[0] == '|' && trimmed[^1] == '|' && trimmed.Count('|') >= 3;
    }

    private static List<string> SplitCells(ReadOnlySpan<char> raw, char separator)
    {
        var text = raw.Trim().ToString();
        if (separator == '|')
        {
            text = text[1..^1];
        }

        var cells = text.Split(separator).Select(c => Trim(RemoveBookmarks(c.Replace('\t', ' ')))).ToList();
        // A Markdown separator row is dashes and colons only: not a row.
        return cells.All(c => c.Length == 0 || c.All(ch => ch is '-' or ':' or ' ')) ? [] : cells;
    }

    private static void Check(ReadOnlySpan<char> raw, string sourceName, int number)
    {
        foreach (var c in raw)
        {
            if (c == '\uFFFD')
            {
                throw new PlanFormatException(sourceName, number, "Parse_UndecodableBytes", number);
            }

            if (char.IsControl(c) && c is not ('\t' or '\f' or '\v'))
            {
                throw new PlanFormatException(sourceName, number, "Parse_ControlCharacter", number, $"U+{(int)c:X4}");
            }
        }
    }

    private static string Clean(ReadOnlySpan<char> raw, string sourceName, int number)
    {
        Check(raw, sourceName, number);
        var needsRewrite = raw.ContainsAny('\t', '\f', '\v');
        var line = needsRewrite ? ReplaceControlWhitespace(raw) : raw.ToString();
        return Trim(RemoveBookmarks(line));
    }

    private static string RemoveBookmarks(string line) =>
        line.Contains("[bookmark", StringComparison.OrdinalIgnoreCase) ? PlanPatterns.Bookmark().Replace(line, "") : line;

    private static string ReplaceControlWhitespace(ReadOnlySpan<char> raw)
    {
        var builder = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            builder.Append(c is '\t' or '\f' or '\v' ? ' ' : c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Drops invisible and direction-changing characters (<see cref="TextSanitiser.FreeText"/>) and trims ASCII and
    /// Unicode whitespace (U+3000, NBSP …).
    /// </summary>
    public static string Trim(string text)
    {
        text = TextSanitiser.FreeText(text)!;
        int start = 0, end = text.Length;
        while (start < end && IsBlank(text[start]))
        {
            start++;
        }

        while (end > start && IsBlank(text[end - 1]))
        {
            end--;
        }

        return start == 0 && end == text.Length ? text : text[start..end];
    }

    private static bool IsBlank(char c) => char.IsWhiteSpace(c) || c is '\uFEFF' or '\u200B';
}
