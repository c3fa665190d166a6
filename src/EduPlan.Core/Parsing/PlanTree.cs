using System.Globalization;
using System.Text;
using EduPlan.Core.Messages;
using EduPlan.Core.Plans;

namespace EduPlan.Core.Parsing;

/// <summary>
/// The structure the parser read, as an indented tree: plans, parts, sections, key tasks, milestones, goals and every
/// indicator under the item it was read from. <c>eduplan import --dry-run</c> prints it, and the parser's fixtures are
/// labelled with it, so what a test expects is what an administrator sees.
/// </summary>
public static class PlanTree
{
    private const int Preview = 36;

    public static string Render(ParsedDocument document, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(culture);
        var output = new StringBuilder();
        foreach (var plan in document.Plans)
        {
            RenderPlan(plan, culture, output);
        }

        if (document.Warnings.Count > 0)
        {
            Line(output, 0, new Message("PlanTree_Warnings").ToString(culture));
            foreach (var warning in document.Warnings)
            {
                Line(output, 1, warning.ToString(culture));
            }
        }

        return output.ToString();
    }

    private static void RenderPlan(ParsedPlan plan, CultureInfo culture, StringBuilder output)
    {
        Line(output, 0, Text(culture, "PlanTree_Plan", plan.Code, plan.Title, plan.StartYear, plan.EndYear, plan.Line)
            + (plan.IsDraft ? " " + Text(culture, "PlanTree_Draft") : ""));
        Line(output, 1, Text(culture, "PlanTree_Details", Or(plan.Issuer), Or(plan.IssuedOn), Or(plan.ParentCode ?? plan.ParentTitle)));
        if (plan.Preamble.Length > 0)
        {
            Line(output, 1, Text(culture, "PlanTree_Preamble", Shorten(plan.Preamble)));
        }

        var byTask = plan.Indicators.Where(i => i.TaskNumber is not null).ToLookup(i => i.TaskNumber!.Value);
        var byMilestone = plan.Indicators.Where(i => i.TaskNumber is null && i.MilestoneYear is not null).ToLookup(i => i.MilestoneYear!.Value);
        var milestoneYears = plan.Milestones.Select(m => m.Year).ToHashSet();
        string? part = null;
        foreach (var section in plan.Sections)
        {
            if (section.Part is { } sectionPart && sectionPart != part)
            {
                Line(output, 1, sectionPart);
            }

            part = section.Part;
            var depth = section.Part is null ? 1 : 2;
            Line(output, depth, Text(culture, "PlanTree_Section", section.Number, Label(section.Label), section.Title, section.Line));
            foreach (var milestone in plan.Milestones.Where(m => SectionOf(plan, m.Line) == section))
            {
                Line(output, depth + 1, Text(culture, "PlanTree_Milestone", milestone.Year, milestone.Line, Shorten(milestone.Text)));
                foreach (var goal in milestone.Goals)
                {
                    Line(output, depth + 2, Text(culture, "PlanTree_Goal", goal.Number, goal.Title, goal.Line));
                }

                foreach (var indicator in byMilestone[milestone.Year])
                {
                    Indicator(output, depth + 2, indicator, culture);
                }
            }

            foreach (var task in section.Tasks)
            {
                Line(output, depth + 1, Text(culture, "PlanTree_Task", task.Number, Label(task.Label), task.Title, task.Line));
                foreach (var indicator in byTask[task.Number])
                {
                    Indicator(output, depth + 2, indicator, culture);
                }
            }
        }

        var planLevel = plan.Indicators
            .Where(i => i.TaskNumber is null && (i.MilestoneYear is not { } year || !milestoneYears.Contains(year)))
            .ToList();
        if (planLevel.Count > 0)
        {
            Line(output, 1, Text(culture, "PlanTree_PlanIndicators"));
            foreach (var indicator in planLevel)
            {
                Indicator(output, 2, indicator, culture);
            }
        }
    }

    private static void Indicator(StringBuilder output, int depth, ParsedIndicator indicator, CultureInfo culture)
    {
        var year = indicator.Year is { } y ? Text(culture, "PlanTree_IndicatorYear", y) : Text(culture, "PlanTree_IndicatorStanding");
        var baseline = indicator.Baseline is { } b
            ? Text(culture, "PlanTree_Baseline", Number(b), indicator.BaselineYear is { } by ? $" ({by})" : "")
            : "";
        Line(output, depth, Text(culture, "PlanTree_Indicator", indicator.Name, indicator.Comparator.ToDisplay(), Number(indicator.Target) + indicator.Unit,
            year, baseline, indicator.Line, Shorten(indicator.SourceText)));
    }

    /// <summary>The section a line belongs to: the last one starting at or before it.</summary>
    private static ParsedSection? SectionOf(ParsedPlan plan, int line) => plan.Sections.LastOrDefault(s => s.Line <= line);

    private static string Text(CultureInfo culture, string key, params object?[] args) => new Message(key, args).ToString(culture);

    private static string Label(string label) => label.Length == 0 ? "" : label + " ";

    private static string Or(string? value) => string.IsNullOrEmpty(value) ? "-" : value;

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Shorten(string text)
    {
        var oneLine = text.Replace('\n', ' ');
        return oneLine.Length > Preview ? oneLine[..Preview] + "…" : oneLine;
    }

    private static void Line(StringBuilder output, int depth, string text) =>
        output.Append(' ', depth * 2).Append(text).Append('\n');
}
