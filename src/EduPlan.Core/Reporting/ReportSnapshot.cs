using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace EduPlan.Core.Reporting;

/// <summary>
/// A report as it stood after one step of its history (stored as JSON in <see cref="ReportRevision.Snapshot"/>).
/// Indicator values and evidence are listed by name, so a snapshot stays readable after a re-import.
/// </summary>
public sealed record ReportSnapshot(
    ReportState State,
    ReportStatus Status,
    int Percent,
    string Progress,
    string? Problems,
    string? NextSteps,
    string? PercentDropExplanation,
    IReadOnlyList<SnapshotIndicatorValue> IndicatorValues,
    IReadOnlyList<SnapshotEvidence> Evidence)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>The snapshot of a report as it is now (its IndicatorValues need Indicator loaded, for names and units).</summary>
    public static ReportSnapshot Of(ProgressReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(
            report.State,
            report.Status,
            report.Percent,
            report.Progress,
            report.Problems,
            report.NextSteps,
            report.PercentDropExplanation,
            report.IndicatorValues
                .OrderBy(v => v.IndicatorId)
                .Select(v => new SnapshotIndicatorValue(v.IndicatorId, v.Indicator?.Name ?? $"#{v.IndicatorId}", v.Indicator?.Unit ?? "", v.Value, v.Note))
                .ToList(),
            report.Evidence
                .OrderBy(e => e.Id)
                .Select(e => new SnapshotEvidence(e.Id, e.Kind, e.Title, e.Url, e.Length))
                .ToList());
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ReportSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<ReportSnapshot>(json, Json)
        ?? throw new JsonException("A report snapshot is empty.");
}

/// <summary>An indicator value inside a <see cref="ReportSnapshot"/>.</summary>
public sealed record SnapshotIndicatorValue(int IndicatorId, string Name, string Unit, decimal Value, string? Note);

/// <summary>A piece of evidence inside a <see cref="ReportSnapshot"/> (no bytes).</summary>
public sealed record SnapshotEvidence(int Id, EvidenceKind Kind, string Title, string? Url, long Length);
