using System.Globalization;
using System.Text.RegularExpressions;
using EduPlan.Core.Plans;

namespace EduPlan.Core.Parsing.Internal;

/// <summary>
/// The numbering styles of Chinese official documents, from the outermost level in: 第一部分/第一篇, 第一章, §1, 一、,
/// （一）, 【重点任务1】, 1., （1）. Which of them a plan uses for its sections and its key tasks is decided per plan
/// (<see cref="PlanStructureReader"/>), from the styles it actually contains.
/// </summary>
internal enum HeadingKind
{
    Part,
    Chapter,
    SectionSign,
    Numeral,
    Paren,
    KeyTask,
    Arabic,
    ParenArabic,
}

/// <summary>
/// A numbered heading line: its style, its number (null when the numeral is malformed), the text after the marker
/// (cut from the line as written) and the marker as the portal shows it, with full-width brackets and no inner
/// spaces: 一、 （十八） 第三章 1.
/// </summary>
internal sealed record Heading(HeadingKind Kind, int? Number, string Numeral, string Text, string Label);

/// <summary>Unnumbered blocks that open a plan (序言) or close it (实施), as the 2010—2020 纲要 has.</summary>
internal enum BlockKind
{
    None,
    Opening,
    Closing,
}

internal static class Headings
{
    /// <summary>Classifies a line, matched on its matching copy; null for a line that is no numbered heading.</summary>
    public static Heading? Classify(string line) => Classify(line, FullWidth.ForMatching(line));

    public static Heading? Classify(string line, string matching)
    {
        if (matching.Length == 0)
        {
            return null;
        }

        var first = matching[0];
        if (first == '第')
        {
            if (TitleLike(PlanPatterns.PartHeading().Match(matching)) is { } part)
            {
                return Create(HeadingKind.Part, part, line);
            }

            if (TitleLike(PlanPatterns.ChapterHeading().Match(matching)) is { } chapter)
            {
                return Create(HeadingKind.Chapter, chapter, line);
            }

            return null;
        }

        if (first is '（' or '(')
        {
            if (PlanPatterns.TaskHeading().Match(matching) is { Success: true } paren)
            {
                return Create(HeadingKind.Paren, paren, line);
            }

            return PlanPatterns.ParenArabicHeading().Match(matching) is { Success: true } parenArabic
                ? Create(HeadingKind.ParenArabic, parenArabic, line)
                : null;
        }

        if (first == '【')
        {
            return PlanPatterns.KeyTaskHeading().Match(matching) is { Success: true } key ? Create(HeadingKind.KeyTask, key, line) : null;
        }

        if (first == '§')
        {
            return PlanPatterns.SectionSignHeading().Match(matching) is { Success: true } sign ? Create(HeadingKind.SectionSign, sign, line) : null;
        }

        if (char.IsAsciiDigit(first))
        {
            return PlanPatterns.ArabicHeading().Match(matching) is { Success: true } arabic ? Create(HeadingKind.Arabic, arabic, line) : null;
        }

        return PlanPatterns.SectionHeading().Match(matching) is { Success: true } section ? Create(HeadingKind.Numeral, section, line) : null;
    }

    /// <summary>序言 / 前言 open a plan; 实施 / 结束语 close it. Only when the line is nothing but that word.</summary>
    public static BlockKind Block(string text)
    {
        if (text.Length is 0 or > 8)
        {
            return BlockKind.None;
        }

        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        return compact switch
        {
            "序言" or "前言" or "引言" or "导言" or "序" => BlockKind.Opening,
            "实施" or "结束语" or "结语" or "附则" => BlockKind.Closing,
            _ => BlockKind.None,
        };
    }

    public static string Label(HeadingKind kind, string numeral, int? number) => kind switch
    {
        HeadingKind.Part => $"第{numeral}部分",
        HeadingKind.Chapter => $"第{numeral}章",
        HeadingKind.SectionSign => $"§{numeral}",
        HeadingKind.Numeral => numeral + "、",
        HeadingKind.Paren => "（" + numeral + "）",
        HeadingKind.KeyTask => "【重点任务" + numeral + "】",
        HeadingKind.Arabic => numeral + ".",
        HeadingKind.ParenArabic => "（" + numeral + "）",
        _ => number?.ToString(CultureInfo.InvariantCulture) ?? numeral,
    };

    /// <summary>The label of the n-th item in a style, for messages (应为“（五）”).</summary>
    public static string Expected(HeadingKind kind, int number) => kind switch
    {
        HeadingKind.Part or HeadingKind.Chapter or HeadingKind.Numeral or HeadingKind.Paren =>
            Label(kind, ChineseNumerals.Format(number), number),
        _ => Label(kind, number.ToString(CultureInfo.InvariantCulture), number),
    };

    /// <summary>How a style is named in messages.</summary>
    public static string StyleName(HeadingKind kind) => kind switch
    {
        HeadingKind.Part => "第一部分",
        HeadingKind.Chapter => "第一章",
        HeadingKind.SectionSign => "§1",
        HeadingKind.Numeral => "一、",
        HeadingKind.Paren => "（一）",
        HeadingKind.KeyTask => "【重点任务1】",
        HeadingKind.Arabic => "1.",
        _ => "（1）",
    };

    /// <summary>Part and chapter headings are titles (a comma is fine: 第二章 塑造…，培养…); "第一部分内容包括……。" is a sentence.</summary>
    private static Match? TitleLike(Match match)
    {
        if (!match.Success)
        {
            return null;
        }

        var text = match.Groups["text"].ValueSpan;
        return text.Length <= 60 && !text.ContainsAny('。', '；') ? match : null;
    }

    private static Heading Create(HeadingKind kind, Match match, string line)
    {
        var numeral = string.Concat(match.Groups["num"].Value.Where(c => !char.IsWhiteSpace(c)));
        int? number = char.IsAsciiDigit(numeral[0])
            ? int.Parse(numeral, NumberStyles.None, CultureInfo.InvariantCulture)
            : ChineseNumerals.Parse(numeral);
        // The matching copy maps one character to one, so the text is cut from the line as written.
        var text = line[match.Groups["text"].Index..];
        if (kind is HeadingKind.Part or HeadingKind.Chapter or HeadingKind.SectionSign)
        {
            // 第一章　总体要求, 第一部分：总体战略, §1 总体要求: the separator is not part of the title.
            text = SourceLines.Trim(text).TrimStart('：', ':', '、', '.', '．');
        }

        var label = kind == HeadingKind.Part
            ? $"第{numeral}{match.Groups["unit"].Value}"
            : Label(kind, numeral, number);
        return new Heading(kind, number, numeral, text, label);
    }
}
