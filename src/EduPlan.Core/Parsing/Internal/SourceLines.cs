using System.Text;

namespace EduPlan.Core.Parsing.Internal;

/// <summary>One cleaned line of the source; <see cref="Number"/> is its 1-based line in the original file.</summary>
internal readonly record struct SourceLine(int Number, string Text);

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
            lines.Add(new SourceLine(number, Clean(raw, sourceName, number)));
            if (end < 0)
            {
                break;
            }

            start += end;
            start += text[start] == '\r' && start + 1 < text.Length && text[start + 1] == '\n' ? 2 : 1;
        }

        return lines;
    }

    private static string Clean(ReadOnlySpan<char> raw, string sourceName, int number)
    {
        var needsRewrite = false;
        foreach (var c in raw)
        {
            if (c == '\uFFFD')
            {
                throw new PlanFormatException(sourceName, number, "Parse_UndecodableBytes", number);
            }

            if (char.IsControl(c))
            {
                if (c is '\t' or '\f' or '\v')
                {
                    needsRewrite = true;
                    continue;
                }

                throw new PlanFormatException(sourceName, number, "Parse_ControlCharacter", number, $"U+{(int)c:X4}");
            }
        }

        var line = needsRewrite ? ReplaceControlWhitespace(raw) : raw.ToString();
        if (line.Contains("[bookmark", StringComparison.OrdinalIgnoreCase))
        {
            line = PlanPatterns.Bookmark().Replace(line, "");
        }

        return Trim(line);
    }

    private static string ReplaceControlWhitespace(ReadOnlySpan<char> raw)
    {
        var builder = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            builder.Append(c is '\t' or '\f' or '\v' ? ' ' : c);
        }

        return builder.ToString();
    }

    /// <summary>Trims ASCII and Unicode whitespace (U+3000, NBSP …) and the invisible BOM / zero-width space.</summary>
    public static string Trim(string text)
    {
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
