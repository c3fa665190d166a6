using System.Globalization;
using EduPlan.Core.Messages;
using EduPlan.Core.Plans;

namespace EduPlan.Core.Parsing.Internal;

/// <summary>
/// Builds one plan's sections and key tasks from its lines. Which numbering style is a section and which a key task
/// is decided from the styles the plan uses: sections are the outermost of 第一章 / §1 / 一、 (第一部分 groups them when
/// present); key tasks are 【重点任务1】 when the plan has them, otherwise the next style in (一) → 1. → （1）, otherwise
/// 一是…二是… enumerations. Numbered items of context sections (发展基础, 总体要求 …) are not key tasks when other
/// sections hold some. Numbers must run on without gaps or repeats, either through the plan or restarting in each
/// section; a plan whose section numbering starts again at 1 ends there.
/// </summary>
internal sealed class PlanStructureReader
{
    private static readonly string[] PastWords = ["发展基础", "现实基础", "发展环境", "发展形势", "面临形势", "形势与", "回顾", "成就", "现状", "背景", "机遇与挑战", "基础与"];
    private static readonly string[] GoalWords = ["总体要求", "目标"];
    private static readonly string[] GuidanceWords = ["指导思想", "基本原则", "总体思路", "战略主题", "工作方针", "发展理念", "总体要求", "目标"];
    private static readonly string[] ActionWords = ["任务", "举措", "措施", "工程", "行动", "重点", "保障"];

    private readonly PlanDraft _plan;
    private readonly string _sourceName;
    private readonly List<Message> _warnings;
    private readonly List<(SourceLine Line, Heading? Heading)> _body;

    private HeadingKind? _sectionKind;
    private HeadingKind? _groupKind;
    private HeadingKind? _taskKind;
    private bool _inlineTasks;
    private bool _framingHoldsTasks;

    private PlanStructureReader(PlanDraft plan, string sourceName, List<Message> warnings)
    {
        _plan = plan;
        _sourceName = sourceName;
        _warnings = warnings;
        _body = new List<(SourceLine, Heading?)>(plan.Body.Count);
        foreach (var line in plan.Body)
        {
            _body.Add((line, DocumentReader.HeadingOf(line)));
        }
    }

    public static void Read(PlanDraft plan, string sourceName, List<Message> warnings) =>
        new PlanStructureReader(plan, sourceName, warnings).Read();

    public static bool IsPast(string title) => ContainsAny(title, PastWords) || IsReview(title);

