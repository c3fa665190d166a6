using System.Globalization;
using System.Text.RegularExpressions;
using EduPlan.Core.Messages;
using EduPlan.Core.Plans;

namespace EduPlan.Core.Parsing.Internal;

/// <summary>Reads the details of one plan draft (issuer, parent, years, milestones, indicators) into a <see cref="ParsedPlan"/>.</summary>
internal static class PlanAssembler
{
    public static ParsedPlan Assemble(
        PlanDraft draft, string code, IReadOnlyDictionary<string, string> codesByTitle, string sourceName, List<Message> warnings)
    {
        var (issuer, issuedOn) = ReadIssue(draft, sourceName);
        if (issuer.Length == 0)
        {
            warnings.Add(new Message("Parse_NoIssuer", draft.Title, draft.Line));
        }

        var (parentTitle, parentCode) = ReadParent(draft, codesByTitle);
        var issuedYear = issuedOn is null ? (int?)null : int.Parse(issuedOn[..4], CultureInfo.InvariantCulture);

        var contexts = new List<TextContext>();
        foreach (var paragraph in draft.Preamble)
        {
            contexts.Add(new TextContext(paragraph.Text, paragraph.Number, null, null));
        }

        // Milestones come from the sections that state aims (总体要求, 发展目标 …), or the first section that is not about the past.
        var goalSections = draft.Sections.Where(s => s.IsGoalBearing).ToList();
        if (goalSections.Count == 0 && (draft.Sections.Find(s => s.Title.Contains("总体要求", StringComparison.Ordinal))
                ?? draft.Sections.Find(s => !s.IsPast)) is { } fallback)
        {
            goalSections.Add(fallback);
        }

        var years = new YearRange(draft.StartYear, draft.EndYear, issuedYear);
        var milestones = new List<MilestoneDraft>();
        var sections = new List<ParsedSection>(draft.Sections.Count);
        foreach (var section in draft.Sections)
        {
            if (goalSections.Contains(section))
            {
                ReadMilestones(section, draft, years, milestones, contexts, sourceName);
            }
            else
            {
                foreach (var paragraph in section.Paragraphs)
                {
                    contexts.Add(new TextContext(paragraph.Text, paragraph.Number, null, null, section.IsPast));
                }
            }

            var tasks = new List<ParsedTask>(section.Tasks.Count);
            foreach (var task in section.Tasks)
            {
                tasks.Add(new ParsedTask(task.Number, task.Title, Join(task.Paragraphs), task.Line) { Label = task.Label });
                foreach (var paragraph in task.Paragraphs)
                {
                    contexts.Add(new TextContext(paragraph.Text, paragraph.Number, task.Number, null, section.IsPast));
                }
            }

            sections.Add(new ParsedSection(section.Number, section.Title, Join(section.Paragraphs), section.Line, tasks)
            {
                Label = section.Label,
                Part = section.Part,
            });
        }

        var (startYear, endYear) = ResolveYears(draft, years, milestones, issuedYear, sourceName, warnings);
        var parsedMilestones = milestones
            .Where(m => m.Year >= startYear && m.Year <= endYear)
            .Select(m => new ParsedMilestone(m.Year, m.Text, m.Line, m.Goals))
            .ToList();
        var milestoneYears = parsedMilestones.Select(m => m.Year).ToHashSet();

        var plan = new ParsedPlan(
            code, draft.Title, issuer, issuedOn, parentTitle, parentCode, startYear, endYear,
            Join(draft.Preamble), draft.Line, sections, parsedMilestones,
            ReadIndicators(draft, contexts, startYear, endYear, milestoneYears, sourceName, warnings))
        {
            IsDraft = draft.IsDraft,
        };
        if (draft.IsDraft)
        {
            warnings.Add(new Message("Parse_Draft", draft.Title, draft.Line));
        }

        return plan with { ContentHash = PlanContentHash.Compute(plan) };
    }

