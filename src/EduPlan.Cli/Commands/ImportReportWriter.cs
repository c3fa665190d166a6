using System.Globalization;
using EduPlan.Application.Import;
using static EduPlan.Cli.Infrastructure.DatabaseState;

namespace EduPlan.Cli.Commands;

/// <summary>Prints an <see cref="ImportReport"/>: two lines per plan, the totals, the change lines; warnings go to the error writer.</summary>
public static class ImportReportWriter
{
    public static void Write(ImportReport report, TextWriter output, TextWriter error, CultureInfo culture)
    {
        foreach (var plan in report.Plans)
        {
            output.WriteLine($"{plan.Code}  {plan.Title}");
            var outcome = plan.Unchanged
                ? "unchanged"
                : $"added {plan.Added}, updated {plan.Updated}, removed {plan.Removed}";
            output.WriteLine($"  {Counts(plan.Sections, plan.Tasks, plan.Milestones, plan.Goals, plan.Indicators)}; {outcome}");
        }

        output.WriteLine(
            $"total: {Plural(report.Plans.Count, "plan")}, " +
            Counts(
                report.Plans.Sum(p => p.Sections),
                report.Plans.Sum(p => p.Tasks),
                report.Plans.Sum(p => p.Milestones),
                report.Plans.Sum(p => p.Goals),
                report.Plans.Sum(p => p.Indicators)));

        if (report.Changes.Count == 0)
        {
            output.WriteLine("no changes");
        }
        else
        {
            output.WriteLine("changes:");
            foreach (var change in report.Changes)
            {
                output.WriteLine($"  {change}");
            }
        }

        foreach (var warning in report.Warnings)
        {
            error.WriteLine($"warning: {warning.ToString(culture)}");
        }
    }

    private static string Counts(int sections, int tasks, int milestones, int goals, int indicators) =>
        $"{Plural(sections, "section")}, {Plural(tasks, "task")}, {Plural(milestones, "milestone")}, " +
        $"{Plural(goals, "goal")}, {Plural(indicators, "indicator")}";
}
