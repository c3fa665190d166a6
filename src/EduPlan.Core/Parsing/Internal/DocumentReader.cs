using EduPlan.Core.Messages;
using EduPlan.Core.Plans;

namespace EduPlan.Core.Parsing.Internal;

/// <summary>A plan as found in the document, before its structure and details are read.</summary>
internal sealed class PlanDraft(TitleInfo title, int line)
{
    public string Title { get; } = title.Title;
    public bool IsDraft { get; set; } = title.IsDraft;
    public int? StartYear { get; set; } = title.StartYear;
    public int? EndYear { get; set; } = title.EndYear;
    public int Line { get; } = line;

    /// <summary>The lines that announce the plan (…印发《…》, 《…》主要内容如下, the title itself): not part of its text.</summary>
    public List<SourceLine> Announcements { get; } = [];

    /// <summary>Every line after the announcements up to where the plan ends, in order.</summary>
    public List<SourceLine> Body { get; } = [];

    /// <summary>Issuer, date and document number printed under a title: not part of the preamble.</summary>
    public List<SourceLine> Header { get; } = [];

    public List<SourceLine> Preamble { get; } = [];
    public List<SectionDraft> Sections { get; } = [];

    /// <summary>The organisation that signed the plan above its closing date, when it ends that way.</summary>
    public string? Signature { get; set; }

    /// <summary>The date line that closed the plan, if any.</summary>
    public SourceLine? ClosingDate { get; set; }

    /// <summary>The task style of the plan, for the preview ("（一）", "1.", "一是").</summary>
    public HeadingKind? TaskKind { get; set; }
}

/// <summary>A section as found, with its body paragraphs and key tasks.</summary>
internal sealed class SectionDraft(int number, string label, string title, string? part, int line)
{
    public int Number { get; } = number;
    public string Label { get; } = label;
    public string Title { get; } = title;
    public string? Part { get; } = part;
    public int Line { get; } = line;

    /// <summary>Context sections (发展基础, 总体要求 …): their numbered items are not key tasks when the plan has others.</summary>
    public bool IsFraming { get; init; }

    /// <summary>Sections about the past (现实基础, 发展环境, “十三五”回顾): their figures are achievements, not targets.</summary>
    public bool IsPast { get; init; }

    /// <summary>Sections that state what the plan aims at (总体要求, 发展目标 …): milestones are read from them.</summary>
    public bool IsGoalBearing { get; init; }

    /// <summary>Body paragraphs that are not key tasks (milestones and goals included).</summary>
    public List<SourceLine> Paragraphs { get; } = [];
    public List<TaskDraft> Tasks { get; } = [];
}

/// <summary>A key task as found, with its title and continuation paragraphs.</summary>
internal sealed class TaskDraft(int number, string label, string title, int line)
{
    public int Number { get; set; } = number;
    public string Label { get; } = label;
    public string Title { get; } = title;
    public int Line { get; } = line;

    /// <summary>The text after the marker, then any continuation lines.</summary>
    public List<SourceLine> Paragraphs { get; } = [];
}

/// <summary>A line that looks like a plan's title, and how sure the reader is.</summary>
/// <param name="Span">How many lines the title takes (a title split over two lines takes two).</param>
/// <param name="Strong">In 《》, or stating its years or a draft mark: more than a line that merely ends in 规划.</param>
internal sealed record TitleCandidate(int Index, int Span, TitleInfo Info, bool Strong, bool IsAnnouncement);

/// <summary>The plans of a document, in order, plus what the reader saw and did not take.</summary>
internal sealed record ReadResult(List<PlanDraft> Plans, List<CandidateReport> Unconfirmed);

/// <summary>A title-like line that did not start a plan, and why.</summary>
internal sealed record CandidateReport(SourceLine Line, TitleCandidate Candidate, Message Missing);

/// <summary>
/// Cuts the lines into plans. A plan starts at a line that reads as its title (…印发《…》, 《…》主要内容如下, a bare title
/// at the top of a file, a title over two lines) when numbered structure starting at 1 follows it; it ends at the next
/// plan, at the furniture of a news page (责任编辑, 相关新闻, a dateline), at the date that closes an official document,
/// or where its numbering starts again without a title (<see cref="PlanStructureReader"/>). Text outside plans (speeches,
/// other articles) is skipped, even where it has 一、二、 headings.
/// </summary>
internal sealed class DocumentReader
{
    /// <summary>How far after a title the reader looks for the structure that confirms it.</summary>
    private const int ConfirmationWindow = 400;