    /// <summary>
    /// "中共中央 国务院印发《…》" / "2024年12月，市委、市政府印发了《…》": issuer before 印发, year and month if given. A plan
    /// that has its title at the top of the file takes them from the lines under the title, or from its signature.
    /// </summary>
    private static (string Issuer, string? IssuedOn) ReadIssue(PlanDraft draft, string sourceName)
    {
        var issuer = "";
        string? issuedOn = null;
        foreach (var line in draft.Announcements)
        {
            var text = FullWidth.ForMatching(line.Text);
            var title = PlanPatterns.BookTitle().Match(text);
            var before = title.Success ? text[..title.Index] : text;
            var issued = before.LastIndexOf("印发", StringComparison.Ordinal);
            if (issued < 0)
            {
                issued = before.LastIndexOf("发布", StringComparison.Ordinal);
            }

            if (issuer.Length == 0 && issued > 0)
            {
                var phrase = line.Text[..issued];
                var clauseStart = before[..issued].LastIndexOfAny(['，', ',', '。', '；', ';', '：', ':']) + 1;
                issuer = CollapseSpaces(phrase[clauseStart..]);
                if (issuer.StartsWith("近日", StringComparison.Ordinal) || issuer.StartsWith("日前", StringComparison.Ordinal))
                {
                    issuer = SourceLines.Trim(issuer[2..]).TrimStart('，', ',');
                }

                StoredText.RequireWithin(issuer, PlanTextLimits.Issuer, new Message("Parse_What_Issuer"), sourceName, line.Number);
            }

            var outsideTitle = title.Success ? before + " " + text[(title.Index + title.Length)..] : "";
            if (issuedOn is null && YearMonth(outsideTitle) is { } date)
            {
                issuedOn = date;
            }
        }

        // 重庆市某某中学校 / 三年发展规划（2021-2023）: the school that heads its own plan's title issues it.
        if (issuer.Length == 0 && draft.Announcements.Count > 1 && Landmarks.IsOrganisation(draft.Announcements[0].Text)
            && !draft.Announcements[0].Text.Contains('《'))
        {
            issuer = CollapseSpaces(draft.Announcements[0].Text);
        }

        foreach (var line in draft.Header)
        {
            if (issuer.Length == 0 && Landmarks.IsOrganisation(line.Text))
            {
                issuer = CollapseSpaces(line.Text);
            }

            issuedOn ??= YearMonth(FullWidth.ForMatching(line.Text));
        }

        if (issuer.Length == 0 && draft.Signature is { } signature)
        {
            issuer = signature;
        }

        if (issuedOn is null && draft.ClosingDate is { } closing)
        {
            issuedOn = YearMonth(FullWidth.ForMatching(closing.Text)) ?? ChineseDate(closing.Text);
        }

        if (issuer.Length > 0)
        {
            StoredText.RequireWithin(issuer, PlanTextLimits.Issuer, new Message("Parse_What_Issuer"), sourceName, draft.Line);
        }

        return (issuer, issuedOn);
    }

    private static string? YearMonth(string text)
    {
        if (PlanPatterns.YearMonth().Match(text) is { Success: true } date)
        {
            var month = int.Parse(date.Groups["month"].ValueSpan, CultureInfo.InvariantCulture);
            if (month is >= 1 and <= 12)
            {
                return $"{date.Groups["year"].Value}-{month:D2}";
            }
        }

        return null;
    }

    /// <summary>二〇二一年十二月: the closing date of an official document written in Chinese numerals.</summary>
    private static string? ChineseDate(string text)
    {
        var match = PlanPatterns.DateLine().Match(text);
        if (!match.Groups["cyear"].Success)
        {
            return null;
        }

        var year = string.Concat(match.Groups["cyear"].Value.Select(c => c is '〇' or '零' ? '0' : (char)('0' + "一二三四五六七八九".IndexOf(c) + 1)));
        return ChineseNumerals.Parse(match.Groups["cmonth"].ValueSpan) is { } month and >= 1 and <= 12 ? $"{year}-{month:D2}" : null;
    }

