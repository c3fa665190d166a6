using EduPlan.Core.Messages;
using EduPlan.Core.Plans;

namespace EduPlan.Core.Parsing.Internal;

/// <summary>
/// The checks every stored title, issuer and indicator name passes: it must say something, and it must fit its column
/// (<see cref="PlanTextLimits"/>), so an import never fails half-way on SQL Server where SQLite would not notice.
/// </summary>
internal static class StoredText
{
    /// <summary>The text up to the first 。 (without it): the title of a task or goal. A ． that is no decimal point ends it too.</summary>
    public static string FirstSentence(string text)
    {
        var end = FullWidth.ForMatching(text).IndexOf('。');
        return SourceLines.Trim(end < 0 ? text : text[..end]);
    }

    /// <summary>“（九）。”, “四、。”: nothing but punctuation and spaces is no title.</summary>
    public static bool IsEmpty(string title)
    {
        foreach (var c in title)
        {
            if (!char.IsPunctuation(c) && !char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Refuses <paramref name="text"/> when it is longer than <paramref name="limit"/>. string.Length counts UTF-16 code
    /// units, as nvarchar(n) does.
    /// </summary>
    public static void RequireWithin(string text, int limit, Message what, string sourceName, int line)
    {
        if (text.Length > limit)
        {
            var preview = text.Length > 20 ? text[..20] + "…" : text;
            throw new PlanFormatException(sourceName, line, new Message("Parse_TooLong", what, limit, text.Length, preview));
        }
    }
}