    private void Read()
    {
        var first = TakeHeader();
        DecideLevels(first);

        var sections = new NumberSequence();
        var parts = new NumberSequence();
        var tasks = new NumberSequence();
        string? part = null;
        var partIndex = 0;
        var newPart = false;
        var ordinal = 0;
        TaskDraft? open = null;

        for (var i = first; i < _body.Count; i++)
        {
            var (line, heading) = _body[i];
            var section = _plan.Sections.Count > 0 ? _plan.Sections[^1] : null;

            if (heading is not null && heading.Kind == _groupKind)
            {
                var number = RequireNumber(heading, line);
                if (number == 1 && partIndex > 0)
                {
                    EndHere(line, i);
                    return;
                }

                parts.Check(number, 0, heading, line, this, PartName);
                part = SourceLines.Trim(heading.Label + " " + SourceLines.Trim(heading.Text));
                partIndex++;
                newPart = true;
                open = null;
                continue;
            }

            if (heading is not null && heading.Kind == _sectionKind)
            {
                var number = RequireNumber(heading, line);
                if (number == 1 && _plan.Sections.Count > 0 && !newPart)
                {
                    EndHere(line, i);
                    return;
                }

                var title = SectionTitle(heading, line);
                var written = sections.Check(number, partIndex, heading, line, this, SectionName);
                var assigned = sections.RestartsPerParent ? _plan.Sections.Count + 1 : written;
                _plan.Sections.Add(NewSection(assigned, heading.Label, title, part, line.Number));
                newPart = false;
                open = null;
                continue;
            }

            var block = heading is null && !line.IsTableRow ? Headings.Block(line.Text) : BlockKind.None;
            if (block == BlockKind.Opening && _plan.Sections.Count == 0)
            {
                continue;
            }

            if (block == BlockKind.Closing && _plan.Sections.Count > 0)
            {
                _plan.Sections.Add(NewSection(_plan.Sections[^1].Number + 1, "", SourceLines.Trim(line.Text), null, line.Number));
                open = null;
                continue;
            }

            if (heading is not null && heading.Kind == _taskKind)
            {
                if (section is null)
                {
                    throw Refuse(line, new Message("Parse_TaskBeforeSection", heading.Label, _plan.Title, Headings.StyleName(_sectionKind ?? HeadingKind.Numeral)));
                }

                var number = RequireNumber(heading, line);
                var written = tasks.Check(number, _plan.Sections.Count, heading, line, this, TaskName);
                if (section.IsFraming && !_framingHoldsTasks)
                {
                    section.Paragraphs.Add(line);
                    open = null;
                    continue;
                }

                ordinal++;
                open = NewTask(tasks.RestartsPerParent ? ordinal : written, heading, line);
                section.Tasks.Add(open);
                continue;
            }

            if (heading is not null && IsBetweenSectionAndTask(heading.Kind))
            {
                // A sub-heading above the key tasks (（一） when the tasks are 【重点任务1】): it closes the task before it.
                open = null;
                (section?.Paragraphs ?? _plan.Preamble).Add(line);
                continue;
            }

            if (open is not null)
            {
                open.Paragraphs.Add(line);
            }
            else if (section is not null)
            {
                if (_inlineTasks && !section.IsFraming && !line.IsTableRow && SplitInline(section, line, ref ordinal))
                {
                    continue;
                }

                section.Paragraphs.Add(line);
            }
            else
            {
                _plan.Preamble.Add(line);
            }
        }

        if (_plan.Sections.Count == 0)
        {
            throw Refuse(_plan.Line, new Message("Parse_PlanWithoutSections", _plan.Title));
        }

        if (_plan.Sections.All(s => s.Tasks.Count == 0) && _plan.Sections.Count > 1)
        {
            _warnings.Add(new Message("Parse_NoTasks", _plan.Title, _plan.Line));
        }
    }

    /// <summary>Issuer, date, document number and draft mark lines printed under the title.</summary>
    private int TakeHeader()
    {
        var i = 0;
        for (; i < _body.Count && i < 6; i++)
        {
            var (line, heading) = _body[i];
            if (heading is not null || line.IsTableRow)
            {
                break;
            }

            var matching = FullWidth.ForMatching(line.Text);
            var isHeader = Landmarks.IsOrganisation(line.Text) || Landmarks.IsDateOnly(matching) || Landmarks.IsDocumentNumber(matching)
                || (PlanPatterns.DraftMark().Match(matching) is { Success: true } draft && draft.Length == matching.Length)
                || TitleText.Analyse(line.Text)?.Title == _plan.Title;
            if (!isHeader)
            {
                break;
            }

            if (PlanPatterns.DraftMark().IsMatch(matching))
            {
                _plan.IsDraft = true;
            }

            _plan.Header.Add(line);
        }

        return i;
    }

