using EduPlan.Core.Reporting;

namespace EduPlan.Application.Reporting;

/// <summary>A piece of evidence as pages list it (never its bytes): on the report form and on the report's page.</summary>
public sealed record ReportEvidenceView(
    int Id,
    EvidenceKind Kind,
    string Title,
    string? Url,
    string? ContentType,
    long Length,
    DateTime AddedAt,
    string AddedByName);
