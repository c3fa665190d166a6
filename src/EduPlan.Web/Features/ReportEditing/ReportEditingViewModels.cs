using EduPlan.Application.Reporting;
using EduPlan.Application.Reporting.Editing;
using EduPlan.Core.Messages;
using EduPlan.Core.Reporting;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace EduPlan.Web.Features.ReportEditing;

/// <summary>
/// What the report form posts (field names without a prefix: "Status", "Indicators[0].Value", as the rules key their
/// errors). Numbers are text so that anything typed can be shown back beside its error.
/// </summary>
public sealed class ReportFormInput
{
    public string? Status { get; set; }

    public string? Percent { get; set; }

    public string? Progress { get; set; }

    public string? Problems { get; set; }

    public string? NextSteps { get; set; }

    public string? PercentDropExplanation { get; set; }

    public List<IndicatorRowInput> Indicators { get; set; } = [];

    /// <summary>The report's revision when the form was made (0 for a new report): the concurrency token.</summary>
    public int Revision { get; set; }

    public string? EvidenceLinkTitle { get; set; }

    public string? EvidenceLinkUrl { get; set; }

    /// <summary>Evidence the user asked to remove in an earlier post of this form that was not saved (it is removed on the next save).</summary>
    public List<int> RemoveEvidenceIds { get; set; } = [];

    public ReportInput ToInput() => new(
        Status,
        Percent,
        Progress,
        Problems,
        NextSteps,
        PercentDropExplanation,
        Indicators.Select(r => new IndicatorValueInput(r.IndicatorId, r.Value, r.Note)).ToList());

    /// <summary>The fields as stored or typed, with the evidence inputs of <paramref name="typed"/> (if any) kept.</summary>
    public static ReportFormInput From(ReportInput values, int revision, ReportFormInput? typed = null) => new()
    {
        Status = values.Status,
        Percent = values.Percent,
        Progress = values.Progress,
        Problems = values.Problems,
        NextSteps = values.NextSteps,
        PercentDropExplanation = values.PercentDropExplanation,
        Indicators = values.Indicators.Select(r => new IndicatorRowInput { IndicatorId = r.IndicatorId, Value = r.Value, Note = r.Note }).ToList(),
        Revision = revision,
        EvidenceLinkTitle = typed?.EvidenceLinkTitle,
        EvidenceLinkUrl = typed?.EvidenceLinkUrl,
        RemoveEvidenceIds = typed?.RemoveEvidenceIds ?? [],
    };
}

/// <summary>One indicator row of the form.</summary>
public sealed class IndicatorRowInput
{
    public int IndicatorId { get; set; }

    public string? Value { get; set; }

    public string? Note { get; set; }
}

/// <summary>
/// The report form page: the report as stored (<see cref="Form"/>) and what its fields show (<see cref="Input"/>:
/// the stored or pre-filled values, or what was just typed). Read-only when <see cref="Refusal"/> is set.
/// </summary>
public sealed class ReportFormViewModel
{
    [ValidateNever]
    public required ReportForm Form { get; init; }

    [ValidateNever]
    public required ReportFormInput Input { get; init; }

    /// <summary>Why the report cannot be changed now (the exact sentence), or null when the form is editable.</summary>
    public Message? Refusal { get; init; }

    /// <summary>After a save: "已保存草稿" or "已提交审核，等待统筹协调人员审核".</summary>
    public string? Message { get; init; }

    /// <summary>A file chosen in a post that was not saved; it has to be chosen again.</summary>
    public string? FileNotSaved { get; init; }

    /// <summary>True when <see cref="Input"/> holds text typed in a post that was refused (shown so it can be copied).</summary>
    public bool ShowsUnsavedInput { get; init; }

    /// <summary>Conflict page only: the version someone else saved.</summary>
    public SavedReport? Theirs { get; init; }

    /// <summary>Conflict page only: why the save did not go through.</summary>
    public Message? ConflictReason { get; init; }

    public bool IsEditable => Refusal is null;

    public string ActionUrl => FormUrl(Form.Task.TaskId, Form.Quarter);

    public static string FormUrl(int taskId, Quarter quarter) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/my/tasks/{taskId}/{quarter}");

    /// <summary>The indicator row the form shows for an indicator, by position.</summary>
    public IndicatorRowInput RowFor(int index, int indicatorId) =>
        index < Input.Indicators.Count && Input.Indicators[index].IndicatorId == indicatorId
            ? Input.Indicators[index]
            : Input.Indicators.FirstOrDefault(r => r.IndicatorId == indicatorId) ?? new IndicatorRowInput { IndicatorId = indicatorId };

    /// <summary>Whether the drop explanation is asked for: the percent shown is below the last approved one, or an explanation is already there.</summary>
    public bool ShowsDropExplanation =>
        !string.IsNullOrWhiteSpace(Input.PercentDropExplanation)
        || (int.TryParse(Input.Percent, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var percent)
            && ReportRules.IsDrop(percent, Form.LastApproved));

