using System.Globalization;
using EduPlan.Core.Messages;
using EduPlan.Core.Plans;

namespace EduPlan.Core.Parsing.Internal;

/// <summary>A plan as found in the document, before its details (issuer, milestones, indicators) are read.</summary>
internal sealed class PlanDraft(string title, int startYear, int endYear, int line)
{
    public string Title { get; } = title;
    public int StartYear { get; } = startYear;
    public int EndYear { get; } = endYear;
    public int Line { get; } = line;

    /// <summary>The lines that announce the plan (…印发《…》, 《…》主要内容如下): not part of its text.</summary>
    public List<SourceLine> Announcements { get; } = [];
    public List<SourceLine> Preamble { get; } = [];
    public List<SectionDraft> Sections { get; } = [];
    public int LastTaskNumber { get; set; }
    public TaskDraft? OpenTask { get; set; }
}

/// <summary>A 一、 section as found, with its body paragraphs and key tasks.</summary>
internal sealed class SectionDraft(int number, string title, int line)
{
    public int Number { get; } = number;
    public string Title { get; } = title;
    public int Line { get; } = line;

    /// <summary>Body paragraphs that are not key tasks (milestones and goals included).</summary>
    public List<SourceLine> Paragraphs { get; } = [];
    public List<TaskDraft> Tasks { get; } = [];
}

/// <summary>A （一） key task as found, with its title and continuation paragraphs.</summary>
internal sealed class TaskDraft(int number, string title, int line)
{
    public int Number { get; } = number;
    public string Title { get; } = title;
    public int Line { get; } = line;

    /// <summary>The text after the （一） marker, then any continuation lines.</summary>
    public List<SourceLine> Paragraphs { get; } = [];
}

/// <summary>
/// Cuts the cleaned lines into plans, sections and key tasks, and refuses what cannot be numbered reliably.
/// Everything before the first plan announcement (speeches and the like) is skipped, even where it has 一、二、 headings.
/// </summary>
internal static class DocumentReader
{
    public static List<PlanDraft> Read(List<SourceLine> lines, string sourceName)
    {
        var plans = new List<PlanDraft>();
        PlanDraft? plan = null;
        foreach (var line in lines)
        {
            var text = line.Text;
            if (text.Length == 0)
            {
                continue;
            }

            if (TryReadAnnouncement(text) is { } announced)
            {
                if (plan is null || plan.Title != announced.Title)
                {
                    if (plan is not null)
                    {
                        Finish(plan, sourceName);
                    }

                    if (plans.Find(p => p.Title == announced.Title) is { } earlier)
                    {
                        throw new PlanFormatException(sourceName, line.Number, "Parse_PlanTwice", announced.Title, earlier.Line);
                    }

                    StoredText.RequireWithin(announced.Title, PlanTextLimits.Title, new Message("Parse_What_PlanTitle"), sourceName, line.Number);
                    plan = new PlanDraft(announced.Title, announced.StartYear, announced.EndYear, line.Number);
                    plans.Add(plan);
                    plan.Announcements.Add(line);
                    continue;
                }

                if (plan.Sections.Count == 0)
                {
                    plan.Announcements.Add(line);
                    continue;
                }
            }

            if (plan is null)
            {
                continue;
            }

            if (PlanPatterns.SectionHeading().Match(text) is { Success: true } section)
            {
                AddSection(plan, section.Groups["num"].Value, section.Groups["title"].Value, line, sourceName);
            }
            else if (PlanPatterns.TaskHeading().Match(text) is { Success: true } task)
            {
                AddTask(plan, task.Groups["num"].Value, task.Groups["text"].Value, line, sourceName);
            }
            else if (plan.OpenTask is { } open)
            {
                open.Paragraphs.Add(line);
            }
            else if (plan.Sections.Count > 0)
            {
                plan.Sections[^1].Paragraphs.Add(line);
            }
            else
            {
                plan.Preamble.Add(line);
            }
        }

        if (plan is not null)
        {
            Finish(plan, sourceName);
        }

        return plans;
    }

    /// <summary>Normalises a title to ASCII digits, full-width brackets and an em dash: 教育强国建设规划纲要（2024—2035年）.</summary>
    public static string NormaliseTitle(string rawTitle)
    {
        var title = PlanPatterns.TitleYears().Replace(
            FullWidth.ForMatching(rawTitle), m => $"（{m.Groups["start"].Value}—{m.Groups["end"].Value}年）");
        return SourceLines.Trim(title.Replace('(', '（').Replace(')', '）'));
    }

    private readonly record struct Announcement(string Title, int StartYear, int EndYear);

