using System.Globalization;
using System.Text.RegularExpressions;

namespace EduPlan.Core.Parsing.Internal;

/// <summary>
/// What a title says about its plan: the normalised title (ASCII digits, full-width brackets, an em dash, no draft
/// mark), the years it covers when it states them, and whether it is a draft.
/// </summary>
internal sealed record TitleInfo(string Title, int? StartYear, int? EndYear, bool IsDraft, bool HasYears, bool HasGenre);

/// <summary>Reads plan titles in all the forms plans of this genre are published with.</summary>
internal static class TitleText
{
    /// <summary>
    /// Analyses a title as written (with or without 《》 around it). Null when it is no plan title: it neither states
    /// years (（2021—2025年）, “十四五”, …2035) nor ends with 规划 / 纲要 / 计划 / 方案.
    /// </summary>
    public static TitleInfo? Analyse(string raw)
    {
        var text = SourceLines.Trim(FullWidth.ForMatching(raw));
        if (text.Length < 2)
        {
            return null;
        }

        var isDraft = false;
        if (PlanPatterns.DraftMark().IsMatch(text))
        {
            isDraft = true;
            text = SourceLines.Trim(PlanPatterns.DraftMark().Replace(text, ""));
        }

        text = text.TrimEnd('。');
        int? start = null, end = null;
        var span = PlanPatterns.TitleYears().Match(text);
        var withoutYears = span.Success ? SourceLines.Trim(text[..span.Index]) + text[(span.Index + span.Length)..] : text;
        if (span.Success)
        {
            start = Year(span.Groups["start"]);
            end = Year(span.Groups["end"]);
            text = PlanPatterns.TitleYears().Replace(text, Canonical, 1);
        }
        else if (PlanPatterns.FiveYearPlan().Match(text) is { Success: true } fyp)
        {
            (start, end) = FiveYearPlanYears(fyp.Groups["n"].Value[0]);
        }
        else if (PlanPatterns.TrailingYear().Match(text) is { Success: true } trailing)
        {
            end = Year(trailing.Groups["end"]);
        }

        var title = SourceLines.Trim(text.Replace('(', '（').Replace(')', '）'));
        if (start is { } s && end is { } e && (e < s || e - s > 50))
        {
            return null;
        }

        var hasGenre = PlanPatterns.GenreEnding().IsMatch(SourceLines.Trim(withoutYears));
        var hasYears = end is not null;
        return hasGenre || span.Success || (hasYears && start is not null) || end is not null
            ? new TitleInfo(title, start, end, isDraft, hasYears, hasGenre)
            : null;
    }

    /// <summary>The 14th five-year plan (十四五) runs 2021—2025: the third began in 1966 and each runs five years.</summary>
    public static (int Start, int End) FiveYearPlanYears(char digit)
    {
        var n = 10 + "一二三四五六七八九".IndexOf(digit) + 1;
        var start = 1966 + (5 * (n - 3));
        return (start, start + 4);
    }

    /// <summary>Normalises a title to ASCII digits, full-width brackets and an em dash: 教育强国建设规划纲要（2024—2035年）.</summary>
    public static string Normalise(string rawTitle) =>
        Analyse(rawTitle)?.Title ?? SourceLines.Trim(FullWidth.ForMatching(rawTitle).Replace('(', '（').Replace(')', '）'));

    private static string Canonical(Match m)
    {
        var start = m.Groups["start"].Value;
        var end = m.Groups["end"].Value;
        return m.Groups["sm"].Success || m.Groups["em"].Success
            ? $"（{start}年{Month(m.Groups["sm"])}—{end}年{Month(m.Groups["em"])}）"
            : $"（{start}—{end}年）";
    }

    private static string Month(Group group) =>
        group.Success ? int.Parse(group.ValueSpan, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + "月" : "";

    private static int Year(Group group) => int.Parse(group.ValueSpan, CultureInfo.InvariantCulture);
}
