using System.Globalization;
using System.Text;
using EduPlan.Core.Messages;
using EduPlan.Core.Text;

namespace EduPlan.Core.Reporting;

/// <summary>The names of the report form's fields: the keys of the rules' <see cref="FieldError"/>s and of the web form's inputs.</summary>
public static class ReportFields
{
    public const string Status = nameof(Status);
    public const string Percent = nameof(Percent);
    public const string Progress = nameof(Progress);
    public const string Problems = nameof(Problems);
    public const string NextSteps = nameof(NextSteps);
    public const string PercentDropExplanation = nameof(PercentDropExplanation);

    /// <summary>The indicator values as a whole (what a coordinator's return comment may point at).</summary>
    public const string IndicatorValues = nameof(IndicatorValues);

    /// <summary>The report's evidence as a whole (e.g. 已完成 without any).</summary>
    public const string Evidence = nameof(Evidence);

    /// <summary>A new evidence file.</summary>
    public const string EvidenceFile = nameof(EvidenceFile);

    /// <summary>A new evidence link (title and address).</summary>
    public const string EvidenceLink = nameof(EvidenceLink);

    /// <summary>"Indicators[2].Value": the value of the third indicator row as the form posts it.</summary>
    public static string IndicatorValue(int index) => string.Create(CultureInfo.InvariantCulture, $"Indicators[{index}].Value");

    /// <summary>"Indicators[2].Note"</summary>
    public static string IndicatorNote(int index) => string.Create(CultureInfo.InvariantCulture, $"Indicators[{index}].Note");
}

/// <summary>
/// What a department typed into a report form, as text (numbers too), so that anything typed can be shown back
/// unchanged beside its error. <see cref="Status"/> is a <see cref="ReportStatus"/> name such as "OnTrack".
/// </summary>
public sealed record ReportInput(
    string? Status,
    string? Percent,
    string? Progress,
    string? Problems,
    string? NextSteps,
    string? PercentDropExplanation,
    IReadOnlyList<IndicatorValueInput> Indicators)
{
    public static ReportInput Empty { get; } = new(null, null, null, null, null, null, []);
}

/// <summary>One indicator row of the form: the indicator, the value as typed and a note.</summary>
public sealed record IndicatorValueInput(int IndicatorId, string? Value, string? Note);

/// <summary>An indicator a report may give a value for, with what the rules need to know about it.</summary>
public sealed record ReportIndicatorRule(int Id, string Name, string Unit)
{
    /// <summary>A percentage (unit "%") lies between 0 and 100; any other quantity is at least 0.</summary>
    public bool IsPercentage => Unit.Trim() is "%" or "％";
}

/// <summary>What the rules need besides the input.</summary>
/// <param name="Submit">True when the report is being submitted: then it must be complete, not just well-formed.</param>
/// <param name="LastApproved">This department's latest approved percent for the task in an earlier quarter, if any.</param>
/// <param name="Indicators">The indicators the task reports; values for any other indicator are ignored.</param>
/// <param name="EvidenceCount">How many pieces of evidence the report will have after this save.</param>
public sealed record ReportRuleContext(
    bool Submit,
    ApprovedPercent? LastApproved,
    IReadOnlyList<ReportIndicatorRule> Indicators,
    int EvidenceCount);

/// <summary>A percent complete approved for a quarter.</summary>
public sealed record ApprovedPercent(Quarter Quarter, int Percent);

/// <summary>An indicator value that passed the rules.</summary>
public sealed record CheckedIndicatorValue(int IndicatorId, decimal Value, string? Note);

/// <summary>
/// The outcome of <see cref="ReportRules.Check"/>: the errors, or (when there are none) the input read into
/// values: status, percent, the texts with line ends made "\n" and blanks as null, and the indicator values given.
/// </summary>
public sealed record ReportCheck(
    IReadOnlyList<FieldError> Errors,
    ReportStatus Status,
    int Percent,
    string Progress,
    string? Problems,
    string? NextSteps,
    string? PercentDropExplanation,
    IReadOnlyList<CheckedIndicatorValue> Values)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// The rules a quarterly report must meet. A draft may be partial: it needs a status and a percent, and what it