    /// <summary>
    /// A line announces a plan when it names a 《…（YYYY—YYYY年）》 title and says it was issued (…印发《…》),
    /// introduces its content (《…》主要内容如下) or is the bare title. 根据《…》 is a reference to a parent, never an announcement.
    /// </summary>
    private static Announcement? TryReadAnnouncement(string line)
    {
        var text = FullWidth.ForMatching(line);
        if (text.Contains('《'))
        {
            foreach (System.Text.RegularExpressions.Match match in PlanPatterns.Title().Matches(text))
            {
                var before = text.AsSpan(0, match.Index);
                var after = text.AsSpan(match.Index + match.Length);
                if (before.Contains("根据", StringComparison.Ordinal))
                {
                    continue;
                }

                var isBareTitle = before.IsEmpty && (after.IsEmpty || after is "。");
                if (before.Contains("印发", StringComparison.Ordinal) || after.Contains("主要内容如下", StringComparison.Ordinal) || isBareTitle)
                {
                    return Create(match.Groups["title"].Value, match.Groups["start"].Value, match.Groups["end"].Value);
                }
            }

            return null;
        }

        return text.Contains('年') && PlanPatterns.BareTitleLine().Match(text) is { Success: true } bare
            ? Create(bare.Groups["title"].Value, bare.Groups["start"].Value, bare.Groups["end"].Value)
            : null;
    }

    private static Announcement Create(string rawTitle, string start, string end) =>
        new(NormaliseTitle(rawTitle), int.Parse(start, CultureInfo.InvariantCulture), int.Parse(end, CultureInfo.InvariantCulture));

    private static void AddSection(PlanDraft plan, string numeral, string rawTitle, SourceLine line, string sourceName)
    {
        var title = SourceLines.Trim(rawTitle);
        if (StoredText.IsEmpty(title))
        {
            throw new PlanFormatException(sourceName, line.Number, "Parse_SectionTitleEmpty", ChineseNumerals.SectionMarker(numeral));
        }

        StoredText.RequireWithin(title, PlanTextLimits.Title, new Message("Parse_What_SectionTitle"), sourceName, line.Number);

        var number = ChineseNumerals.Parse(numeral)
            ?? throw new PlanFormatException(sourceName, line.Number, "Parse_SectionNumberUnknown", ChineseNumerals.SectionMarker(numeral));
        var expected = plan.Sections.Count + 1;
        if (number != expected)
        {
            throw new PlanFormatException(sourceName, line.Number,
                number < expected ? "Parse_SectionNumberRepeated" : "Parse_SectionNumberSkipped", plan.Title, ChineseNumerals.SectionMarker(expected), ChineseNumerals.SectionMarker(numeral));
        }

        plan.OpenTask = null;
        plan.Sections.Add(new SectionDraft(number, title, line.Number));
    }

    private static void AddTask(PlanDraft plan, string numeral, string rawText, SourceLine line, string sourceName)
    {
        var text = SourceLines.Trim(rawText);
        if (text.Length == 0)
        {
            throw new PlanFormatException(sourceName, line.Number, "Parse_TaskEmpty", ChineseNumerals.TaskMarker(numeral));
        }

        var title = StoredText.FirstSentence(text);
        if (StoredText.IsEmpty(title))
        {
            throw new PlanFormatException(sourceName, line.Number, "Parse_TaskTitleEmpty", ChineseNumerals.TaskMarker(numeral));
        }

        StoredText.RequireWithin(title, PlanTextLimits.Title, new Message("Parse_What_TaskTitle"), sourceName, line.Number);

        var number = ChineseNumerals.Parse(numeral)
            ?? throw new PlanFormatException(sourceName, line.Number, "Parse_TaskNumberUnknown", ChineseNumerals.TaskMarker(numeral));
        if (plan.Sections.Count == 0)
        {
            throw new PlanFormatException(sourceName, line.Number, "Parse_TaskBeforeSection", ChineseNumerals.TaskMarker(numeral), plan.Title);
        }

        var expected = plan.LastTaskNumber + 1;
        if (number != expected)
        {
            throw new PlanFormatException(sourceName, line.Number,
                number < expected ? "Parse_TaskNumberRepeated" : "Parse_TaskNumberSkipped", plan.Title, ChineseNumerals.TaskMarker(expected), ChineseNumerals.TaskMarker(numeral));
        }

        var task = new TaskDraft(number, title, line.Number);
        task.Paragraphs.Add(line with { Text = text });
        plan.Sections[^1].Tasks.Add(task);
        plan.LastTaskNumber = number;
        plan.OpenTask = task;
    }

    private static void Finish(PlanDraft plan, string sourceName)
    {
        if (plan.Sections.Count == 0)
        {
            throw new PlanFormatException(sourceName, plan.Line, "Parse_PlanWithoutSections", plan.Title);
        }
    }
}