    /// <summary>Chooses the section, group and task styles from the headings the plan contains.</summary>
    private void DecideLevels(int first)
    {
        var present = new HashSet<HeadingKind>();
        for (var i = first; i < _body.Count; i++)
        {
            if (_body[i].Heading is { } heading)
            {
                present.Add(heading.Kind);
            }
        }

        _sectionKind = present.Contains(HeadingKind.Chapter) ? HeadingKind.Chapter
            : present.Contains(HeadingKind.SectionSign) ? HeadingKind.SectionSign
            : present.Contains(HeadingKind.Numeral) ? HeadingKind.Numeral
            : present.Contains(HeadingKind.Part) ? HeadingKind.Part
            : present.Contains(HeadingKind.Paren) ? HeadingKind.Paren
            : present.Contains(HeadingKind.Arabic) ? HeadingKind.Arabic
            : null;
        _groupKind = present.Contains(HeadingKind.Part) && _sectionKind != HeadingKind.Part ? HeadingKind.Part : null;
        if (_sectionKind is not { } sectionKind)
        {
            return;
        }

        // Count each style below the sections, in context sections and in the others.
        var inOthers = new Dictionary<HeadingKind, int>();
        var inAll = new Dictionary<HeadingKind, int>();
        var framing = false;
        var inlineCandidates = 0;
        for (var i = first; i < _body.Count; i++)
        {
            var (line, heading) = _body[i];
            if (heading is { } h && h.Kind == sectionKind)
            {
                framing = IsFraming(SourceLines.Trim(h.Text));
                continue;
            }

            if (heading is { } below && below.Kind > sectionKind)
            {
                inAll[below.Kind] = inAll.GetValueOrDefault(below.Kind) + 1;
                if (!framing)
                {
                    inOthers[below.Kind] = inOthers.GetValueOrDefault(below.Kind) + 1;
                }
            }
            else if (heading is null && !framing && !line.IsTableRow && CountInline(line.Text) >= 2)
            {
                inlineCandidates++;
            }
        }

        HeadingKind[] order = sectionKind is HeadingKind.Chapter or HeadingKind.SectionSign or HeadingKind.Part
            ? [HeadingKind.KeyTask, HeadingKind.Numeral, HeadingKind.Paren, HeadingKind.Arabic, HeadingKind.ParenArabic]
            : [HeadingKind.KeyTask, HeadingKind.Paren, HeadingKind.Arabic, HeadingKind.ParenArabic];
        order = order.Where(k => k > sectionKind).ToArray();
        _taskKind = order.Cast<HeadingKind?>().FirstOrDefault(k => inOthers.GetValueOrDefault(k!.Value) > 0);
        if (_taskKind is null)
        {
            _taskKind = order.Cast<HeadingKind?>().FirstOrDefault(k => inAll.GetValueOrDefault(k!.Value) > 0);
            _framingHoldsTasks = _taskKind is not null;
        }

        _inlineTasks = _taskKind is null && inlineCandidates > 0;
        _plan.TaskKind = _taskKind;
    }

    private bool IsBetweenSectionAndTask(HeadingKind kind) =>
        _sectionKind is { } section && _taskKind is { } task && kind > section && kind < task && kind != HeadingKind.Part;

    /// <summary>Splits a paragraph of 一是…二是… into key tasks; the lead-in before 一是 stays with the section.</summary>
    private bool SplitInline(SectionDraft section, SourceLine line, ref int ordinal)
    {
        var matching = FullWidth.ForMatching(line.Text);
        var items = PlanPatterns.InlineItem().Matches(matching);
        if (items.Count < 2 || ChineseNumerals.Parse(items[0].Groups["num"].ValueSpan) != 1)
        {
            return false;
        }

        var expected = 1;
        var starts = new List<(int Index, int Length, string Numeral)>();
        foreach (System.Text.RegularExpressions.Match item in items)
        {
            if (ChineseNumerals.Parse(item.Groups["num"].ValueSpan) != expected)
            {
                continue;
            }

            starts.Add((item.Index, item.Length, item.Groups["num"].Value));
            expected++;
        }

        if (starts.Count < 2)
        {
            return false;
        }

        if (SourceLines.Trim(line.Text[..starts[0].Index]) is { Length: > 0 } lead)
        {
            section.Paragraphs.Add(line with { Text = lead });
        }

        for (var k = 0; k < starts.Count; k++)
        {
            var (index, length, numeral) = starts[k];
            var end = k + 1 < starts.Count ? starts[k + 1].Index : line.Text.Length;
            var text = SourceLines.Trim(line.Text[(index + length)..end]);
            var title = StoredText.FirstSentence(text);
            if (StoredText.IsEmpty(title))
            {
                continue;
            }

            StoredText.RequireWithin(title, PlanTextLimits.Title, new Message("Parse_What_TaskTitle"), _sourceName, line.Number);
            ordinal++;
            var task = new TaskDraft(ordinal, numeral + "是", title, line.Number);
            task.Paragraphs.Add(line with { Text = text });
            section.Tasks.Add(task);
        }

        return true;
    }

    private static int CountInline(string text) =>
        text.Contains("是", StringComparison.Ordinal) ? PlanPatterns.InlineItem().Count(FullWidth.ForMatching(text)) : 0;

    private SectionDraft NewSection(int number, string label, string title, string? part, int line)
    {
        return new SectionDraft(number, label, title, part, line)
        {
            IsFraming = IsFraming(title),
            IsPast = IsPast(title),
            IsGoalBearing = ContainsAny(title, GoalWords) && !IsPast(title),
        };
    }

