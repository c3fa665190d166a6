namespace EduPlan.Web.Tests;

/// <summary>Reads expected texts straight from the seed document, so tests compare with the source and not with themselves.</summary>
public static class SeedText
{
    public const string NationalTitle = "教育强国建设规划纲要（2024—2035年）";
    public const string ChongqingTitle = "重庆加快建设教育强市推进教育现代化规划（2024—2035年）";

    public static string[] Lines { get; } =
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "seeds", "education-plans-2024-2035.txt"));

    /// <summary>The lines from the national outline's heading on (the speeches before it are no plan).</summary>
    public static IEnumerable<string> PlanLines =>
        Lines.SkipWhile(l => !l.Contains("《" + NationalTitle + "》", StringComparison.Ordinal));

    /// <summary>The text of a Chongqing key task as written in the seed, without its （九） marker.</summary>
    public static string ChongqingTask(string marker)
    {
        var start = Array.FindIndex(Lines, l => l.Contains("《" + ChongqingTitle + "》", StringComparison.Ordinal));
        start.Should().BeGreaterThan(0, "the seed holds the Chongqing plan");
        var line = Lines.Skip(start).First(l => l.StartsWith(marker, StringComparison.Ordinal));
        return line[marker.Length..].Trim();
    }
}
