using EduPlan.Core.Messages;
using EduPlan.Core.Parsing.Internal;

namespace EduPlan.Core.Parsing;

/// <summary>
/// Parses plan documents of the genre (规划, 纲要, 行动计划, 实施方案 — national, provincial, district and school plans)
/// into plans, sections, key tasks, milestones, goals and indicators. Text arrives as bytes (UTF-8, UTF-16 with or
/// without BOM, GB18030) or as a <see cref="PlanSource"/> from the .docx and PDF readers, and goes through the same
/// reading either way. Refusals are <see cref="PlanFormatException"/>s that name the file and the line and quote it.
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
        return Parse(PlanSource.FromText(text, sourceName));
    }

    public ParsedDocument Parse(PlanSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            return Read(source);
        }
        catch (PlanFormatException refusal) when (refusal.Line > 0 && refusal.LineText is null && source.Line(refusal.Line) is { } line)
        {
            // Every refusal that names a line quotes it, so the reader sees what was not understood without the file.
            throw refusal.WithLine(line.Text, line.Page);
        }
    }

    /// <summary>Reads the file's bytes; the path as given becomes the source name used in messages.</summary>
    public ParsedDocument ParseFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllBytes(path), path);
    }

    private static ParsedDocument Read(PlanSource source)
    {
        var sourceName = source.SourceName;
        var read = DocumentReader.Read(source.Lines, sourceName);
        var warnings = new List<Message>();
        foreach (var plan in read.Plans)
        {
            PlanStructureReader.Read(plan, sourceName, warnings);
        }

        if (read.Plans.Count == 0)
        {
            throw NoPlan(sourceName, read.Unconfirmed);
        }

        // A title announced on the page (…印发《…》) whose text is not there: said, so nobody thinks it was imported.
        var imported = read.Plans.Select(p => p.Title).ToHashSet(StringComparer.Ordinal);
        foreach (var report in read.Unconfirmed.Where(r => r.Candidate.Strong && !imported.Contains(r.Candidate.Info.Title))
                     .DistinctBy(r => r.Candidate.Info.Title))
        {
            warnings.Add(new Message("Parse_AnnouncedNotImported", report.Candidate.Info.Title, report.Line.Number, report.Missing));
        }

        var codesByTitle = AssignCodes(read.Plans, warnings);
        var plans = read.Plans.ConvertAll(d => PlanAssembler.Assemble(d, codesByTitle[d.Title], codesByTitle, sourceName, warnings));
        return new ParsedDocument(sourceName, plans, warnings);
    }

    /// <summary>
    /// No plan in the file: with one title-like line, the refusal names it and says what it lacked; with none or several,
    /// it names the file and lists them.
    /// </summary>
    private static PlanFormatException NoPlan(string sourceName, List<CandidateReport> unconfirmed)
    {
        var candidates = unconfirmed
            .DistinctBy(c => c.Candidate.Info.Title)
            .Take(10)
            .Select(c => new TitleCandidateReport(c.Line.Number, c.Line.Text, c.Missing))
            .ToList();
        if (candidates.Count == 0)
        {
            return new PlanFormatException(sourceName, 0, new Message("Parse_NoTitle", MessageList.Of(PlanPatterns.GenreWords.Select(w => $"“{w}”"))));
        }

        if (candidates.Count == 1)
        {
            var only = candidates[0];
            return new PlanFormatException(sourceName, only.Line, new Message("Parse_OneCandidate", Excerpt(only.Text), only.Missing), candidates);
        }

        var list = string.Join("；", candidates.Select(c => $"{c.Line}:“{Excerpt(c.Text)}”"));
        return new PlanFormatException(sourceName, 0, new Message("Parse_Candidates", candidates.Count, list), candidates);
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

    private static string Excerpt(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
