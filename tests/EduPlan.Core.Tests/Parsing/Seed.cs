using System.Text;
using EduPlan.Core.Parsing;

namespace EduPlan.Core.Tests.Parsing;

/// <summary>The seed document copied next to the tests, and helpers to build variants of it.</summary>
internal static class Seed
{
    public const string SourceName = "education-plans-2024-2035.txt";

    public static readonly string Path = System.IO.Path.Combine(AppContext.BaseDirectory, "seeds", "education-plans-2024-2035.txt");

    private static readonly Lazy<string> LazyText = new(() => File.ReadAllText(Path, Encoding.UTF8));

    public static string Text => LazyText.Value;

    /// <summary>The seed's lines; <c>Lines[n - 1]</c> is line n.</summary>
    public static string[] Lines => Text.Split('\n');

    public static string Line(int number) => Lines[number - 1];

    /// <summary>The seed with line <paramref name="number"/> replaced (or removed when <paramref name="replacement"/> is null).</summary>
    public static string WithLine(int number, string? replacement)
    {
        var lines = Lines.ToList();
        if (replacement is null)
        {
            lines.RemoveAt(number - 1);
        }
        else
        {
            lines[number - 1] = replacement;
        }

        return string.Join('\n', lines);
    }

    public static ParsedDocument Parse() => new PlanDocumentParser().ParseText(Text, SourceName);
}
