using System.Runtime.CompilerServices;

namespace EduPlan.Tests.Shared;

/// <summary>
/// The project's own plan documents, one per form of the genre the parser must read (tests/Shared/PlanFixtures). Each
/// <c>NAME.txt</c> comes with <c>NAME.tree</c>, the structure it must produce as <c>eduplan import --dry-run</c> prints it
/// (in English), or <c>NAME.refusal</c>, the refusal it must get. README.md there says which form each one stands for.
/// </summary>
internal static class PlanFixtures
{
    /// <summary>Set to 1 to rewrite the .tree / .refusal files from what the parser produces (then review the diff).</summary>
    public const string UpdateVariable = "EDUPLAN_UPDATE_FIXTURES";

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "PlanFixtures");

    public static IEnumerable<string> Names =>
        Directory.GetFiles(Folder, "*.txt").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static string Text(string name) => File.ReadAllText(Path.Combine(Folder, name + ".txt"));

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Folder, name + ".txt"));

    /// <summary>The expected output with the given extension, or null when the fixture has none.</summary>
    public static string? Expected(string name, string extension)
    {
        var path = Path.Combine(Folder, name + extension);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    /// <summary>Writes an expected file back into the source tree (only when <see cref="UpdateVariable"/> is set).</summary>
    public static void Update(string name, string extension, string content, [CallerFilePath] string caller = "")
    {
        if (Environment.GetEnvironmentVariable(UpdateVariable) != "1")
        {
            return;
        }

        var source = Path.Combine(Path.GetDirectoryName(caller)!, "..", "Shared", "PlanFixtures");
        if (!Directory.Exists(source))
        {
            source = Path.Combine(Path.GetDirectoryName(caller)!, "..", "..", "Shared", "PlanFixtures");
        }

        File.WriteAllText(Path.Combine(source, name + extension), content);
    }
}