    private static string CollapseSpaces(string text) =>
        string.Join(' ', SourceLines.Trim(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The first 根据《…》 (or 依据《…》) naming another plan in the plan's own text names its parent plan.</summary>
    private static (string? Title, string? Code) ReadParent(PlanDraft draft, IReadOnlyDictionary<string, string> codesByTitle)
    {
        var texts = draft.Preamble
            .Concat(draft.Sections.SelectMany(s => s.Paragraphs.Concat(s.Tasks.SelectMany(t => t.Paragraphs))));
        foreach (var line in texts)
        {
            if (!line.Text.Contains("根据", StringComparison.Ordinal) && !line.Text.Contains("依据", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match match in PlanPatterns.ParentReference().Matches(FullWidth.ForMatching(line.Text.Replace("依据", "根据", StringComparison.Ordinal))))
            {
                if (TitleText.Analyse(match.Groups["title"].Value) is { } info && info.Title != draft.Title)
                {
                    return (info.Title, codesByTitle.GetValueOrDefault(info.Title) ?? PlanCodes.Known(info.Title));
                }
            }
        }

        return (null, null);
    }

    private sealed record MilestoneDraft(int Year, string Text, int Line, List<ParsedGoal> Goals, SectionDraft Section);

    /// <summary>What the title says about the years, and what the plan's text can add when the title says nothing.</summary>
    private sealed record YearRange(int? Start, int? End, int? Issued)
    {
        public bool Contains(int year) =>
            End is { } end ? year <= end && year >= (Start ?? Math.Min(Issued ?? 1990, end)) : year >= (Issued ?? 1990) && year <= 2100;
    }

    /// <summary>
    /// Milestones are the 到YYYY年 statements (years within the plan) that open a sentence in a section stating the
    /// plan's aims; one paragraph may state several. The —— lines (or 1. lines) right under a milestone are its goals.
    /// A year stated again in the same section is refused; in a later section it is ordinary text.
    /// </summary>
    private static void ReadMilestones(
        SectionDraft section, PlanDraft draft, YearRange years, List<MilestoneDraft> milestones, List<TextContext> contexts, string sourceName)
    {
        var goalsOpen = false;
        var targetsBlock = false;
        var firstOfSection = milestones.Count;
        foreach (var paragraph in section.Paragraphs)
        {
            var text = paragraph.Text;
            var heading = DocumentReader.HeadingOf(paragraph);
            if (goalsOpen && heading is { Kind: HeadingKind.Paren } sub && sub.Text.Contains("目标", StringComparison.Ordinal) && !sub.Text.Contains('。'))
            {
                // （二）具体目标 right after a milestone: the paragraphs under it are that milestone's goals.
                targetsBlock = true;
                continue;
            }

            targetsBlock &= heading is null && !paragraph.IsTableRow;
            if (goalsOpen && (GoalText(paragraph) ?? (targetsBlock && !StartsMilestone(text) ? SourceLines.Trim(text) : null)) is { Length: > 0 } goalText)
            {
                var (year, _, _, goals, _) = milestones[^1];
                var goalTitle = StoredText.FirstSentence(goalText);
                if (StoredText.IsEmpty(goalTitle))
                {
                    throw new PlanFormatException(sourceName, paragraph.Number, new Message("Parse_GoalTitleEmpty"));
                }

                StoredText.RequireWithin(goalTitle, PlanTextLimits.Title, new Message("Parse_What_GoalTitle"), sourceName, paragraph.Number);
                goals.Add(new ParsedGoal(goals.Count + 1, goalTitle, goalText, paragraph.Number));
                contexts.Add(new TextContext(goalText, paragraph.Number, null, year));
                continue;
            }

            var starts = new List<(int Index, int Year)>();
            // Matched on the ASCII-digit copy; the milestone text is cut from the line as written at the same indices.
            foreach (Match match in PlanPatterns.Milestone().Matches(FullWidth.ForMatching(text)))
            {
                var year = match.Groups["year"].Success
                    ? int.Parse(match.Groups["year"].ValueSpan, CultureInfo.InvariantCulture)
                    : TitleText.FiveYearPlanYears(match.Groups["fyp"].Value[0]).End;
                if (years.Contains(year) && milestones.FindIndex(m => m.Year == year) is var earlier && (earlier < 0 || earlier >= firstOfSection))
                {
                    if (earlier >= 0)
                    {
                        throw new PlanFormatException(sourceName, paragraph.Number,
                            new Message("Parse_MilestoneTwice", draft.Title, year, milestones[earlier].Line));
                    }

                    if (starts.Exists(s => s.Year == year))
                    {
                        throw new PlanFormatException(sourceName, paragraph.Number,
                            new Message("Parse_MilestoneTwice", draft.Title, year, paragraph.Number));
                    }

                    starts.Add((match.Index, year));
                }
            }

            goalsOpen = starts.Count > 0;
            if (!goalsOpen)
            {
                contexts.Add(new TextContext(text, paragraph.Number, null, null));
                continue;
            }

            if (SourceLines.Trim(text[..starts[0].Index]) is { Length: > 0 } lead)
            {
                contexts.Add(new TextContext(lead, paragraph.Number, null, null));
            }

            for (var i = 0; i < starts.Count; i++)
            {
                var (index, year) = starts[i];
                var end = i + 1 < starts.Count ? starts[i + 1].Index : text.Length;
                var milestoneText = SourceLines.Trim(text[index..end]);
                milestones.Add(new MilestoneDraft(year, milestoneText, paragraph.Number, [], section));
                contexts.Add(new TextContext(milestoneText, paragraph.Number, null, year));
            }
        }
    }

    private static bool StartsMilestone(string text) => PlanPatterns.Milestone().IsMatch(FullWidth.ForMatching(text));

    /// <summary>——立德树人成效显著提升。… or 1.学前教育…: a goal line's text without its marker; null for other lines.</summary>
    private static string? GoalText(SourceLine paragraph)
    {
        if (PlanPatterns.GoalLine().Match(paragraph.Text) is { Success: true } dash)
        {
            return SourceLines.Trim(dash.Groups["text"].Value);
        }

        return DocumentReader.HeadingOf(paragraph) is { Kind: HeadingKind.Arabic or HeadingKind.ParenArabic } item
            ? SourceLines.Trim(item.Text)
            : null;
    }

    /// <summary>
    /// The years a title does not state: a plan ending in 2035 (中国教育现代化2035) starts in the year it was issued, or at
    /// its first milestone; a plan whose title states no years at all runs from its issue (or first milestone) to its
    /// last milestone. Each guess is a warning, so the preview shows it.
    /// </summary>
    private static (int Start, int End) ResolveYears(
        PlanDraft draft, YearRange years, List<MilestoneDraft> milestones, int? issuedYear, string sourceName, List<Message> warnings)
    {
        if (years.Start is { } start && years.End is { } end)
        {
            return (start, end);
        }

        var inPlan = milestones.Select(m => m.Year).Where(years.Contains).ToList();
        var guessedEnd = years.End ?? (inPlan.Count > 0 ? inPlan.Max() : null);
        if (guessedEnd is not { } finalEnd)
        {
            throw new PlanFormatException(sourceName, draft.Line, new Message("Parse_NoYears", draft.Title));
        }

        var guessedStart = issuedYear is { } issued && issued <= finalEnd
            ? issued
            : inPlan.Count > 0 && inPlan.Min() < finalEnd ? inPlan.Min() : finalEnd;
        warnings.Add(new Message("Parse_YearsGuessed", draft.Title, draft.Line, guessedStart, finalEnd));
        return (guessedStart, finalEnd);
    }

    private static List<ParsedIndicator> ReadIndicators(
        PlanDraft draft, List<TextContext> contexts, int startYear, int endYear, HashSet<int> milestoneYears, string sourceName, List<Message> warnings)
    {
        var drafts = new List<IndicatorDraft>();
        var achieved = new List<AchievedFigure>();
        foreach (var context in contexts)
        {
            IndicatorExtractor.Extract(context, startYear, drafts, achieved);
        }

        foreach (var (rows, task) in Tables(draft))
        {
            TargetTableReader.Read(rows, task, startYear, endYear, drafts, warnings, draft.Title);
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var indicators = new List<ParsedIndicator>(drafts.Count);
        foreach (var d in Distinct(drafts))
        {
            var key = $"{d.Name}@{d.Year?.ToString(CultureInfo.InvariantCulture) ?? "standing"}";
            var occurrence = seen[key] = seen.GetValueOrDefault(key) + 1;
            key = occurrence == 1 ? key : $"{key}#{occurrence}";

            // The key is the name plus "@year" (and "#n"); the name is what the author can shorten, so it carries both limits.
            var nameLimit = Math.Min(PlanTextLimits.IndicatorName, PlanTextLimits.IndicatorKey - (key.Length - d.Name.Length));
            StoredText.RequireWithin(d.Name, nameLimit, new Message("Parse_What_IndicatorName"), sourceName, d.Line);
            StoredText.RequireWithin(d.Unit, PlanTextLimits.Unit, new Message("Parse_What_IndicatorUnit"), sourceName, d.Line);

            // A table's target year is linked to the milestone of that year, when the plan states one.
            var milestoneYear = d.MilestoneYear ?? (d.FromTable && d.TaskNumber is null && d.Year is { } y && milestoneYears.Contains(y) ? y : null);
            // A count to build (新建中小学校30所) is a flow, not a level: what was built before is no baseline for it.
            var baseline = d.Baseline is not null
                ? (d.Baseline, d.BaselineYear)
                : d.Comparator != Comparator.Equal && achieved.Find(a => SameMeasure(a.Name, d.Name) && a.Unit == d.Unit) is { } figure
                    ? (figure.Value, figure.Year)
                    : (null, null);
            indicators.Add(new ParsedIndicator(
                key, d.Name, d.Comparator, d.Target, d.Unit, d.Year, d.SourceText, d.TaskNumber, milestoneYear, d.Line)
            {
                Baseline = baseline.Item1,
                BaselineYear = baseline.Item2,
            });
        }

        return indicators;
    }

    /// <summary>
    /// A target stated in the text and again in the target table (same name, comparator, value, unit and year) is one
    /// indicator: the first, with the table's baseline when it has none.
    /// </summary>
    private static List<IndicatorDraft> Distinct(List<IndicatorDraft> drafts)
    {
        var result = new List<IndicatorDraft>(drafts.Count);
        var byTarget = new Dictionary<(string, Comparator, decimal, string, int?), int>();
        foreach (var draft in drafts)
        {
            var target = (draft.Name, draft.Comparator, draft.Target, draft.Unit, draft.Year);
            if (byTarget.TryGetValue(target, out var index))
            {
                if (draft.FromTable != result[index].FromTable && result[index].Baseline is null && draft.Baseline is not null)
                {
                    result[index] = result[index] with { Baseline = draft.Baseline, BaselineYear = draft.BaselineYear };
                }

                if (draft.FromTable != result[index].FromTable)
                {
                    continue;
                }
            }
            else
            {
                byTarget[target] = result.Count;
            }

            result.Add(draft);
        }

        return result;
    }

    /// <summary>全市学前三年毛入园率 reports on 学前三年毛入园率: the same measure, with the place in front.</summary>
    private static bool SameMeasure(string achieved, string target) =>
        achieved == target
        || (achieved.EndsWith(target, StringComparison.Ordinal) && achieved.Length - target.Length <= 3)
        || (target.EndsWith(achieved, StringComparison.Ordinal) && target.Length - achieved.Length <= 3);

    /// <summary>Runs of consecutive table rows, wherever they sit in the plan, with the task they are part of.</summary>
    private static IEnumerable<(List<SourceLine> Rows, int? Task)> Tables(PlanDraft draft)
    {
        IEnumerable<(IEnumerable<SourceLine> Lines, int? Task)> blocks =
        [
            (draft.Preamble, null),
            .. draft.Sections.SelectMany(s => s.Tasks.Select(t => ((IEnumerable<SourceLine>)t.Paragraphs, (int?)t.Number)).Prepend((s.Paragraphs, null))),
        ];
        foreach (var (lines, task) in blocks)
        {
            List<SourceLine>? run = null;
            foreach (var line in lines)
            {
                if (line.IsTableRow && (run is null || line.Number == run[^1].Number + 1))
                {
                    (run ??= []).Add(line);
                    continue;
                }

                if (run is not null)
                {
                    yield return (run, task);
                }

                run = line.IsTableRow ? [line] : null;
            }

            if (run is not null)
            {
                yield return (run, task);
            }
        }
    }

    private static string Join(List<SourceLine> lines) => string.Join("\n", lines.Select(l => l.Text));
}