/// has must be well-formed (ranges, lengths, numbers, 已完成 = 100 %). Submitting also needs this quarter's progress,
/// evidence for 已完成, and an explanation when the percent fell below the last approved quarter's.
/// </summary>
public static class ReportRules
{
    public const int MaxTextLength = ProgressReport.MaxTextLength;
    public const int MaxNoteLength = ReportIndicatorValue.MaxNoteLength;

    /// <summary>decimal(18,4) in the database: four decimals, fourteen digits before the point.</summary>
    public const int MaxDecimals = 4;

    private const decimal MaxValue = 99_999_999_999_999m;

    public static ReportCheck Check(ReportInput input, ReportRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var errors = new List<FieldError>();

        var status = ReadStatus(input.Status, errors);
        var percent = ReadPercent(input.Percent, errors);
        var progress = Text(input.Progress);
        var problems = Text(input.Problems);
        var nextSteps = Text(input.NextSteps);
        var explanation = Text(input.PercentDropExplanation);

        if (context.Submit && progress is null)
        {
            errors.Add(FieldError.Of(ReportFields.Progress, "Report_ProgressRequired"));
        }

        CheckLength(ReportFields.Progress, new Message("ReportField_Progress"), progress, errors);
        CheckLength(ReportFields.Problems, new Message("ReportField_Problems"), problems, errors);
        CheckLength(ReportFields.NextSteps, new Message("ReportField_NextSteps"), nextSteps, errors);
        CheckLength(ReportFields.PercentDropExplanation, new Message("ReportField_PercentDropExplanation"), explanation, errors);

        if (status == ReportStatus.Completed && percent is { } p && p != 100)
        {
            errors.Add(FieldError.Of(ReportFields.Percent, "Report_CompletedNeedsFullPercent", p));
        }

        if (context.Submit && status == ReportStatus.Completed && context.EvidenceCount == 0)
        {
            errors.Add(FieldError.Of(ReportFields.Evidence, "Report_CompletedNeedsEvidence"));
        }

        if (context.Submit && explanation is null && IsDrop(percent, context.LastApproved))
        {
            var last = context.LastApproved!;
            errors.Add(FieldError.Of(ReportFields.PercentDropExplanation, "Report_PercentDropNeedsExplanation", percent, last.Quarter, last.Percent));
        }

        var values = ReadIndicatorValues(input.Indicators, context.Indicators, errors);
        return new ReportCheck(errors, status ?? default, percent ?? 0, progress ?? "", problems, nextSteps, explanation, values);
    }

    /// <summary>Whether <paramref name="percent"/> is below the last approved one (so an explanation is due on submit).</summary>
    public static bool IsDrop(int? percent, ApprovedPercent? lastApproved) =>
        percent is { } value && lastApproved is { } last && value < last.Percent;

    /// <summary>
    /// A text as stored: browsers post line ends as "\r\n" but count them as one character, so do we; invisible and
    /// direction-changing characters and NUL are dropped (<see cref="TextSanitiser.FreeText"/>; PostgreSQL cannot store
    /// NUL at all); blank is null.
    /// </summary>
    public static string? Text(string? text)
    {
        text = TextSanitiser.FreeText(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
    }

    /// <summary>Reads a <see cref="ReportStatus"/> name ("OnTrack"); numbers and unknown names are not statuses.</summary>
    public static ReportStatus? ParseStatus(string? text) =>
        !string.IsNullOrWhiteSpace(text)
        && !char.IsAsciiDigit(text.Trim()[0])
        && text.Trim()[0] != '-'
        && Enum.TryParse<ReportStatus>(text.Trim(), ignoreCase: false, out var status)
        && Enum.IsDefined(status)
            ? status
            : null;

    private static ReportStatus? ReadStatus(string? text, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(FieldError.Of(ReportFields.Status, "Report_StatusRequired"));
            return null;
        }

        var status = ParseStatus(text);
        if (status is null)
        {
            errors.Add(FieldError.Of(ReportFields.Status, "Report_StatusInvalid", MessageList.Of(Enum.GetValues<ReportStatus>())));
        }

        return status;
    }

