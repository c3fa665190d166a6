using System.Globalization;
using System.Text.RegularExpressions;
using EduPlan.Core.Plans;

namespace EduPlan.Core.Parsing.Internal;

/// <summary>A piece of plan text together with where it sits (task, milestone) for indicator extraction.</summary>
internal readonly record struct TextContext(string Text, int Line, int? TaskNumber, int? MilestoneYear);

/// <summary>An indicator before it gets its plan-unique key.</summary>
internal sealed record IndicatorDraft(
    string Name, Comparator Comparator, decimal Target, string Unit, int? Year, string SourceText, int? TaskNumber, int? MilestoneYear, int Line);

/// <summary>
/// Finds quantitative targets (达到90%, 不低于2小时, 建设100所…) in plan text. It is deliberately conservative:
/// a number only counts when a comparator or a building verb states it as a target, never inside quotes or
/// book-title marks (“416”, “158N”), never as a year, an age or a range (1—2项).
/// It reads the ASCII-digit copy of the text (<see cref="FullWidth"/>), so 达到９０％ counts and names and keys do not
/// depend on the digits' width; the source sentence is kept as written.
/// </summary>
internal static class IndicatorExtractor
{
    private const char Masked = '\u25A1';

    // Checked longest first so 不超过 is not read as 超过 and 提高到 not as 到.
    private static readonly (string Word, Comparator Comparator)[] ComparatorWords =
    [
        ("不低于", Comparator.AtLeast), ("不少于", Comparator.AtLeast), ("提高到", Comparator.AtLeast), ("提升到", Comparator.AtLeast),
        ("增加到", Comparator.AtLeast), ("不超过", Comparator.AtMost), ("不高于", Comparator.AtMost), ("不大于", Comparator.AtMost),
        ("不多于", Comparator.AtMost), ("控制在", Comparator.AtMost), ("降低到", Comparator.AtMost), ("下降到", Comparator.AtMost),
        ("达到", Comparator.AtLeast), ("超过", Comparator.GreaterThan), ("高于", Comparator.GreaterThan), ("大于", Comparator.GreaterThan),
        ("多于", Comparator.GreaterThan), ("低于", Comparator.LessThan), ("少于", Comparator.LessThan), ("小于", Comparator.LessThan),
        ("降至", Comparator.AtMost), ("达", Comparator.AtLeast),
    ];

    private static readonly string[] CountVerbs = ["建设", "建成", "新建", "打造", "培育", "新增", "创建"];

    private static readonly HashSet<string> CountUnits = ["所", "个", "家", "项", "门", "座", "名"];

    private static readonly string[] LeadingVerbs = ["力争", "努力", "争取", "确保", "保证", "推动", "促进", "使", "让"];

    private static readonly string[] TrailingModals = ["应当", "必须", "要", "应", "须", "需", "将"];

    public static void Extract(TextContext context, List<IndicatorDraft> output)
    {
        var text = FullWidth.ForMatching(context.Text);
        if (!text.AsSpan().ContainsAnyInRange('0', '9'))
        {
            return;
        }

        var masked = Mask(text);
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && masked[i] is not ('。' or '；' or ';' or '！' or '？' or '!' or '?'))
            {
                continue;
            }

            if (i > start)
            {
                ScanSentence(text, masked, start, i, context, output);
            }