    private string SectionTitle(Heading heading, SourceLine line)
    {
        var title = SourceLines.Trim(heading.Text);
        if (StoredText.IsEmpty(title))
        {
            throw Refuse(line, new Message("Parse_SectionTitleEmpty", heading.Label));
        }

        StoredText.RequireWithin(title, PlanTextLimits.Title, new Message("Parse_What_SectionTitle"), _sourceName, line.Number);
        return title;
    }

    private TaskDraft NewTask(int number, Heading heading, SourceLine line)
    {
        var text = SourceLines.Trim(heading.Text);
        if (text.Length == 0)
        {
            throw Refuse(line, new Message("Parse_TaskEmpty", heading.Label));
        }

        var title = StoredText.FirstSentence(text);
        if (StoredText.IsEmpty(title))
        {
            throw Refuse(line, new Message("Parse_TaskTitleEmpty", heading.Label));
        }

        StoredText.RequireWithin(title, PlanTextLimits.Title, new Message("Parse_What_TaskTitle"), _sourceName, line.Number);
        var task = new TaskDraft(number, heading.Label, title, line.Number);
        task.Paragraphs.Add(line with { Text = text });
        return task;
    }

    private int RequireNumber(Heading heading, SourceLine line) =>
        heading.Number ?? throw Refuse(line, new Message("Parse_NumberUnknown", heading.Label));

    /// <summary>The numbering starts again at 1 without a title: another document begins, and this plan ends.</summary>
    private void EndHere(SourceLine line, int index)
    {
        _warnings.Add(new Message("Parse_RestartEndsPlan", line.Number, Excerpt(line.Text), _plan.Title));
        _plan.Body.RemoveRange(index, _plan.Body.Count - index);
        _body.RemoveRange(index, _body.Count - index);
    }

    private static bool IsFraming(string title) =>
        IsPast(title) || (ContainsAny(title, GuidanceWords) && !ContainsAny(title, ActionWords));

    /// <summary>“十三五”回顾, “十三五”时期教育发展成就: a title about a plan period that has ended.</summary>
    private static bool IsReview(string title) =>
        PlanPatterns.FiveYearPlan().IsMatch(title) && (title.Contains("回顾", StringComparison.Ordinal) || title.Contains("成就", StringComparison.Ordinal));

    private static bool ContainsAny(string text, string[] words)
    {
        foreach (var word in words)
        {
            if (text.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly Message PartName = new("Parse_Level_Part");
    private static readonly Message SectionName = new("Parse_Level_Section");
    private static readonly Message TaskName = new("Parse_Level_Task");

    private PlanFormatException Refuse(SourceLine line, Message reason) => Refuse(line.Number, reason);

    private PlanFormatException Refuse(int line, Message reason) => new(_sourceName, line, reason);

    private static string Excerpt(string text) => text.Length > 30 ? text[..30] + "…" : text;

    /// <summary>
    /// Checks that numbers run on: 1 first; then the previous number plus one; and at the first item under a new parent
    /// (a new section for tasks, a new part for sections) either 1 again (numbering restarts in each) or the next number
    /// (numbering runs through). The first such boundary decides which, for the rest of the plan.
    /// </summary>
    private sealed class NumberSequence
    {
        private int _last;
        private int _lastInParent;
        private int _parent = -1;
        private bool? _restarts;

        public bool RestartsPerParent => _restarts == true;

        /// <summary>Returns the number when it is the expected one; refuses the file otherwise.</summary>
        public int Check(int number, int parent, Heading heading, SourceLine line, PlanStructureReader reader, Message level)
        {
            int expected;
            if (_last == 0)
            {
                expected = 1;
            }
            else if (parent != _parent)
            {
                if (_restarts is null && number == 1 && _last != 0)
                {
                    _restarts = true;
                }
                else if (_restarts is null && number == _last + 1)
                {
                    _restarts = false;
                }

                expected = _restarts == true ? 1 : _last + 1;
            }
            else
            {
                expected = _lastInParent + 1;
            }

            if (number != expected)
            {
                var key = number < expected ? "Parse_NumberRepeated" : "Parse_NumberSkipped";
                throw reader.Refuse(line, new Message(key, reader._plan.Title, level,
                    Headings.Expected(heading.Kind, expected), heading.Label));
            }

            _parent = parent;
            _last = Math.Max(_last, number);
            _lastInParent = number;
            return number;
        }
    }

    internal static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
