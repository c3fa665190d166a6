using EduPlan.Core.Parsing;

namespace EduPlan.Application.Tests;

/// <summary>The real plan document shipped in seeds/, copied next to the tests.</summary>
public static class Seeds
{
    public const string FileName = "education-plans-2024-2035.txt";

    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "seeds", FileName);

    public static string Text => File.ReadAllText(Path);

    public static ParsedDocument Parse() => new PlanDocumentParser().ParseFile(Path);

    public static ParsedDocument ParseText(string text, string sourceName = FileName) => new PlanDocumentParser().ParseText(text, sourceName);
}
