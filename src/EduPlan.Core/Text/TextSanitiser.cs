using System.Globalization;
using System.Text;

namespace EduPlan.Core.Text;

/// <summary>
/// The one place text that comes in (forms, CSV files, sheets, plan documents, the command line) is cleaned of
/// characters a reader cannot see. Names are NFC-normalised and refused when they hold a format character (Unicode
/// category Cf: zero-width spaces, direction overrides …), and compared by <see cref="LookAlikeKey"/>, so 市教委 and
/// 市教委 + U+200B, or a name in NFC and in NFD, are the same name. Free texts silently lose direction controls,
/// zero-width characters and control characters other than line breaks and tabs.
/// </summary>
public static class TextSanitiser
{
    /// <summary>A name as stored: trimmed and NFC-normalised (what it contains is checked by <see cref="FindFormatCharacter"/>).</summary>
    public static string Name(string? text) => (text ?? "").Trim().Normalize(NormalizationForm.FormC);

    /// <summary>The first format character (category Cf) in <paramref name="text"/> as "U+200B", or null when there is none.</summary>
    public static string? FindFormatCharacter(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format)
            {
                return $"U+{rune.Value:X4}";
            }
        }

        return null;
    }

    /// <summary>
    /// What two names that look alike have in common: compatibility-normalised (full-width letters and digits become
    /// ASCII, U+3000 a space), without format characters and case-insensitive. Two names with the same key are one name.
    /// </summary>
    public static string LookAlikeKey(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.Normalize(NormalizationForm.FormKC).EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.Format)
            {
                builder.Append(Rune.ToUpperInvariant(rune).ToString());
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>
    /// A free text (a report's progress, a comment, a note, a line of a document) without direction controls,
    /// zero-width characters, NUL and other control characters; line breaks (CR, LF) and tabs stay. Null stays null.
    /// </summary>
    public static string? FreeText(string? text)
    {
        if (text is null || !NeedsCleaning(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!IsDropped(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// A one-line text (a file name, a link's title): trimmed, NFC-normalised, without any control, format or line
    /// separator character.
    /// </summary>
    public static string SingleLine(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator))
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>Whether <see cref="FreeText"/> drops <paramref name="c"/>.</summary>
    public static bool IsDropped(char c) => c switch
    {
        '\t' or '\n' or '\r' => false,
        < '\u0020' or '\u007F' => true,
        // Left-to-right / right-to-left marks and the Arabic letter mark.
        '\u200E' or '\u200F' or '\u061C' => true,
        // Embeddings, overrides and the pop (LRE, RLE, PDF, LRO, RLO), and the isolates (LRI, RLI, FSI, PDI).
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2066' and <= '\u2069' => true,
        // Zero-width space, non-joiner, joiner, word joiner and the byte-order mark (zero-width no-break space).
        >= '\u200B' and <= '\u200D' => true,
        '\u2060' or '\uFEFF' => true,
        _ => false,
    };

    private static bool NeedsCleaning(string text)
    {
        foreach (var c in text)
        {
            if (IsDropped(c))
            {
                return true;
            }
        }

        return false;
    }
}