    /// <summary>Conflict page: the fields in which the saved version differs from what the user typed.</summary>
    public IReadOnlySet<string> DifferingFields()
    {
        var differs = new HashSet<string>(StringComparer.Ordinal);
        if (Theirs is null)
        {
            return differs;
        }

        var theirs = Theirs.Values;
        void Compare(string field, string? a, string? b)
        {
            if (!string.Equals(ReportRules.Text(a), ReportRules.Text(b), StringComparison.Ordinal))
            {
                differs.Add(field);
            }
        }

        Compare(ReportFields.Status, theirs.Status, Input.Status);
        Compare(ReportFields.Percent, theirs.Percent, Input.Percent);
        Compare(ReportFields.Progress, theirs.Progress, Input.Progress);
        Compare(ReportFields.Problems, theirs.Problems, Input.Problems);
        Compare(ReportFields.NextSteps, theirs.NextSteps, Input.NextSteps);
        Compare(ReportFields.PercentDropExplanation, theirs.PercentDropExplanation, Input.PercentDropExplanation);
        foreach (var indicator in Form.Indicators)
        {
            var mine = Input.Indicators.FirstOrDefault(r => r.IndicatorId == indicator.Id);
            var stored = theirs.Indicators.FirstOrDefault(r => r.IndicatorId == indicator.Id);
            // Compared as numbers: "86.50" typed is the stored 86.5.
            var sameValue = decimal.TryParse(mine?.Value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var a)
                && decimal.TryParse(stored?.Value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var b)
                ? a == b
                : string.IsNullOrWhiteSpace(mine?.Value) && string.IsNullOrWhiteSpace(stored?.Value);
            if (!sameValue || ReportRules.Text(mine?.Note) != ReportRules.Text(stored?.Note))
            {
                differs.Add(ReportFields.IndicatorValues);
            }
        }

        return differs;
    }

    /// <summary>The field the coordinator's return comment points at, while the report is returned.</summary>
    public string? ReviewField => Form.State == ReportState.Returned ? Form.Report?.ReviewField : null;
}

/// <summary>A report shown read-only: a submitted or approved one, one in a closed quarter, or the other version on the conflict page.</summary>
/// <param name="Values">The fields as text.</param>
/// <param name="ReportId">For download links; null while the report is not saved.</param>
/// <param name="Differs">On the conflict page: the fields in which this version differs from the user's (marked).</param>
public sealed record ReportDisplayModel(ReportForm Form, ReportFormInput Values, IReadOnlyList<ReportEvidenceView> Evidence, int? ReportId, string? ReviewField, IReadOnlySet<string>? Differs = null);

/// <summary>How the report pages write sizes, times and targets.</summary>
public static class ReportFormat
{
    /// <summary>"850 KB", "1.2 MB".</summary>
    public static string FileSize(long bytes) => bytes switch
    {
        < 1024 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Math.Ceiling(bytes / 1024d):0} KB"),
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (1024d * 1024d):0.#} MB"),
    };

    /// <summary>"≥90%": the comparator, the target and the unit.</summary>
    public static string Target(ReportFormIndicator indicator) =>
        EduPlan.Core.Plans.ComparatorSymbols.ToDisplay(indicator.Comparator) + Shared.Display.Target(indicator.Target) + indicator.Unit;

    /// <summary>A stored or typed value with its unit ("86.5%", "12所").</summary>
    public static string Value(string? value, string unit) => string.IsNullOrWhiteSpace(value) ? "" : value + unit;

    /// <summary>The status label key for a status name, or null for text that is not one.</summary>
    public static string? StatusKey(string? status) =>
        ReportRules.ParseStatus(status) is { } parsed ? "ReportStatus" + parsed : null;

    /// <summary>The Bootstrap colour of a status: grey, green, amber, red, blue.</summary>
    public static string StatusColour(ReportStatus status) => status switch
    {
        ReportStatus.OnTrack => "success",
        ReportStatus.AtRisk => "warning",
        ReportStatus.Delayed => "danger",
        ReportStatus.Completed => "primary",
        _ => "secondary",
    };

    /// <summary>The id of the element an error summary links to for a field key ("Indicators[1].Value" → the value box of row 1).</summary>
    public static string Anchor(string field)
    {
        var match = System.Text.RegularExpressions.Regex.Match(field, @"^Indicators\[(\d+)\]\.(Value|Note)$");
        if (match.Success)
        {
            return $"indicator-{match.Groups[1].Value}-{match.Groups[2].Value.ToLowerInvariant()}";
        }

        return field switch
        {
            ReportFields.EvidenceFile => "EvidenceFile",
            ReportFields.EvidenceLink => "EvidenceLinkUrl",
            "" => "main",
            _ => "field-" + field,
        };
    }

    public static string StateKey(ReportState? state) => "ReportState" + (state?.ToString() ?? "None");

    public static string StateBadge(ReportState? state) => state switch
    {
        ReportState.Draft => "text-bg-secondary",
        ReportState.Submitted => "text-bg-info",
        ReportState.Returned => "text-bg-warning",
        ReportState.Approved => "text-bg-success",
        _ => "text-bg-light border",
    };
}