    private readonly IReadOnlyList<SourceLine> _lines;
    private readonly string _sourceName;
    private readonly string[] _matching;
    private readonly bool[] _contents;
    private readonly Heading?[] _headings;
    private readonly TitleCandidate?[] _candidates;

    private DocumentReader(IReadOnlyList<SourceLine> lines, string sourceName)
    {
        _lines = lines;
        _sourceName = sourceName;
        _matching = new string[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            _matching[i] = FullWidth.ForMatching(lines[i].Text);
        }

        _contents = Landmarks.TableOfContents(lines, _matching);
        _headings = new Heading?[lines.Count];
        _candidates = new TitleCandidate?[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (_contents[i] || lines[i].IsTableRow || _matching[i].Length == 0)
            {
                continue;
            }

            _headings[i] = Headings.Classify(lines[i].Text, _matching[i]);
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (!_contents[i] && !lines[i].IsTableRow && _matching[i].Length > 0)
            {
                _candidates[i] = FindTitle(i);
            }
        }
    }

    /// <summary>The heading of each line (null for text), for the structure reader.</summary>
    public static Heading? HeadingOf(SourceLine line) =>
        line.IsTableRow || line.Text.Length == 0 ? null : Headings.Classify(line.Text);

    public static ReadResult Read(IReadOnlyList<SourceLine> lines, string sourceName) => new DocumentReader(lines, sourceName).Read();

    private ReadResult Read()
    {
        var plans = new List<PlanDraft>();
        var unconfirmed = new List<CandidateReport>();
        PlanDraft? plan = null;
        var sawStructure = false;
        for (var i = 0; i < _lines.Count; i++)
        {
            var line = _lines[i];
            if (_contents[i] || line.Text.Length == 0)
            {
                continue;
            }

            if (_candidates[i] is { } candidate)
            {
                if (plan is not null && !sawStructure && candidate.Info.Title == plan.Title)
                {
                    // 《…》主要内容如下 after …印发《…》: the same plan announced again before its text begins.
                    AddAnnouncement(plan, candidate);
                    i += candidate.Span - 1;
                    continue;
                }

                var missing = Confirm(candidate, inside: plan is not null);
                if (missing is null)
                {
                    if (plans.Find(p => p.Title == candidate.Info.Title) is { } earlier)
                    {
                        throw new PlanFormatException(_sourceName, line.Number,
                            new Message("Parse_PlanTwice", candidate.Info.Title, earlier.Line));
                    }

                    StoredText.RequireWithin(candidate.Info.Title, PlanTextLimits.Title, new Message("Parse_What_PlanTitle"), _sourceName, line.Number);
                    plan = new PlanDraft(candidate.Info, line.Number);
                    plans.Add(plan);
                    sawStructure = false;
                    AddAnnouncement(plan, candidate);
                    i += candidate.Span - 1;
                    continue;
                }

                if (plan is null)
                {
                    unconfirmed.Add(new CandidateReport(line, candidate, missing));
                    i += candidate.Span - 1;
                    continue;
                }
            }

            if (plan is null)
            {
                continue;
            }

            var matching = _matching[i];
            if (Landmarks.IsTrailer(matching) || Landmarks.IsDateline(matching))
            {
                DropHeadline(plan, matching);
                plan = null;
                continue;
            }

            if (sawStructure && Landmarks.IsDateOnly(matching))
            {
                plan.ClosingDate = line;
                TakeSignature(plan);
                plan = null;
                continue;
            }

            if (_headings[i] is { Kind: HeadingKind.Part or HeadingKind.Chapter or HeadingKind.SectionSign or HeadingKind.Numeral or HeadingKind.Paren })
            {
                sawStructure = true;
            }

            plan.Body.Add(line);
        }

        return new ReadResult(plans, unconfirmed);
    }

    private void AddAnnouncement(PlanDraft plan, TitleCandidate candidate)
    {
        for (var k = 0; k < candidate.Span; k++)
        {
            plan.Announcements.Add(_lines[candidate.Index + k]);
        }

        plan.IsDraft |= candidate.Info.IsDraft;
        plan.StartYear ??= candidate.Info.StartYear;
        plan.EndYear ??= candidate.Info.EndYear;
    }

