using System.Globalization;
using System.Text.RegularExpressions;
using EduPlan.Core.Plans;

namespace EduPlan.Core.Parsing.Internal;

/// <summary>A piece of plan text together with where it sits (task, milestone) for indicator extraction.</summary>
/// <param name="Past">The text reports what has been achieved (现实基础 …): its figures are baselines, never targets.</param>
internal readonly record struct TextContext(string Text, int Line, int? TaskNumber, int? MilestoneYear, bool Past = false);

/// <summary>An indicator before it gets its plan-unique key.</summary>
internal sealed record IndicatorDraft(
    string Name, Comparator Comparator, decimal Target, string Unit, int? Year, string SourceText, int? TaskNumber, int? MilestoneYear, int Line)
{
    public decimal? Baseline { get; init; }
    public int? BaselineYear { get; init; }

    /// <summary>Read from a target table rather than a sentence.</summary>
    public bool FromTable { get; init; }
}

/// <summary>A figure the plan reports as achieved (巩固率达100%): a baseline for a target of the same name.</summary>
internal sealed record AchievedFigure(string Name, decimal Value, string Unit, int? Year);

/// <summary>
/// Finds quantitative targets (达到90%, 不低于2小时, ≥95%, 建设100所…, 分别达到95%、92%, 均达到90%, 翻一番) in plan text.
/// It is deliberately conservative: a number only counts when a comparator or a building verb states it as a target,
/// never inside quotes or book-title marks (“416”, “158N”), never as a year, an age or a range (1—2项), and never in a
/// sentence that reports the past (已达到, 截至2020年, a year before the plan starts): those become baselines.
/// It reads the ASCII-digit copy of the text (<see cref="FullWidth"/>), so 达到９０％ counts and names and keys do not
/// depend on the digits' width; the source sentence is kept as written.
/// </summary>
internal static partial class IndicatorExtractor
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
        ("降至", Comparator.AtMost), ("至少", Comparator.AtLeast), ("≥", Comparator.AtLeast), ("≧", Comparator.AtLeast),
        ("⩾", Comparator.AtLeast), ("≤", Comparator.AtMost), ("≦", Comparator.AtMost), ("⩽", Comparator.AtMost),
        ("＞", Comparator.GreaterThan), (">", Comparator.GreaterThan), ("＜", Comparator.LessThan), ("<", Comparator.LessThan),
        ("达", Comparator.AtLeast),
    ];

    private static readonly string[] CountVerbs = ["建设", "建成", "新建", "打造", "培育", "新增", "创建"];

    private static readonly HashSet<string> CountUnits = ["所", "个", "家", "项", "门", "座", "名"];

    private static readonly string[] LeadingVerbs = ["力争", "努力", "争取", "确保", "保证", "推动", "促进", "使", "让"];

    private static readonly string[] TrailingModals = ["应当", "必须", "要", "应", "须", "需", "将"];

    /// <summary>Words between a name and its comparator that belong to neither (覆盖率至少达到, 比例均达到).</summary>
    private static readonly string[] TrailingQualifiers = ["至少", "均", "都", "全部", "分别", "力争", "要"];

    private static readonly string[] PastMarkers =
    [
        "截至", "截止", "累计", "过去五年", "五年来", "近年来", "十年来", "已经", "已达", "已实现", "已建成", "已完成",
        "已覆盖", "已提高", "已提升", "已增加", "已增长", "已超过", "已全面", "已基本", "已累计", "已有", "已由", "比上年", "同比",
    ];

    public static void Extract(TextContext context, int? planStart, List<IndicatorDraft> output, List<AchievedFigure> achieved)
    {
        var text = FullWidth.ForMatching(context.Text);
        var hasDigits = text.AsSpan().ContainsAnyInRange('0', '9');
        if (!hasDigits && !text.Contains('翻', StringComparison.Ordinal))
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
                ScanSentence(text, masked, start, i, context, planStart, output, achieved);
            }

            start = i + 1;
        }
    }

    private static void ScanSentence(
        string text, string masked, int from, int to, TextContext context, int? planStart, List<IndicatorDraft> output, List<AchievedFigure> achieved)
    {
        var sentence = text[from..to];
        var maskedSentence = masked[from..to];
        var source = SourceLines.Trim(context.Text[from..to]);
        var past = context.Past || IsPastSentence(sentence, maskedSentence, planStart);
        var consumed = new List<(int Start, int End)>();
        var found = new List<(int Position, Found Target)>();

        ReadShared(sentence, maskedSentence, consumed, found);
        ReadDoubling(sentence, maskedSentence, found);

        if (maskedSentence.AsSpan().ContainsAnyInRange('0', '9'))
        {
            foreach (Match match in PlanPatterns.Quantity().Matches(maskedSentence))
            {
                if (IsConsumed(consumed, match.Index) || TryRead(sentence, maskedSentence, match, past) is not { } target)
                {
                    continue;
                }

                found.Add((match.Index, target));
            }

            foreach (Match match in BareNumber().Matches(maskedSentence))
            {
                if (IsConsumed(consumed, match.Index) || TryReadUnitless(sentence, maskedSentence, match, past) is not { } target)
                {
                    continue;
                }

                found.Add((match.Index, target));
            }
        }

        foreach (var (position, target) in found.OrderBy(f => f.Position))
        {
            var clauseYear = target.Year;
            if (past || (clauseYear is { } y && planStart is { } start && y < start))
            {
                achieved.Add(new AchievedFigure(target.Name, target.Value, target.Unit, clauseYear));
                continue;
            }

            var year = clauseYear ?? context.MilestoneYear ?? DueYear(sentence);
            output.Add(new IndicatorDraft(target.Name, target.Comparator, target.Value, target.Unit, year,
                source, context.TaskNumber, context.MilestoneYear, context.Line));
        }
    }

    /// <summary>A target as read from a clause: its name, comparator, value, unit and the year its own clause states.</summary>
    private sealed record Found(string Name, Comparator Comparator, decimal Value, string Unit, int? Year);

    private static Found? TryRead(string sentence, string masked, Match match, bool past)
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
            return name.Length == 0 ? null : new Found(name, Comparator.Equal, target, unit, null);
        }

        if (ComparatorBefore(masked, prefixEnd, past) is { } comparatorWord)
        {
            var (name, year) = MeasureName(sentence, masked, prefixEnd - comparatorWord.Word.Length);
            return name.Length == 0 ? null : new Found(name, postfix ?? comparatorWord.Comparator, target, unit, year);
        }

        if (CountUnits.Contains(unit) && CountedBefore(sentence, masked, match.Index, quantityEnd) is { } counted)
        {
            return new Found(counted, Comparator.Equal, target, unit, null);
        }

        if (postfix is { } onlyPostfix)
        {
            var (name, year) = MeasureName(sentence, masked, prefixEnd);
            foreach (var filler in (string[])["保持在", "稳定在", "在", "为"])
            {
                if (name.EndsWith(filler, StringComparison.Ordinal) && name.Length > filler.Length)
                {
                    name = name[..^filler.Length];
                    break;
                }
            }

            return name.Length == 0 ? null : new Found(name, onlyPostfix, target, unit, year);
        }

        return null;
    }

    /// <summary>
    /// 年 as a unit (平均受教育年限达到11.3年) and a number without a unit (指数达到90以上): only right after a comparator,
    /// never a four-digit year, and only where nothing but 以上 / 以下 or the end of the clause follows.
    /// </summary>
    private static Found? TryReadUnitless(string sentence, string masked, Match match, bool past)
    {
        var value = match.Groups["num"].Value;
        var end = match.Index + match.Length;
        var rest = masked.AsSpan(end).TrimStart();
        string unit;
        if (rest.StartsWith("年") && !rest.StartsWith("年级"))
        {
            if (value.Length == 4 && !value.Contains('.'))
            {
                return null;
            }

            unit = "年";
            rest = rest[1..].TrimStart();
        }
        else
        {
            unit = "";
        }

        if (IsRangeEnd(masked, match.Index) || IsRangeStart(masked, end))
        {
            return null;
        }

        var postfix = rest.StartsWith("以上") ? Comparator.AtLeast : rest.StartsWith("以下") || rest.StartsWith("以内") ? Comparator.AtMost : (Comparator?)null;
        var after = postfix is null ? rest : rest[2..].TrimStart();
        if (!(after.IsEmpty || IsClauseBoundary(after[0]) || after[0] is '。' or '；'))
        {
            return null;
        }

        var prefixEnd = SkipBack(masked, match.Index);
        if (ComparatorBefore(masked, prefixEnd, past) is not { } comparatorWord || comparatorWord.Word == "达" && unit.Length == 0)
        {
            return null;
        }

        var (name, year) = MeasureName(sentence, masked, prefixEnd - comparatorWord.Word.Length);
        var target = decimal.Parse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return name.Length == 0 ? null : new Found(name, postfix ?? comparatorWord.Comparator, target, unit, year);
    }

    /// <summary>
    /// 分别达到95%、92% (each name its own value, in order) and 均达到90% (every name the same value): the names are the
    /// clause before 分别 / 均, split at 、 和 及 与.
    /// </summary>
    private static void ReadShared(string sentence, string masked, List<(int, int)> consumed, List<(int, Found)> found)
    {
        foreach (Match shared in SharedTarget().Matches(masked))
        {
            var word = ComparatorWords.First(c => c.Word == shared.Groups["cmp"].Value);
            var valuesStart = shared.Index + shared.Length;
            var values = new List<(decimal Value, string Unit, int Position)>();
            var position = valuesStart;
            while (true)
            {
                var quantity = PlanPatterns.Quantity().Match(masked, position);
                if (!quantity.Success || SourceLines.Trim(masked[position..quantity.Index]) is { Length: > 0 } gap && gap is not ("、" or "和" or "及"))
                {
                    break;
                }

                var unit = quantity.Groups["unit"].Value is "％" ? "%" : quantity.Groups["unit"].Value;
                values.Add((decimal.Parse(quantity.Groups["num"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture), unit, quantity.Index));
                position = quantity.Index + quantity.Length;
            }

            if (values.Count == 0)
            {
                continue;
            }

            var clauseStart = ClauseStartIgnoringEnumeration(masked, shared.Index);
            var (namesText, year) = StripYear(SourceLines.Trim(sentence[clauseStart..shared.Index]));
            var names = CompleteElliptical(SplitNames(StripLeading(namesText)));
            var respectively = shared.Groups["kind"].Value == "分别";
            if (names.Count < 2 || (respectively && names.Count != values.Count))
            {
                continue;
            }

            var postfix = Postfix(masked, position);
            for (var k = 0; k < names.Count; k++)
            {
                var (value, unit, at) = respectively ? values[k] : values[0];
                found.Add((at + k, new Found(names[k], postfix ?? word.Comparator, value, unit, year)));
            }

            consumed.Add((shared.Index, position));
        }
    }

    /// <summary>X翻一番 (翻两番): the target is twice (four times) where it starts from.</summary>
    private static void ReadDoubling(string sentence, string masked, List<(int, Found)> found)
    {
        foreach (Match doubling in Doubling().Matches(masked))
        {
            var factor = doubling.Groups["n"].Value == "一" ? 2m : 4m;
            var (name, year) = MeasureName(sentence, masked, SkipBack(masked, doubling.Index));
            foreach (var filler in (string[])["实现", "比2020年", "比基期"])
            {
                if (name.EndsWith(filler, StringComparison.Ordinal) && name.Length > filler.Length)
                {
                    name = name[..^filler.Length];
                }
            }

            if (name.Length > 0)
            {
                found.Add((doubling.Index, new Found(name, Comparator.AtLeast, factor, "倍", year)));
            }
        }
    }

    private static readonly string[] MeasureEndings =
    [
        "持证率", "覆盖率", "达标率", "入学率", "入园率", "巩固率", "普及率", "合格率", "优良率", "占比", "比例", "比重", "率", "数", "人数", "年限",
    ];

    /// <summary>
    /// 小学、初中学校标准化建设达标率: the first names are short for the last one's full wording (小学学校标准化建设达标率);
    /// 幼儿园专任教师和保育员持证率: the first name lacks the measure the last one ends with (幼儿园专任教师持证率).
    /// </summary>
    private static List<string> CompleteElliptical(List<string> names)
    {
        if (names.Count < 2)
        {
            return names;
        }

        var last = names[^1];
        var measure = MeasureEndings.Where(m => last.EndsWith(m, StringComparison.Ordinal)).MaxBy(m => m.Length);
        if (measure is null)
        {
            return names;
        }

        var completed = new List<string>(names.Count);
        foreach (var name in names.Take(names.Count - 1))
        {
            if (MeasureEndings.Any(m => name.EndsWith(m, StringComparison.Ordinal)))
            {
                completed.Add(name);
            }
            else if (name.Length <= 4 && last.Length > name.Length + measure.Length)
            {
                completed.Add(name + last[name.Length..]);
            }
            else
            {
                completed.Add(name + measure);
            }
        }

        completed.Add(last);
        return completed;
    }

    private static List<string> SplitNames(string text)
    {
        var names = new List<string>();
        foreach (var part in text.Split(['、', '，']))
        {
            foreach (var piece in part.Split(["和", "及", "与", "以及"], StringSplitOptions.None))
            {
                if (SourceLines.Trim(piece) is { Length: > 0 } name)
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }

    /// <param name="past">A report of the past also states figures with 为 (平均受教育年限为11.1年).</param>
    private static (string Word, Comparator Comparator)? ComparatorBefore(string masked, int prefixEnd, bool past = false)
    {
        foreach (var (word, comparator) in ComparatorWords)
        {
            if (EndsWith(masked, prefixEnd, word))
            {
                return (word, comparator);
            }
        }

        return past && EndsWith(masked, prefixEnd, "为") ? ("为", Comparator.Equal) : null;
    }

    /// <summary>新建中小学校30所 / 建设特色高中10所: a building verb, what is built, then how many, closing the clause.</summary>
    private static string? CountedBefore(string sentence, string masked, int numberStart, int quantityEnd)
    {
        var after = masked.AsSpan(quantityEnd).TrimStart();
        if (!(after.IsEmpty || IsClauseBoundary(after[0])))
        {
            return null;
        }

        var start = ClauseStart(masked, numberStart);
        var clause = StripLeading(SourceLines.Trim(sentence[start..numberStart]));
        foreach (var verb in CountVerbs)
        {
            if (clause.StartsWith(verb, StringComparison.Ordinal) && SourceLines.Trim(clause[verb.Length..]) is { Length: > 0 } name)
            {
                return name;
            }
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

    /// <summary>The clause before a comparator, without leading verbs and trailing modals; a year it ends with is the target's own year.</summary>
    private static (string Name, int? Year) MeasureName(string sentence, string masked, int end)
    {
        var start = ClauseStart(masked, end);
        var name = SourceLines.Trim(sentence[start..end]);
        if (start > 0 && OwnYear().Match(FullWidth.ForMatching(name)) is { Success: true } only && only.Length == name.Length)
        {
            // 提高国家财政性教育经费支出占国内生产总值比例，2012年达到4%: the clause is only the year; what reaches it is the clause before.
            var ownYear = int.Parse(only.Groups["year"].ValueSpan, CultureInfo.InvariantCulture);
            var previous = SourceLines.Trim(sentence[ClauseStart(masked, start - 1)..(start - 1)]);
            foreach (var verb in (string[])["提高", "提升", "增加", "扩大", "降低", "减少"])
            {
                if (previous.StartsWith(verb, StringComparison.Ordinal) && previous.Length > verb.Length)
                {
                    previous = previous[verb.Length..];
                    break;
                }
            }

            return (StripLeading(previous), ownYear);
        }

        if (PlanPatterns.Abbreviation().Match(name) is { Success: true } abbreviation)
        {
            name = abbreviation.Groups["abbr"].Value + name[(abbreviation.Index + abbreviation.Length)..];
        }

        name = StripLeading(name);
        foreach (var qualifier in TrailingQualifiers)
        {
            if (name.Length > qualifier.Length + 1 && name.EndsWith(qualifier, StringComparison.Ordinal))
            {
                name = SourceLines.Trim(name[..^qualifier.Length]);
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

        var (withoutYear, year) = StripYear(SourceLines.Trim(name));
        return (withoutYear, year);
    }

    private static string StripLeading(string name)
    {
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

        return name;
    }

    /// <summary>比例2012年 → (比例, 2012); 到2030年 at the start of a name is a year too.</summary>
    private static (string Name, int? Year) StripYear(string name)
    {
        var mapped = FullWidth.ForMatching(name);
        if (OwnYear().Match(mapped) is { Success: true } own && (own.Index == 0 || own.Index + own.Length == mapped.Length))
        {
            var year = int.Parse(own.Groups["year"].ValueSpan, CultureInfo.InvariantCulture);
            var rest = SourceLines.Trim(name.Remove(own.Index, own.Length)).Trim('，', ',');
            if (rest.Length > 0)
            {
                return (rest, year);
            }
        }

        return (name, null);
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
    private static int ClauseStart(string masked, int end) => ClauseStart(masked, end, enumeration: true);

    /// <summary>As <see cref="ClauseStart(string,int)"/>, but 、 does not end the clause: it separates the names of a shared target.</summary>
    private static int ClauseStartIgnoringEnumeration(string masked, int end) => ClauseStart(masked, end, enumeration: false);

    private static int ClauseStart(string masked, int end, bool enumeration)
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
            else if (depth == 0 && (enumeration ? IsClauseBoundary(c) : c is '，' or ',' or '；' or ';' or '：' or ':'))
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

    private static bool IsConsumed(List<(int Start, int End)> consumed, int index) =>
        consumed.Exists(c => index >= c.Start && index < c.End);

    /// <summary>A sentence that reports what has been done: 已达到, 截至2020年, “十三五”期间, a year before the plan starts.</summary>
    private static bool IsPastSentence(string sentence, string masked, int? planStart)
    {
        foreach (var marker in PastMarkers)
        {
            if (masked.Contains(marker, StringComparison.Ordinal))
            {
                return true;
            }
        }

        if (planStart is { } start)
        {
            // “十三五”期间… in a plan that starts in 2021: a period that has ended (quoted, so read on the unmasked text).
            foreach (Match period in PlanPatterns.FiveYearPlan().Matches(sentence))
            {
                if (TitleText.FiveYearPlanYears(period.Groups["n"].Value[0]).End < start)
                {
                    return true;
                }
            }

            foreach (Match year in SentenceYear().Matches(masked))
            {
                var value = int.Parse(year.Groups["year"].ValueSpan, CultureInfo.InvariantCulture);
                if (value < start && !year.Value.StartsWith('到'))
                {
                    return true;
                }
            }
        }

        return false;
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

    /// <summary>分别达到 / 均达到 / 都不低于 …: one comparator shared by several names.</summary>
    [GeneratedRegex(@"(?<kind>分别|均|都|全部)(?<cmp>不低于|不少于|不超过|不高于|达到|超过|高于|低于|提高到|提升到|控制在|≥|≤|达)", RegexOptions.CultureInvariant)]
    private static partial Regex SharedTarget();

    [GeneratedRegex(@"翻(?<n>一|两|二)番", RegexOptions.CultureInvariant)]
    private static partial Regex Doubling();

    /// <summary>A number with no unit from <see cref="PlanPatterns.Quantity"/> after it.</summary>
    [GeneratedRegex(@"(?<![0-9.])(?<num>[0-9]+(?:\.[0-9]+)?)(?![0-9.%％]|\s*(?:个百分点|小时|分钟|万人|万元|亿元|万|所|个|家|项|门|座|名|人|倍))", RegexOptions.CultureInvariant)]
    private static partial Regex BareNumber();

    /// <summary>A target's own year: 2012年 (达到4%), 到2030年, 2025年底.</summary>
    [GeneratedRegex(@"到?(?<year>(?:19|20)[0-9]{2})年(?:底|末|前)?", RegexOptions.CultureInvariant)]
    private static partial Regex OwnYear();

    [GeneratedRegex(@"(?:到|至)?(?<year>(?:19|20)[0-9]{2})年", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceYear();
}
