using System.Globalization;
using EduPlan.Core.Parsing;

namespace EduPlan.Application.Import.Preview;

/// <summary>A correction and whether it still applied to the plan as parsed now.</summary>
public sealed record AppliedCorrection(int Index, PlanCorrection Correction, bool Applied);

/// <summary>
/// Applies preview corrections to a parsed plan, in the order they were made. Merging or splitting tasks numbers the
/// plan's tasks by position afterwards (the labels keep the document's own markers), and moves each indicator with the
/// text it was read from; the content hash is recomputed, so a corrected plan is compared with the stored one as a whole.
/// </summary>
public static class PlanCorrections
{
    public static (ParsedPlan Plan, IReadOnlyList<AppliedCorrection> Results) Apply(ParsedPlan plan, IReadOnlyList<PlanCorrection> corrections)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(corrections);
        var results = new List<AppliedCorrection>(corrections.Count);
        for (var i = 0; i < corrections.Count; i++)
        {
            var next = Apply(plan, corrections[i]);
            results.Add(new AppliedCorrection(i, corrections[i], next is not null));
            plan = next ?? plan;
        }

        return (plan with { ContentHash = PlanContentHash.Compute(plan) }, results);
    }

    /// <summary>The plan with one correction applied, or null when what it names is no longer there as it was.</summary>
    public static ParsedPlan? Apply(ParsedPlan plan, PlanCorrection correction) => correction switch
    {
        SetCode c => plan with { Code = c.Code },
        SetParent c => plan with { ParentCode = c.ParentCode, ParentTitle = c.ParentCode is null ? null : plan.ParentTitle },
        SetTitle c => plan with { Title = c.Title },
        SetYears c => plan with { StartYear = c.Start, EndYear = c.End },
        RenameSection c => RenameSection(plan, c),
        RenameTask c => RenameTask(plan, c),
        MergeTasks c => Merge(plan, c),
        SplitTask c => Split(plan, c),
        DropIndicator c => Find(plan, c.Key, c.Source) is { } dropped
            ? plan with { Indicators = plan.Indicators.Where(i => !ReferenceEquals(i, dropped)).ToList() }
            : null,
        EditIndicator c => Edit(plan, c),
        AddIndicator c => Add(plan, c),
        _ => null,
    };

    private static ParsedPlan? RenameSection(ParsedPlan plan, RenameSection c)
    {
        var section = plan.Sections.FirstOrDefault(s => s.Number == c.Number && s.Title == c.Was);
        return section is null ? null : plan with { Sections = plan.Sections.Select(s => s == section ? s with { Title = c.Title } : s).ToList() };
    }

    private static ParsedPlan? RenameTask(ParsedPlan plan, RenameTask c)
    {
        var task = plan.Tasks.FirstOrDefault(t => t.Number == c.Number && t.Title == c.Was);
        return task is null ? null : plan with
        {
            Sections = plan.Sections.Select(s => s with { Tasks = s.Tasks.Select(t => t == task ? t with { Title = c.Title } : t).ToList() }).ToList(),
        };
    }

    private static ParsedPlan? Merge(ParsedPlan plan, MergeTasks c)
    {
        var tasks = plan.Tasks.ToList();
        var index = tasks.FindIndex(t => t.Number == c.Number && t.Title == c.Was);
        if (index < 0 || index + 1 >= tasks.Count || tasks[index + 1].Title != c.NextWas)
        {
            return null;
        }

        var (first, second) = (tasks[index], tasks[index + 1]);
        var merged = first with { Text = first.Text + "\n" + second.Text };
        var sections = plan.Sections
            .Select(s => s with { Tasks = s.Tasks.Where(t => t != second).Select(t => t == first ? merged : t).ToList() })
            .ToList();
        return Renumber(plan with { Sections = sections }, old => old == second.Number ? first.Number : old);
    }

    private static ParsedPlan? Split(ParsedPlan plan, SplitTask c)
    {
        var task = plan.Tasks.FirstOrDefault(t => t.Number == c.Number && t.Title == c.Was);
        var at = task is null || c.At.Length == 0 ? -1 : task.Text.IndexOf(c.At, StringComparison.Ordinal);
        if (task is null || at <= 0)
        {
            return null;
        }

        var head = task with { Text = task.Text[..at].TrimEnd('\n', ' ') };
        var tailText = task.Text[at..];
        var tail = new ParsedTask(-task.Number, FirstSentence(tailText), tailText, task.Line) { Label = "" };
        var sections = plan.Sections
            .Select(s => s with { Tasks = s.Tasks.SelectMany(t => t == task ? new[] { head, tail } : [t]).ToList() })
            .ToList();
        // Indicators read from the second part go with it (the placeholder number is negative until renumbering).
        var indicators = plan.Indicators
            .Select(i => i.TaskNumber == task.Number && tailText.Contains(i.SourceText, StringComparison.Ordinal) ? i with { TaskNumber = -task.Number } : i)
            .ToList();
        return Renumber(plan with { Sections = sections, Indicators = indicators }, old => old);
    }

    /// <summary>Numbers the tasks 1, 2, … in document order and moves indicator links along (old number → new).</summary>
    private static ParsedPlan Renumber(ParsedPlan plan, Func<int, int> merge)
    {
        var map = new Dictionary<int, int>();
        var position = 0;
        var sections = plan.Sections.Select(s => s with
        {
            Tasks = s.Tasks.Select(t =>
            {
                map[t.Number] = ++position;
                return t with { Number = position };
            }).ToList(),
        }).ToList();
        var indicators = plan.Indicators
            .Select(i => i.TaskNumber is { } n && map.TryGetValue(merge(n), out var renumbered) ? i with { TaskNumber = renumbered } : i)
            .ToList();
        return plan with { Sections = sections, Indicators = indicators };
    }

    private static ParsedPlan? Edit(ParsedPlan plan, EditIndicator c)
    {
        if (Find(plan, c.Key, c.Source) is not { } indicator)
        {
            return null;
        }

        var others = plan.Indicators.Where(i => !ReferenceEquals(i, indicator)).ToList();
        var edited = indicator with
        {
            Key = UniqueKey(c.Name, c.Year, others),
            Name = c.Name,
            Comparator = c.Comparator,
            Target = c.Target,
            Unit = c.Unit,
            Year = c.Year,
        };
        return plan with { Indicators = plan.Indicators.Select(i => ReferenceEquals(i, indicator) ? edited : i).ToList() };
    }

    private static ParsedPlan? Add(ParsedPlan plan, AddIndicator c)
    {
        // The sentence must still be in the plan, where it was: in the task, or in the milestone and its goals.
        int? line = null;
        if (c.TaskNumber is { } number)
        {
            line = plan.Tasks.FirstOrDefault(t => t.Number == number && t.Text.Contains(c.Sentence, StringComparison.Ordinal))?.Line;
        }
        else if (c.MilestoneYear is { } year)
        {
            line = plan.Milestones.FirstOrDefault(m => m.Year == year && (m.Text.Contains(c.Sentence, StringComparison.Ordinal)
                || m.Goals.Any(g => g.Text.Contains(c.Sentence, StringComparison.Ordinal))))?.Line;
        }
        else
        {
            line = plan.Sections.FirstOrDefault(s => s.Text.Contains(c.Sentence, StringComparison.Ordinal))?.Line
                ?? (plan.Preamble.Contains(c.Sentence, StringComparison.Ordinal) ? plan.Line : null);
        }

        if (line is null)
        {
            return null;
        }

        var indicator = new ParsedIndicator(UniqueKey(c.Name, c.Year, plan.Indicators), c.Name, c.Comparator, c.Target, c.Unit, c.Year,
            c.Sentence, c.TaskNumber, c.MilestoneYear, line.Value);
        return plan with { Indicators = [.. plan.Indicators, indicator] };
    }

    private static ParsedIndicator? Find(ParsedPlan plan, string key, string source) =>
        plan.Indicators.FirstOrDefault(i => i.Key == key && i.SourceText == source);

    /// <summary>name@year (or @standing), with #2, #3 … when the plan has it already.</summary>
    public static string UniqueKey(string name, int? year, IEnumerable<ParsedIndicator> others)
    {
        var key = $"{name}@{year?.ToString(CultureInfo.InvariantCulture) ?? "standing"}";
        var taken = others.Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
        if (!taken.Contains(key))
        {
            return key;
        }

        for (var n = 2; ; n++)
        {
            var candidate = $"{key}#{n.ToString(CultureInfo.InvariantCulture)}";
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>The text up to the first 。 (the parser's rule for a task's title).</summary>
    public static string FirstSentence(string text)
    {
        var end = text.IndexOfAny(['。', '．', '\n']);
        var sentence = (end < 0 ? text : text[..end]).Trim();
        return sentence.Length > Core.Plans.PlanTextLimits.Title ? sentence[..Core.Plans.PlanTextLimits.Title] : sentence;
    }
}
