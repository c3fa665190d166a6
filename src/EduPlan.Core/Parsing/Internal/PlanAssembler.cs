using System.Globalization;
using System.Text.RegularExpressions;
using EduPlan.Core.Messages;
using EduPlan.Core.Plans;

namespace EduPlan.Core.Parsing.Internal;

/// <summary>Reads the details of one plan draft (issuer, parent, milestones, indicators) into a <see cref="ParsedPlan"/>.</summary>
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

        var contexts = new List<TextContext>();
        foreach (var paragraph in draft.Preamble)
        {
            contexts.Add(new TextContext(paragraph.Text, paragraph.Number, null, null));
        }

        var generalSection = draft.Sections.Find(s => s.Title.Contains("总体要求", StringComparison.Ordinal)) ?? draft.Sections[0];
        IReadOnlyList<ParsedMilestone> milestones = [];
        var sections = new List<ParsedSection>(draft.Sections.Count);
        foreach (var section in draft.Sections)
        {
            if (section == generalSection)
            {
                milestones = ReadMilestones(section, draft, contexts, sourceName);
            }
            else
            {
                foreach (var paragraph in section.Paragraphs)
                {
                    contexts.Add(new TextContext(paragraph.Text, paragraph.Number, null, null));
                }
            }

            var tasks = new List<ParsedTask>(section.Tasks.Count);
            foreach (var task in section.Tasks)
            {
                tasks.Add(new ParsedTask(task.Number, task.Title, Join(task.Paragraphs), task.Line));
                foreach (var paragraph in task.Paragraphs)
                {
                    contexts.Add(new TextContext(paragraph.Text, paragraph.Number, task.Number, null));
                }
            }

            sections.Add(new ParsedSection(section.Number, section.Title, Join(section.Paragraphs), section.Line, tasks));
        }

        var plan = new ParsedPlan(
            code, draft.Title, issuer, issuedOn, parentTitle, parentCode, draft.StartYear, draft.EndYear,
            Join(draft.Preamble), draft.Line, sections, milestones, ReadIndicators(contexts, sourceName));
        return plan with { ContentHash = PlanContentHash.Compute(plan) };
    }

    /// <summary>"中共中央 国务院印发《…》" / "2024年12月，市委、市政府印发了《…》": issuer before 印发, year and month if given.</summary>
    private static (string Issuer, string? IssuedOn) ReadIssue(PlanDraft draft, string sourceName)
    {
        var issuer = "";
        string? issuedOn = null;
        foreach (var line in draft.Announcements)
        {
            var text = FullWidth.ForMatching(line.Text);
            var title = PlanPatterns.Title().Match(text);
            var before = title.Success ? text[..title.Index] : text;
            var issued = before.LastIndexOf("印发", StringComparison.Ordinal);
            if (issuer.Length == 0 && issued > 0)
            {
                var phrase = line.Text[..issued];
                var clauseStart = before[..issued].LastIndexOfAny(['，', ',', '。', '；', ';', '：', ':']) + 1;
                issuer = CollapseSpaces(phrase[clauseStart..]);
                StoredText.RequireWithin(issuer, PlanTextLimits.Issuer, new Message("Parse_What_Issuer"), sourceName, line.Number);
            }

            var outsideTitle = title.Success ? before + " " + text[(title.Index + title.Length)..] : text;
            if (issuedOn is null && PlanPatterns.YearMonth().Match(outsideTitle) is { Success: true } date)
            {
                var month = int.Parse(date.Groups["month"].ValueSpan, CultureInfo.InvariantCulture);
                if (month is >= 1 and <= 12)
                {
                    issuedOn = $"{date.Groups["year"].Value}-{month:D2}";
                }
            }
        }

        return (issuer, issuedOn);
    }

    private static string CollapseSpaces(string text) =>
        string.Join(' ', SourceLines.Trim(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The first 根据《…》 in the plan's own text names its parent plan.</summary>
    private static (string? Title, string? Code) ReadParent(PlanDraft draft, IReadOnlyDictionary<string, string> codesByTitle)
    {
        var texts = draft.Preamble
            .Concat(draft.Sections.SelectMany(s => s.Paragraphs.Concat(s.Tasks.SelectMany(t => t.Paragraphs))));
        foreach (var line in texts)
        {
            if (!line.Text.Contains("根据", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match match in PlanPatterns.ParentReference().Matches(FullWidth.ForMatching(line.Text)))
            {
                var title = DocumentReader.NormaliseTitle(match.Groups["title"].Value);
                if (title != draft.Title)
                {
                    return (title, codesByTitle.GetValueOrDefault(title) ?? PlanCodes.Known(title));
                }
            }
        }

        return (null, null);
    }

    /// <summary>
    /// Milestones are the 到YYYY年 statements (years within the plan) that open a sentence in the 总体要求 section;
    /// one paragraph may state several. The —— lines right under a milestone paragraph are that milestone's goals.
    /// </summary>
    private static IReadOnlyList<ParsedMilestone> ReadMilestones(
        SectionDraft section, PlanDraft draft, List<TextContext> contexts, string sourceName)
    {
        var milestones = new List<(int Year, string Text, int Line, List<ParsedGoal> Goals)>();
        var goalsOpen = false;
        foreach (var paragraph in section.Paragraphs)
        {
            var text = paragraph.Text;
            if (goalsOpen && PlanPatterns.GoalLine().Match(text) is { Success: true } goalMatch
                && SourceLines.Trim(goalMatch.Groups["text"].Value) is { Length: > 0 } goalText)
            {
                var (year, _, _, goals) = milestones[^1];
                var goalTitle = StoredText.FirstSentence(goalText);
                if (StoredText.IsEmpty(goalTitle))
                {
                    throw new PlanFormatException(sourceName, paragraph.Number, "Parse_GoalTitleEmpty");
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
                var year = int.Parse(match.Groups["year"].ValueSpan, CultureInfo.InvariantCulture);
                if (year >= draft.StartYear && year <= draft.EndYear)
                {
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
                if (milestones.FindIndex(m => m.Year == year) is var existing and >= 0)
                {
                    throw new PlanFormatException(sourceName, paragraph.Number, "Parse_MilestoneTwice", draft.Title, year, milestones[existing].Line);
                }

                var milestoneText = SourceLines.Trim(text[index..end]);
                milestones.Add((year, milestoneText, paragraph.Number, []));
                contexts.Add(new TextContext(milestoneText, paragraph.Number, null, year));
            }
        }

        return milestones.ConvertAll(m => new ParsedMilestone(m.Year, m.Text, m.Line, m.Goals));
    }

    private static List<ParsedIndicator> ReadIndicators(List<TextContext> contexts, string sourceName)
    {
        var drafts = new List<IndicatorDraft>();
        foreach (var context in contexts)
        {
            IndicatorExtractor.Extract(context, drafts);
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var indicators = new List<ParsedIndicator>(drafts.Count);
        foreach (var d in drafts)
        {
            var key = $"{d.Name}@{d.Year?.ToString(CultureInfo.InvariantCulture) ?? "standing"}";
            var occurrence = seen[key] = seen.GetValueOrDefault(key) + 1;
            key = occurrence == 1 ? key : $"{key}#{occurrence}";

            // The key is the name plus "@year" (and "#n"); the name is what the author can shorten, so it carries both limits.
            var nameLimit = Math.Min(PlanTextLimits.IndicatorName, PlanTextLimits.IndicatorKey - (key.Length - d.Name.Length));
            StoredText.RequireWithin(d.Name, nameLimit, new Message("Parse_What_IndicatorName"), sourceName, d.Line);
            StoredText.RequireWithin(d.Unit, PlanTextLimits.Unit, new Message("Parse_What_IndicatorUnit"), sourceName, d.Line);
            indicators.Add(new ParsedIndicator(
                key,
                d.Name, d.Comparator, d.Target, d.Unit, d.Year, d.SourceText, d.TaskNumber, d.MilestoneYear, d.Line));
        }

        return indicators;
    }

    private static string Join(List<SourceLine> lines) => string.Join("\n", lines.Select(l => l.Text));
}