    private static int? ReadPercent(string? text, List<FieldError> errors)
    {
        var typed = Numeral(text);
        if (typed.Length == 0)
        {
            errors.Add(FieldError.Of(ReportFields.Percent, "Report_PercentRequired"));
            return null;
        }

        if (typed.EndsWith('%'))
        {
            typed = typed[..^1].TrimEnd();
        }

        if (!int.TryParse(typed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var percent) || percent is < 0 or > 100)
        {
            errors.Add(FieldError.Of(ReportFields.Percent, "Report_PercentOutOfRange"));
            return null;
        }

        return percent;
    }

    private static void CheckLength(string field, Message label, string? text, List<FieldError> errors)
    {
        if (text is not null && text.Length > MaxTextLength)
        {
            errors.Add(FieldError.Of(field, "Report_TextTooLong", label, MaxTextLength, text.Length));
        }
    }

    private static List<CheckedIndicatorValue> ReadIndicatorValues(
        IReadOnlyList<IndicatorValueInput> rows, IReadOnlyList<ReportIndicatorRule> indicators, List<FieldError> errors)
    {
        var byId = indicators.GroupBy(i => i.Id).ToDictionary(g => g.Key, g => g.First());
        var seen = new HashSet<int>();
        var values = new List<CheckedIndicatorValue>();
        for (var index = 0; index < rows.Count; index++)
        {
            var row = rows[index];
            // A row for an indicator the task no longer reports (unlinked while the form was open) is not an error
            // the reporter can fix; it is dropped, as is a repeated row.
            if (!byId.TryGetValue(row.IndicatorId, out var indicator) || !seen.Add(row.IndicatorId))
            {
                continue;
            }

            var note = Text(row.Note);
            if (note is not null && note.Length > MaxNoteLength)
            {
                errors.Add(FieldError.Of(ReportFields.IndicatorNote(index), "Report_IndicatorNoteTooLong", indicator.Name, MaxNoteLength, note.Length));
            }

            var typed = Numeral(row.Value);
            if (typed.Length == 0)
            {
                if (note is not null)
                {
                    errors.Add(FieldError.Of(ReportFields.IndicatorValue(index), "Report_IndicatorNoteWithoutValue", indicator.Name));
                }

                continue;
            }

            if (indicator.IsPercentage && typed.EndsWith('%'))
            {
                typed = typed[..^1].TrimEnd();
            }

            if (!decimal.TryParse(typed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                errors.Add(FieldError.Of(ReportFields.IndicatorValue(index), "Report_IndicatorNotANumber", indicator.Name));
                continue;
            }

            var error = indicator.IsPercentage && value is < 0 or > 100 ? new Message("Report_IndicatorPercentOutOfRange", indicator.Name)
                : value < 0 ? new Message("Report_IndicatorNegative", indicator.Name)
                : value > MaxValue ? new Message("Report_IndicatorTooLarge", indicator.Name)
                : value.Scale > MaxDecimals && value != Math.Round(value, MaxDecimals) ? new Message("Report_IndicatorTooManyDecimals", indicator.Name, MaxDecimals)
                : null;
            if (error is not null)
            {
                errors.Add(new(ReportFields.IndicatorValue(index), error));
                continue;
            }

            values.Add(new CheckedIndicatorValue(indicator.Id, value, note));
        }

        return values;
    }

    /// <summary>
    /// A number as typed, trimmed, with full-width digits, point, minus and percent sign (a Chinese input method's
    /// defaults) made ASCII, so "８６．５％" reads as 86.5 %.
    /// </summary>
    private static string Numeral(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            builder.Append(c switch
            {
                >= '０' and <= '９' => (char)('0' + (c - '０')),
                '．' or '。' => '.',
                '－' or '−' => '-',
                '％' => '%',
                _ => c,
            });
        }

        return builder.ToString().Trim();
    }
}
