using EduPlan.Core.Messages;
using EduPlan.Core.Parsing;

namespace EduPlan.Application.Import.Preview;

/// <summary>What a file upload gave: a draft to preview, or the refusal that says why the file was not understood.</summary>
public sealed record PlanUpload(int? DraftId, PlanRefusal? Refusal);

/// <summary>A refusal as a page shows it: the file, the line and its text, the reason, and the lines that looked like titles.</summary>
public sealed record PlanRefusal(string SourceName, int Line, int? Page, string? LineText, Message Reason, IReadOnlyList<TitleCandidateReport> Candidates)
{
    public static PlanRefusal From(PlanFormatException refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return new(refusal.SourceName, refusal.Line, refusal.Page, refusal.LineText,
            refusal.Reason, refusal.Candidates);
    }
}

/// <summary>Who uploaded a draft: the resource of the record-level check that only they may work on it.</summary>
public sealed record PlanImportDraftOwner(int DraftId, string OwnerId)
{
    /// <summary>Why another administrator may not open the draft (the 403 page's reason).</summary>
    public static Message NotYours { get; } = new("PlanImport_NotYourDraft");
}

/// <summary>The preview of a draft: every plan as it will be imported, with its corrections, and what the import would change.</summary>
public sealed record PlanImportPreview(
    int DraftId,
    int Version,
    string SourceName,
    string Format,
    DateTime UpdatedAt,
    IReadOnlyList<PlanPreview> Plans,
    IReadOnlyList<Message> Warnings,
    IReadOnlyList<StoredPlanChoice> StoredPlans);

/// <summary>One plan of the draft.</summary>
/// <param name="ParsedTitle">The title as the parser read it: the document's identity, under which corrections are remembered.</param>
/// <param name="Plan">The plan with every correction that applies.</param>
/// <param name="Existing">The stored plan with the same code (a re-import), or null (a new plan).</param>
/// <param name="Changes">What confirming would add, change, withdraw or remove (for a new plan: the one "added" line).</param>
/// <param name="Unchanged">A re-import whose content is what is stored already: confirming writes nothing for it.</param>
public sealed record PlanPreview(
    string ParsedTitle,
    ParsedPlan Plan,
    IReadOnlyList<AppliedCorrection> Corrections,
    StoredPlanChoice? Existing,
    IReadOnlyList<ImportChange> Changes,
    bool Unchanged,
    string? SuggestedParentCode);

/// <summary>A plan already in the portal, as a choice of parent.</summary>
public sealed record StoredPlanChoice(string Code, string Title);
