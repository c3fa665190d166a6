using EduPlan.Core.Messages;
using EduPlan.Core.Parsing.Internal;

namespace EduPlan.Core.Parsing;

/// <summary>
/// Parses plan documents (UTF-8, UTF-16 with or without BOM, GB18030) into plans, sections, key tasks, milestones and indicators.
/// Refusals are <see cref="PlanFormatException"/>s naming the file and the line, with the reason as a <see cref="Message"/>.
/// </summary>
public sealed class PlanDocumentParser : IPlanDocumentParser
{
    public ParsedDocument Parse(ReadOnlySpan<byte> content, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        return ParseText(PlanTextDecoder.Decode(content, sourceName), sourceName);
    }

    public ParsedDocument ParseText(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);

        var lines = SourceLines.Split(text, sourceName);
        var drafts = DocumentReader.Read(lines, sourceName);
        if (drafts.Count == 0)
        {
            throw new PlanFormatException(sourceName, 0, "Parse_NoPlan", PlanPatterns.AnnouncementExample, PlanPatterns.ContentsExample);
        }

        var warnings = new List<Message>();
        var codesByTitle = AssignCodes(drafts, warnings);
        var plans = drafts.ConvertAll(d => PlanAssembler.Assemble(d, codesByTitle[d.Title], codesByTitle, sourceName, warnings));
        return new ParsedDocument(sourceName, plans, warnings);
    }

    /// <summary>Reads the file's bytes; the path as given becomes the source name used in messages.</summary>
    public ParsedDocument ParseFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>
    /// The two known plans get their built-in codes, any other plan a hashed one and a warning. A title appears once
    /// per document (the reader refuses a second announcement) and the code table is exact, so no two plans share a code.
    /// </summary>
    private static Dictionary<string, string> AssignCodes(List<PlanDraft> drafts, List<Message> warnings)
    {
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var draft in drafts)
        {
            if (PlanCodes.Known(draft.Title) is { } known)
            {
                codes[draft.Title] = known;
                continue;
            }

            var code = PlanCodes.FromTitleHash(draft.Title);
            codes[draft.Title] = code;
            warnings.Add(new Message("Parse_UnknownPlanCode", draft.Title, draft.Line, code));
        }

        return codes;
    }
}
