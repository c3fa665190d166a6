using System.Globalization;
using System.Text.RegularExpressions;
using EduPlan.Application.Import;
using EduPlan.Application.Import.Preview;
using EduPlan.Core.Messages;
using EduPlan.Core.Parsing;

namespace EduPlan.Web.Features.PlanImport;

/// <summary>The upload page: the form, the administrator's open drafts, and the refusal of the last file if it was refused.</summary>
public sealed record PlanImportIndexViewModel(IReadOnlyList<(int Id, string SourceName, DateTime UpdatedAt)> Drafts, PlanRefusal? Refusal, string? Error);

/// <summary>The preview page, with what was typed into a form that was refused (so nothing typed is lost).</summary>
public sealed class PlanImportPreviewViewModel
{
    public required PlanImportPreview Preview { get; init; }

    /// <summary>Why the last change was refused, in the reader's language.</summary>
    public string? Error { get; init; }

    /// <summary>The plan (parsed title) the error is about.</summary>
    public string? ErrorPlan { get; init; }

    public PlanSettingsForm? TypedSettings { get; init; }

    public CorrectionForm? TypedCorrection { get; init; }
}

/// <summary>A plan's own fields in the preview: title, code, parent, years. Bound by allow-list.</summary>
public sealed class PlanSettingsForm
{
    public int Version { get; set; }

    /// <summary>The plan as the parser read its title (which plan of the file this is).</summary>
    public string PlanTitle { get; set; } = "";

    public string? Title { get; set; }

    public string? Code { get; set; }

    /// <summary>A stored plan's code, or "" for none.</summary>
    public string? ParentCode { get; set; }

    public string? StartYear { get; set; }

    public string? EndYear { get; set; }

    public static readonly string[] Fields = [nameof(Version), nameof(PlanTitle), nameof(Title), nameof(Code), nameof(ParentCode), nameof(StartYear), nameof(EndYear)];
}

/// <summary>One correction posted from the preview: which kind, and the fields that kind needs. Bound by allow-list.</summary>
public sealed class CorrectionForm
{
    public int Version { get; set; }

    public string PlanTitle { get; set; } = "";

    /// <summary>renameSection, renameTask, mergeTasks, splitTask, dropIndicator, editIndicator, addIndicator.</summary>
    public string Kind { get; set; } = "";

    public int Number { get; set; }

    public string? Was { get; set; }

    public string? NextWas { get; set; }

    public string? At { get; set; }

    public string? Title { get; set; }

    public string? Key { get; set; }

    public string? Source { get; set; }

    public string? Name { get; set; }

    public string? Comparator { get; set; }

    /// <summary>As typed, so a wrong value comes back as it was.</summary>
    public string? Target { get; set; }

    public string? Unit { get; set; }

    public string? Year { get; set; }

    public int? TaskNumber { get; set; }

    public int? MilestoneYear { get; set; }

    public string? Sentence { get; set; }

    public static readonly string[] Fields =
    [
        nameof(Version), nameof(PlanTitle), nameof(Kind), nameof(Number), nameof(Was), nameof(NextWas), nameof(At), nameof(Title), nameof(Key),
        nameof(Source), nameof(Name), nameof(Comparator), nameof(Target), nameof(Unit), nameof(Year), nameof(TaskNumber), nameof(MilestoneYear), nameof(Sentence),
    ];
}

/// <summary>The add-indicator page: the sentence chosen, and a first guess at the target in it.</summary>
public sealed record NewIndicatorViewModel(PlanImportPreview Preview, string PlanTitle, CorrectionForm Form, string? Error);

/// <summary>What the import pages show beside the plan: sentences to choose from, a first guess at a target, numbers, anchors.</summary>
public static partial class PlanImportDisplay
{
    /// <summary>A text cut into sentences (ending in 。；！？), each kept with its mark: what an indicator is added from.</summary>
    public static IEnumerable<string> Sentences(string text) =>
        SentenceEnd().Split(text).Select(s => s.Trim()).Where(s => s.Length > 1);

    /// <summary>A first guess at the target a sentence states: its first number, the unit after it, the words before it.</summary>
    public static (string Name, string Target, string Unit) Guess(string sentence)
    {
        var match = FirstQuantity().Match(sentence);
        if (!match.Success)
        {
            return ("", "", "");
        }

        var before = sentence[..match.Index];
        var clause = before[(before.LastIndexOfAny(['，', '；', '：', '、']) + 1)..];
        foreach (var word in (string[])["不低于", "不少于", "不超过", "达到", "超过", "提高到", "控制在", "至少", "≥", "≤", "达"])
        {
            if (clause.EndsWith(word, StringComparison.Ordinal))
            {
                clause = clause[..^word.Length];
                break;
            }
        }

        var unit = match.Groups["unit"].Value is "％" ? "%" : match.Groups["unit"].Value;
        return (clause.Trim(), match.Groups["num"].Value, unit);
    }

    public static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;

    /// <summary>An anchor id for an item of the n-th plan of the preview (a file can hold several).</summary>
    public static string Anchor(int plan, string item) => $"plan{plan.ToString(CultureInfo.InvariantCulture)}-{item}";

    [GeneratedRegex("(?<=[。；！？])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"(?<num>[0-9０-９]+(?:[.．][0-9０-９]+)?)\s*(?<unit>个百分点|%|％|小时|万人|万元|亿元|所|个|家|项|门|座|名|人|倍|年)?")]
    private static partial Regex FirstQuantity();
}

/// <summary>One indicator row of the preview, with the forms that edit or drop it.</summary>
public sealed record IndicatorRowModel(int DraftId, int Version, string PlanTitle, ParsedIndicator Indicator);

/// <summary>The sentences of a piece of the plan offered for adding a missed indicator.</summary>
public sealed record AddFromSentencesModel(int DraftId, string PlanTitle, string Text, int? TaskNumber, int? MilestoneYear);