            start = i + 1;
        }
    }

    private static void ScanSentence(string text, string masked, int from, int to, TextContext context, List<IndicatorDraft> output)
    {
        var sentence = text[from..to];
        var maskedSentence = masked[from..to];
        if (!maskedSentence.AsSpan().ContainsAnyInRange('0', '9'))
        {
            return;
        }

        foreach (Match match in PlanPatterns.Quantity().Matches(maskedSentence))
        {
            if (TryRead(sentence, maskedSentence, match) is not { } found)
            {
                continue;
            }

            var year = context.MilestoneYear ?? DueYear(sentence);
            output.Add(new IndicatorDraft(found.Name, found.Comparator, found.Target, found.Unit, year,
                SourceLines.Trim(context.Text[from..to]), context.TaskNumber, context.MilestoneYear, context.Line));
        }
    }

    private static (string Name, Comparator Comparator, decimal Target, string Unit)? TryRead(string sentence, string masked, Match match)
    {
        var number = match.Groups["num"];
        var unit = match.Groups["unit"].Value is "％" ? "%" : match.Groups["unit"].Value;
        var quantityEnd = match.Index + match.Length;
        if (IsRangeEnd(masked, match.Index) || IsRangeStart(masked, quantityEnd))
        {
            return null;
        }

        var prefixEnd = SkipBack(masked, match.Index);
        var postfix = Postfix(masked, quantityEnd);
        var target = decimal.Parse(number.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

        if (CountUnits.Contains(unit) && EndsWithAny(masked, prefixEnd, CountVerbs) is not null)
        {
            var name = CountName(sentence, masked, quantityEnd);
            return name.Length == 0 ? null : (name, Comparator.Equal, target, unit);
        }

        foreach (var (word, comparator) in ComparatorWords)
        {
            if (EndsWith(masked, prefixEnd, word))
            {
                var name = MeasureName(sentence, masked, prefixEnd - word.Length);
                return name.Length == 0 ? null : (name, postfix ?? comparator, target, unit);
            }
        }

        if (postfix is { } onlyPostfix)
        {
            var name = MeasureName(sentence, masked, prefixEnd);
            foreach (var filler in (string[])["保持在", "稳定在", "在", "为"])
            {
                if (name.EndsWith(filler, StringComparison.Ordinal) && name.Length > filler.Length)
                {
                    name = name[..^filler.Length];
                    break;
                }
            }

            return name.Length == 0 ? null : (name, onlyPostfix, target, unit);
        }

        return null;
    }

    /// <summary>以上 / 以内 / 以下 right after the quantity, but only when it closes the clause (not 20万以上县).</summary>
    private static Comparator? Postfix(string masked, int at)
    {
        var rest = masked.AsSpan(at).TrimStart();
        Comparator? comparator = rest.StartsWith("以上") ? Comparator.AtLeast
            : rest.StartsWith("以内") || rest.StartsWith("以下") ? Comparator.AtMost
            : null;
        if (comparator is null)
        {
            return null;
        }

        var after = rest[2..].TrimStart();
        return after.IsEmpty || IsClauseBoundary(after[0]) ? comparator : null;
    }

    private static bool IsRangeEnd(string masked, int numberStart)
    {
        var i = SkipBack(masked, numberStart) - 1;
        if (i < 0 || !IsRangeMark(masked[i]))
        {
            return false;
        }

        var before = SkipBack(masked, i) - 1;
        return before >= 0 && char.IsAsciiDigit(masked[before]);
    }

    private static bool IsRangeStart(string masked, int quantityEnd)
    {
        var rest = masked.AsSpan(quantityEnd).TrimStart();
        return rest.Length >= 2 && IsRangeMark(rest[0]) && char.IsAsciiDigit(rest[1]);
    }

    private static bool IsRangeMark(char c) => c is '—' or '–' or '-' or '－' or '~' or '～' or '至' or '到';

    private static string MeasureName(string sentence, string masked, int end)
    {
        var start = ClauseStart(masked, end);
        var name = SourceLines.Trim(sentence[start..end]);
        if (PlanPatterns.Abbreviation().Match(name) is { Success: true } abbreviation)
        {
            name = abbreviation.Groups["abbr"].Value + name[(abbreviation.Index + abbreviation.Length)..];
        }

        for (var stripped = true; stripped;)
        {
            stripped = false;
            foreach (var verb in LeadingVerbs)
            {
                if (name.Length > verb.Length && name.StartsWith(verb, StringComparison.Ordinal) && !(verb == "使" && name[1] == '用'))
                {
                    name = name[verb.Length..];
                    stripped = true;
                }
            }
        }

        foreach (var modal in TrailingModals)
        {
            if (name.Length > modal.Length + 1 && name.EndsWith(modal, StringComparison.Ordinal))
            {
                name = name[..^modal.Length];
                break;
            }
        }

        return SourceLines.Trim(name);
    }

    /// <summary>建设100所科学、人文…特色高中: what is counted follows the unit, up to the end of the clause (、 included).</summary>
    private static string CountName(string sentence, string masked, int start)
    {
        var depth = 0;
        var end = start;
        for (; end < masked.Length; end++)
        {
            var c = masked[end];
            if (c is '（' or '(')
            {
                depth++;
            }
            else if (c is '）' or ')')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0 && c is '，' or ',' or '；' or ';' or '：' or ':')
            {
                break;
            }
        }

        return SourceLines.Trim(sentence[start..end]);
    }

    /// <summary>The clause starts after the last ，；：、 before <paramref name="end"/> that is not inside brackets.</summary>
    private static int ClauseStart(string masked, int end)
    {
        var depth = 0;
        for (var i = end - 1; i >= 0; i--)
        {
            var c = masked[i];
            if (c is '）' or ')')
            {
                depth++;
            }
            else if (c is '（' or '(')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0 && IsClauseBoundary(c))
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static bool IsClauseBoundary(char c) => c is '，' or ',' or '；' or ';' or '：' or ':' or '、';

    private static int SkipBack(string text, int index)
    {
        while (index > 0 && char.IsWhiteSpace(text[index - 1]))
        {
            index--;
        }

        return index;
    }

    private static bool EndsWith(string text, int end, string word) =>
        end >= word.Length && text.AsSpan(end - word.Length, word.Length).SequenceEqual(word);

    private static string? EndsWithAny(string text, int end, string[] words)
    {
        foreach (var word in words)
        {
            if (EndsWith(text, end, word))
            {
                return word;
            }
        }

        return null;
    }

    private static int? DueYear(string sentence) =>
        PlanPatterns.DueYear().Match(sentence) is { Success: true } m
            ? int.Parse(m.Groups["year"].ValueSpan, CultureInfo.InvariantCulture)
            : null;

    /// <summary>Blanks out quoted text and book titles (same length) so their numbers and punctuation are ignored.</summary>
    private static string Mask(string text)
    {
        return string.Create(text.Length, text, static (buffer, source) =>
        {
            char closer = '\0';
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                if (closer != '\0')
                {
                    if (c == closer)
                    {
                        closer = '\0';
                        buffer[i] = c;
                    }
                    else
                    {
                        buffer[i] = Masked;
                    }

                    continue;
                }

                closer = c switch
                {
                    '“' => '”',
                    '"' => '"',
                    '‘' => '’',
                    '「' => '」',
                    '『' => '』',
                    '《' => '》',
                    _ => '\0',
                };
                buffer[i] = c;
            }
        });
    }
}
