using System.Diagnostics;
using System.Text.RegularExpressions;
using EduPlan.Core.Messages;
using EduPlan.Core.Ownership;
using EduPlan.Core.Parsing;

namespace EduPlan.Core.Tests.Fuzzing;

/// <summary>
/// What every input must get from the readers, however broken: a result or a <c>file:line: reason</c> (line 0, the
/// file as a whole, reads <c>file: reason</c>), never another exception, and never more than a second. An input that
/// breaks the contract is written to Fuzzing/Found/ in the test output, to be added to Corpus/ as a regression.
/// </summary>
public static partial class FuzzContract
{
    public const string SourceName = "fuzzed.txt";

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

    /// <summary>Parses a plan document; returns null when the contract holds, otherwise what broke it.</summary>
    public static string? CheckPlan(byte[] content, string sourceName = SourceName) => Check(content, sourceName, "txt", () =>
    {
        try
        {
            var document = new PlanDocumentParser().Parse(content, sourceName);
            return document.Plans.Count > 0 ? null : "a parsed document without a plan";
        }
        catch (PlanFormatException e)
        {
            return Names(e.Message, sourceName, e.Line) ? null : $"a refusal that does not name file and line: {e.Message}";
        }
    });

    /// <summary>Reads an ownership sheet; returns null when the contract holds, otherwise what broke it.</summary>
    public static string? CheckOwnershipSheet(byte[] content, string sourceName = "fuzzed.csv") => Check(content, sourceName, "csv", () =>
    {
        var document = OwnershipCsv.Parse(content, sourceName);
        var bad = document.Errors.FirstOrDefault(e => !Names(e.ToString(), sourceName, e.Line) || string.IsNullOrWhiteSpace(e.Reason.ToString(MessageTexts.English)));
        if (bad is not null)
        {
            return $"an error that does not name file and line: {bad}";
        }

        return document.Rows.FirstOrDefault(r => r.Line < 1 || string.IsNullOrEmpty(r.Plan)) is { } row ? $"a row without its line or plan: {row}" : null;
    });

    private static string? Check(byte[] content, string sourceName, string extension, Func<string?> read)
    {
        string? broken;
        var watch = Stopwatch.StartNew();
        try
        {
            broken = read();
        }
        catch (Exception e)
        {
            broken = $"unhandled {e.GetType().Name}: {e.Message}";
        }

        if (broken is null && watch.Elapsed > Limit)
        {
            // Once more, to tell a hang from a pause of the machine (a collection, another process).
            watch.Restart();
            read();
            broken = watch.Elapsed > Limit ? $"took {watch.Elapsed.TotalMilliseconds:F0} ms" : null;
        }

        if (broken is not null)
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "Fuzzing", "Found");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content))[..16]}.{extension}");
            File.WriteAllBytes(file, content);
            broken += $" (input saved to {file})";
        }

        return broken;
    }

    /// <summary>"name:line: reason" for line > 0, "name: reason" for line 0; the line is never negative.</summary>
    private static bool Names(string message, string sourceName, int line) =>
        line >= 0 && (line > 0 ? message.StartsWith($"{sourceName}:{line}: ", StringComparison.Ordinal) : message.StartsWith($"{sourceName}: ", StringComparison.Ordinal))
        && Reason().IsMatch(message);

    [GeneratedRegex(@": \S", RegexOptions.None)]
    private static partial Regex Reason();
}
