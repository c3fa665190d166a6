namespace EduPlan.Application.Tests.Import;

/// <summary>Edits of the seed text, each checked to hit exactly one place so a changed seed fails loudly.</summary>
public static class SeedEdits
{
    public const string ChongqingTask9Phrase = "持续提升公办幼儿园在园幼儿占比";
    public const string NationalFundingSentence = "国家财政性教育经费支出占国内生产总值比例高于4%";
    public const string LastChongqingGoalStart = "——高素质专业化教师队伍建设水平显著提升。";
    public const string Chongqing2029Start = "到2029年，";
    public const string Chongqing2035Start = "到2035年，全面建成高水平教育强市。";

    public static string ReplaceOnce(this string text, string oldValue, string newValue)
    {
        var first = text.IndexOf(oldValue, StringComparison.Ordinal);
        if (first < 0 || text.IndexOf(oldValue, first + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"'{oldValue}' must occur exactly once in the seed.");
        }

        return string.Concat(text.AsSpan(0, first), newValue, text.AsSpan(first + oldValue.Length));
    }

    /// <summary>The whole line (without its line break) that starts with <paramref name="start"/>.</summary>
    public static string LineStartingWith(this string text, string start)
    {
        var lines = text.Split('\n').Where(l => l.StartsWith(start, StringComparison.Ordinal)).ToList();
        if (lines.Count != 1)
        {
            throw new InvalidOperationException($"Exactly one line must start with '{start}', found {lines.Count}.");
        }

        return lines[0].TrimEnd('\r');
    }

    public static string RemoveLineStartingWith(this string text, string start) =>
        text.ReplaceOnce(text.LineStartingWith(start) + "\n", "");

    /// <summary>Removes every line from the one starting with <paramref name="start"/> to the end of the text.</summary>
    public static string CutFromLineStartingWith(this string text, string start) =>
        text[..text.IndexOf(text.LineStartingWith(start), StringComparison.Ordinal)];

    public static string InsertLineBefore(this string text, string start, string line) =>
        text.ReplaceOnce(text.LineStartingWith(start), line + "\n" + text.LineStartingWith(start));
}