    /// <summary>
    /// A title starts a plan when the first numbered heading after it (past repeated announcements, header lines and a
    /// preamble) is numbered 1. Returns null when it does, or what is missing.
    /// </summary>
    private Message? Confirm(TitleCandidate candidate, bool inside)
    {
        var steps = 0;
        for (var j = candidate.Index + candidate.Span; j < _lines.Count && steps < ConfirmationWindow; j++)
        {
            if (_contents[j] || _matching[j].Length == 0)
            {
                continue;
            }

            if (_candidates[j] is { } next)
            {
                if (next.Info.Title == candidate.Info.Title)
                {
                    j += next.Span - 1;
                    continue;
                }

                return new Message("Parse_Missing_Structure");
            }

            if (Landmarks.IsTrailer(_matching[j]) || Landmarks.IsDateline(_matching[j]))
            {
                return new Message("Parse_Missing_Structure");
            }

            if (_headings[j] is { } heading)
            {
                var topLevel = heading.Kind is HeadingKind.Part or HeadingKind.Chapter or HeadingKind.SectionSign or HeadingKind.Numeral;
                var ownLevel = heading.Kind is HeadingKind.Paren or HeadingKind.KeyTask or HeadingKind.Arabic && candidate.Strong && !inside;
                if (!topLevel && !ownLevel)
                {
                    if (inside)
                    {
                        return new Message("Parse_Missing_Structure");
                    }

                    steps++;
                    continue;
                }

                return heading.Number == 1
                    ? null
                    : new Message("Parse_Missing_FirstHeading", _lines[j].Number, Excerpt(_lines[j].Text), heading.Kind == HeadingKind.Chapter
                        ? "第一章"
                        : Headings.Expected(heading.Kind, 1));
            }

            steps++;
        }

        return new Message("Parse_Missing_Structure");
    }

    /// <summary>Reads a title at line <paramref name="index"/> (possibly continued on the next line), or null.</summary>
    private TitleCandidate? FindTitle(int index)
    {
        var text = _lines[index].Text;
        var matching = _matching[index];
        if (matching.Contains('《'))
        {
            return FindBookTitle(index, text, matching);
        }

        if (_headings[index] is not null || !BareTitleShape(matching))
        {
            return null;
        }

        var info = TitleText.Analyse(text);
        var next = NextLine(index);
        if (next >= 0 && matching.Length <= 40 && _headings[next] is null && !_lines[next].IsTableRow
            && BareTitleShape(_matching[next]) && _matching[next].Length <= 40 && !Landmarks.IsDateOnly(matching))
        {
            // A title over two lines: 重庆市沙坪坝区教育事业发展 / “十五五”规划, or a title and its years or draft mark
            // on the next line. A line that is a whole title of its own is not the end of this one.
            var nextText = _lines[next].Text;
            var join = info is not null
                ? IsOnlyYearsOrDraft(_matching[next])
                : TitleText.Analyse(nextText) is not { } nextAlone || nextAlone.Title.Length < 10 || GenericTitleStart(_matching[next]);
            if (join && TitleText.Analyse(text + nextText) is { } joined && (joined.HasGenre || joined.HasYears))
            {
                return new TitleCandidate(index, 2, joined, Strong(joined), IsAnnouncement: false);
            }
        }

        if (info is null)
        {
            return null;
        }

        // "…2035" alone (no 规划 / 纲要) is a title only at the very top of a file.
        if (!info.HasGenre && info.StartYear is null && !IsFirstLine(index))
        {
            return null;
        }

        return new TitleCandidate(index, 1, info, Strong(info), IsAnnouncement: false);
    }

