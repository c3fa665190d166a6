using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EduPlan.Core.Parsing;

/// <summary>
/// SHA-256 over a canonical serialisation of a parsed plan, so an unchanged re-import can be skipped.
/// Line numbers are left out on purpose: editing the speeches in front of a plan moves it but does not change it.
/// </summary>
public static class PlanContentHash
{
    public static string Compute(ParsedPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var writer = new Writer();
        writer.Text("format", "eduplan-plan/2");
        writer.Text("code", plan.Code);
        writer.Text("title", plan.Title);
        writer.Text("issuer", plan.Issuer);
        writer.Text("issuedOn", plan.IssuedOn);
        writer.Text("parentTitle", plan.ParentTitle);
        writer.Text("parentCode", plan.ParentCode);
        writer.Number("startYear", plan.StartYear);
        writer.Number("endYear", plan.EndYear);
        writer.Text("preamble", plan.Preamble);
        writer.Text("draft", plan.IsDraft ? "yes" : "no");

        writer.Number("sections", plan.Sections.Count);
        foreach (var section in plan.Sections)
        {
            writer.Number("section", section.Number);
            writer.Text("label", section.Label);
            writer.Text("part", section.Part);
            writer.Text("title", section.Title);
            writer.Text("text", section.Text);
            writer.Number("tasks", section.Tasks.Count);
            foreach (var task in section.Tasks)
            {
                writer.Number("task", task.Number);
                writer.Text("label", task.Label);
                writer.Text("title", task.Title);
                writer.Text("text", task.Text);
            }
        }

        writer.Number("milestones", plan.Milestones.Count);
        foreach (var milestone in plan.Milestones)
        {
            writer.Number("milestone", milestone.Year);
            writer.Text("text", milestone.Text);
            writer.Number("goals", milestone.Goals.Count);
            foreach (var goal in milestone.Goals)
            {
                writer.Number("goal", goal.Number);
                writer.Text("title", goal.Title);
                writer.Text("text", goal.Text);
            }
        }

        writer.Number("indicators", plan.Indicators.Count);
        foreach (var indicator in plan.Indicators)
        {
            writer.Text("key", indicator.Key);
            writer.Text("name", indicator.Name);
            writer.Text("comparator", indicator.Comparator.ToString());
            writer.Text("target", indicator.Target.ToString(CultureInfo.InvariantCulture));
            writer.Text("unit", indicator.Unit);
            writer.Number("year", indicator.Year);
            writer.Text("source", indicator.SourceText);
            writer.Number("taskNumber", indicator.TaskNumber);
            writer.Number("milestoneYear", indicator.MilestoneYear);
            writer.Text("baseline", indicator.Baseline?.ToString(CultureInfo.InvariantCulture));
            writer.Number("baselineYear", indicator.BaselineYear);
        }

        return writer.Hash();
    }

    /// <summary>Length-prefixed fields, so no choice of text can make two different plans serialise alike.</summary>
    private sealed class Writer
    {
        private readonly StringBuilder _builder = new(capacity: 64 * 1024);

        public void Text(string name, string? value)
        {
            _builder.Append(name).Append('=');
            if (value is null)
            {
                _builder.Append('~');
            }
            else
            {
                _builder.Append(value.Length).Append(':').Append(value);
            }

            _builder.Append('\n');
        }

        public void Number(string name, int? value) =>
            Text(name, value?.ToString(CultureInfo.InvariantCulture));

        public string Hash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(_builder.ToString())));
    }
}