    /// <summary>
    /// A line announces a plan when it names a 《title》 and says it was issued (…印发《…》), introduces its content
    /// (《…》主要内容如下 / 全文如下) or is the bare title. 根据《…》 is a reference to a parent, never an announcement.
    /// </summary>
    private TitleCandidate? FindBookTitle(int index, string text, string matching)
    {
        foreach (System.Text.RegularExpressions.Match match in PlanPatterns.BookTitle().Matches(matching))
        {
            var before = matching.AsSpan(0, match.Index);
            var after = SourceLines.Trim(matching[(match.Index + match.Length)..]);
            if (before.Contains("根据", StringComparison.Ordinal))
            {
                continue;
            }

            var draftAfter = PlanPatterns.DraftMark().Match(after) is { Success: true, Index: 0 } mark && SourceLines.Trim(after[mark.Length..]) is "" or "。";
            var isBareTitle = SourceLines.Trim(before.ToString()).Length == 0 && (after is "" or "。" || draftAfter);
            var issued = before.Contains("印发", StringComparison.Ordinal) || before.Contains("发布", StringComparison.Ordinal);
            var introduced = after.Contains("主要内容如下", StringComparison.Ordinal) || after.Contains("全文如下", StringComparison.Ordinal)
                || after.StartsWith("内容如下", StringComparison.Ordinal);
            if (!(issued || introduced || isBareTitle))
            {
                continue;
            }

            var raw = text.Substring(match.Groups["title"].Index, match.Groups["title"].Length);
            if (TitleText.Analyse(draftAfter ? raw + after : raw) is not { } info)
            {
                continue;
            }

            return new TitleCandidate(index, 1, info, Strong: true, IsAnnouncement: issued || introduced);
        }

        return null;
    }

    private static bool Strong(TitleInfo info) => info.HasYears || info.IsDraft || info.StartYear is not null;

    /// <summary>A title line: not long, no sentence punctuation, not a figure caption or a box heading.</summary>
    private static bool BareTitleShape(string matching)
    {
        if (matching.Length is < 4 or > 80)
        {
            return false;
        }

        var body = matching.EndsWith('。') ? matching.AsSpan(0, matching.Length - 1) : matching.AsSpan();
        return !body.ContainsAny("，。；：！？,;:!?") && !matching.StartsWith("专栏", StringComparison.Ordinal)
            && !matching.StartsWith("附件", StringComparison.Ordinal) && !matching.StartsWith("附表", StringComparison.Ordinal)
            && !matching.StartsWith('表');
    }

    /// <summary>三年发展规划…, “十四五”…规划, 2021—2025年…: a title that needs the school's or district's name before it.</summary>
    private static bool GenericTitleStart(string matching) =>
        matching.StartsWith("三年", StringComparison.Ordinal) || matching.StartsWith("五年", StringComparison.Ordinal)
        || matching.StartsWith("十年", StringComparison.Ordinal) || matching.StartsWith("中长期", StringComparison.Ordinal)
        || matching.StartsWith("发展规划", StringComparison.Ordinal) || PlanPatterns.FiveYearPlan().Match(matching) is { Success: true, Index: 0 }
        || (matching.Length > 0 && char.IsAsciiDigit(matching[0]));

    private static bool IsOnlyYearsOrDraft(string matching)
    {
        var rest = PlanPatterns.DraftMark().Replace(PlanPatterns.TitleYears().Replace(matching, ""), "");
        return SourceLines.Trim(rest).Length == 0;
    }

    private int NextLine(int index)
    {
        var next = index + 1;
        return next < _lines.Count && _matching[next].Length > 0 && !_contents[next] ? next : -1;
    }

    private bool IsFirstLine(int index)
    {
        for (var i = 0; i < index; i++)
        {
            if (_matching[i].Length > 0 && !_contents[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A news page's next article starts with its headline: that short line is not the plan's.</summary>
    private static void DropHeadline(PlanDraft plan, string matching)
    {
        if (!Landmarks.IsDateline(matching) || plan.Body.Count == 0)
        {
            return;
        }

        var last = plan.Body[^1].Text;
        if (last.Length <= 60 && HeadingOf(plan.Body[^1]) is null && !last.EndsWith('。') && !last.EndsWith('；'))
        {
            plan.Body.RemoveAt(plan.Body.Count - 1);
        }
    }

    /// <summary>The organisation lines right above the closing date are the signature, not text of the last section.</summary>
    private static void TakeSignature(PlanDraft plan)
    {
        var names = new List<string>();
        while (plan.Body.Count > 0 && Landmarks.IsOrganisation(plan.Body[^1].Text) && names.Count < 3)
        {
            names.Insert(0, plan.Body[^1].Text);
            plan.Body.RemoveAt(plan.Body.Count - 1);
        }

        if (names.Count > 0)
        {
            plan.Signature = string.Join(' ', names);
        }
    }

    private static string Excerpt(string text) => text.Length > 30 ? text[..30] + "…" : text;
}
