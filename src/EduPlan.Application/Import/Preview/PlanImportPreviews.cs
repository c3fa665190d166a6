using System.Security.Cryptography;
using EduPlan.Application.Auditing;
using EduPlan.Application.Import.Readers;
using EduPlan.Core.Auditing;
using EduPlan.Core.Messages;
using EduPlan.Core.Parsing;
using EduPlan.Core.Plans;
using EduPlan.Core.Text;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Import.Preview;

/// <summary>
/// 导入规划 with a preview: an administrator uploads a plan file, sees what the parser read, corrects it (code, parent,
/// titles, years, merged or split tasks, dropped, edited or added indicators) and confirms. Nothing is written to the
/// plans until confirmation, which imports, remembers the corrections for the next import of the same document and
/// removes the draft in one transaction. The file itself is kept in the draft and parsed again on every request.
/// </summary>
public sealed class PlanImportPreviews(
    EduPlanDbContext db, PlanFileReader reader, PlanImporter importer, PlanImportService service, AuditLog audit, TimeProvider clock)
{
    /// <summary>Drafts nobody touched for this long are removed at the next upload.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(7);

    public async Task<Result<PlanUpload>> UploadAsync(byte[] content, string sourceName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        if (audit.Actor.UserId is not { } ownerId)
        {
            return Result<PlanUpload>.Forbidden(new Message("PlanImport_SignedInOnly"));
        }

        ParsedDocument document;
        try
        {
            document = reader.Read(content, sourceName).Document;
        }
        catch (PlanFormatException refusal)
        {
            return Result<PlanUpload>.Refused(refusal.Reason, new PlanUpload(null, PlanRefusal.From(refusal)));
        }

        // Corrections made for these documents before start the preview, so a re-import keeps them.
        var titles = document.Plans.Select(p => p.Title).ToList();
        var remembered = await db.PlanImportMemories.AsNoTracking()
            .Where(m => titles.Contains(m.DocumentTitle))
            .ToListAsync(cancellationToken);
        var corrections = new PlanCorrectionSet();
        foreach (var memory in remembered)
        {
            corrections.ByTitle[memory.DocumentTitle] = PlanCorrectionSet.ListFromJson(memory.CorrectionsJson);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now - KeepFor;
        await db.PlanImportDrafts.Where(d => d.UpdatedAt < stale).ExecuteDeleteAsync(cancellationToken);

        var draft = new PlanImportDraft
        {
            OwnerId = ownerId,
            OwnerName = audit.Actor.UserName,
            CreatedAt = now,
            UpdatedAt = now,
            SourceName = sourceName,
            Content = content,
            ContentSha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            CorrectionsJson = corrections.ToJson(),
        };
        db.PlanImportDrafts.Add(draft);
        await db.SaveChangesAsync(cancellationToken);
        return Result<PlanUpload>.Saved(new PlanUpload(draft.Id, null));
    }

    /// <summary>The draft's owner, for the record-level check; null when there is no such draft.</summary>
    public Task<PlanImportDraftOwner?> OwnerAsync(int id, CancellationToken cancellationToken = default) =>
        db.PlanImportDrafts.AsNoTracking()
            .Where(d => d.Id == id)
            .Select(d => new PlanImportDraftOwner(d.Id, d.OwnerId))
            .SingleOrDefaultAsync(cancellationToken);

    public async Task<Result<PlanImportPreview>> PreviewAsync(int id, CancellationToken cancellationToken = default)
    {
        var draft = await db.PlanImportDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return draft is null ? Result<PlanImportPreview>.NotFound() : await BuildAsync(draft, cancellationToken);
    }

    /// <summary>Adds a correction to one plan of the draft; refused with the reason when it is not valid or no longer applies.</summary>
    public async Task<Result<PlanImportPreview>> CorrectAsync(
        int id, int version, string parsedTitle, PlanCorrection correction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(correction);
        correction = WithoutInvisibleCharacters(correction);
        return await ChangeAsync(id, version, parsedTitle, async (list, plan, others) =>
        {
            if (await ValidateAsync(correction, plan, others, cancellationToken) is { } problem)
            {
                return problem;
            }

            if (PlanCorrections.Apply(plan, correction) is null)
            {
                return new Message("PlanImport_CorrectionNotApplicable");
            }

            list.Add(correction);
            return null;
        }, cancellationToken);
    }

    /// <summary>The correction with the texts an administrator typed cleaned as every free text is (<see cref="TextSanitiser.FreeText"/>).</summary>
    private static PlanCorrection WithoutInvisibleCharacters(PlanCorrection correction)
    {
        static string Clean(string text) => TextSanitiser.FreeText(text)!;
        return correction switch
        {
            SetTitle title => title with { Title = Clean(title.Title) },
            RenameSection section => section with { Title = Clean(section.Title) },
            RenameTask task => task with { Title = Clean(task.Title) },
            EditIndicator edit => edit with { Name = Clean(edit.Name), Unit = Clean(edit.Unit) },
            AddIndicator add => add with { Name = Clean(add.Name), Unit = Clean(add.Unit) },
            _ => correction,
        };
    }

    /// <summary>Takes back one correction (by its position in the plan's list).</summary>
    public Task<Result<PlanImportPreview>> UndoAsync(int id, int version, string parsedTitle, int index, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, parsedTitle, (list, _, _) =>
        {
            if (index < 0 || index >= list.Count)
            {
                return Task.FromResult<Message?>(new Message("PlanImport_CorrectionNotApplicable"));
            }

            list.RemoveAt(index);
            return Task.FromResult<Message?>(null);
        }, cancellationToken);

    /// <summary>
    /// Imports the draft's plans as corrected, remembers the corrections per document, audits it and removes the draft,
    /// all in one transaction: either everything is written or nothing is.
    /// </summary>
    public async Task<Result<ImportReport>> ConfirmAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        var draft = await db.PlanImportDrafts.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (draft is null)
        {
            return Result<ImportReport>.NotFound();
        }

        if (draft.Version != version)
        {
            return Result<ImportReport>.Conflict(null, new Message("PlanImport_DraftChanged"));
        }

        var (document, _, plans) = await PrepareAsync(draft, cancellationToken);
        var corrected = document with { Plans = plans.Select(p => p.Plan).ToList() };
        if (await CodeClashAsync(corrected.Plans, cancellationToken) is { } clash)
        {
            return Result<ImportReport>.Refused(clash);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var report = await importer.ImportAsync([corrected], cancellationToken);
            await RememberAsync(plans, cancellationToken);
            audit.Add(AuditActions.PlansImported, AuditOutcome.Success, new AuditTarget("PlanImport", null, draft.SourceName), new
            {
                file = draft.SourceName,
                sha256 = draft.ContentSha256,
                plans = report.Plans.Select(p => new { p.Code, p.Title, p.Added, p.Updated, p.Removed, p.Unchanged }),
                corrections = plans.Sum(p => p.Corrections.Count(c => c.Applied)),
            });
            db.PlanImportDrafts.Remove(draft);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return Result<ImportReport>.Saved(report);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return Result<ImportReport>.Conflict(null, new Message("PlanImport_DraftChanged"));
        }
    }

    public async Task<Result<bool>> DiscardAsync(int id, CancellationToken cancellationToken = default)
    {
        var deleted = await db.PlanImportDrafts.Where(d => d.Id == id).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? Result<bool>.NotFound() : Result<bool>.Saved(true);
    }

    /// <summary>The drafts an administrator has open, newest first.</summary>
    public Task<List<(int Id, string SourceName, DateTime UpdatedAt)>> OpenDraftsAsync(string ownerId, CancellationToken cancellationToken = default) =>
        db.PlanImportDrafts.AsNoTracking()
            .Where(d => d.OwnerId == ownerId)
            .OrderByDescending(d => d.UpdatedAt)
            .Select(d => new ValueTuple<int, string, DateTime>(d.Id, d.SourceName, d.UpdatedAt))
            .ToListAsync(cancellationToken);

    private async Task<Result<PlanImportPreview>> ChangeAsync(
        int id,
        int version,
        string parsedTitle,
        Func<List<PlanCorrection>, ParsedPlan, IReadOnlyList<ParsedPlan>, Task<Message?>> change,
        CancellationToken cancellationToken)
    {
        var draft = await db.PlanImportDrafts.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (draft is null)
        {
            return Result<PlanImportPreview>.NotFound();
        }

        if (draft.Version != version)
        {
            return Result<PlanImportPreview>.Conflict(await BuildAsync(draft, cancellationToken) is { Value: { } current } ? current : null,
                new Message("PlanImport_DraftChanged"));
        }

        var (_, _, plans) = await PrepareAsync(draft, cancellationToken);
        var target = plans.FirstOrDefault(p => p.ParsedTitle == parsedTitle);
        if (target is null)
        {
            return Result<PlanImportPreview>.NotFound();
        }

        var corrections = PlanCorrectionSet.FromJson(draft.CorrectionsJson);
        var list = corrections.ByTitle.TryGetValue(parsedTitle, out var existing) ? existing : corrections.ByTitle[parsedTitle] = [];
        var others = plans.Where(p => p != target).Select(p => p.Plan).ToList();
        if (await change(list, target.Plan, others) is { } problem)
        {
            var preview = await BuildAsync(draft, cancellationToken);
            return Result<PlanImportPreview>.Refused(problem, preview.Value);
        }

        draft.CorrectionsJson = corrections.ToJson();
        draft.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        draft.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Result<PlanImportPreview>.Conflict(null, new Message("PlanImport_DraftChanged"));
        }

        return await BuildAsync(draft, cancellationToken);
    }

    private sealed record PreparedPlan(string ParsedTitle, ParsedPlan Plan, IReadOnlyList<AppliedCorrection> Corrections, string? SuggestedParent);

    /// <summary>The draft's file read again, each plan's parent found, its corrections applied.</summary>
    private async Task<(ParsedDocument Document, string Format, List<PreparedPlan> Plans)> PrepareAsync(PlanImportDraft draft, CancellationToken cancellationToken)
    {
        var content = reader.Read(draft.Content, draft.SourceName);
        var document = content.Document;
        var parents = await service.ParentCodesAsync(document.Plans, cancellationToken);
        var corrections = PlanCorrectionSet.FromJson(draft.CorrectionsJson);
        var plans = new List<PreparedPlan>(document.Plans.Count);
        foreach (var parsed in document.Plans)
        {
            var linked = PlanImportService.WithParent(parsed, parents);
            var (plan, results) = PlanCorrections.Apply(linked, corrections.For(parsed.Title));
            plans.Add(new PreparedPlan(parsed.Title, plan, results, linked.ParentCode));
        }

        return (document, content.Format, plans);
    }

    private async Task<Result<PlanImportPreview>> BuildAsync(PlanImportDraft draft, CancellationToken cancellationToken)
    {
        ParsedDocument document;
        string format;
        List<PreparedPlan> plans;
        try
        {
            (document, format, plans) = await PrepareAsync(draft, cancellationToken);
        }
        catch (PlanFormatException refusal)
        {
            // The parser changed since the upload and no longer reads the file.
            return Result<PlanImportPreview>.Refused(refusal.Reason);
        }

        var corrected = document with { Plans = plans.Select(p => p.Plan).ToList() };
        var report = await importer.ImportAsync([corrected], dryRun: true, cancellationToken);
        var stored = await db.Plans.AsNoTracking()
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Id)
            .Select(p => new StoredPlanChoice(p.Code, p.Title))
            .ToListAsync(cancellationToken);
        var previews = plans.Select(p => new PlanPreview(
            p.ParsedTitle,
            p.Plan,
            p.Corrections,
            stored.Find(s => s.Code == p.Plan.Code),
            report.Details.Where(d => d.PlanCode == p.Plan.Code).ToList(),
            report.Plans.FirstOrDefault(s => s.Code == p.Plan.Code)?.Unchanged ?? false,
            p.SuggestedParent)).ToList();
        return Result<PlanImportPreview>.Saved(new PlanImportPreview(
            draft.Id, draft.Version, draft.SourceName, format, draft.UpdatedAt, previews, document.Warnings, stored));
    }

    /// <summary>Why a correction cannot be made, or null when it can.</summary>
    private async Task<Message?> ValidateAsync(PlanCorrection correction, ParsedPlan plan, IReadOnlyList<ParsedPlan> others, CancellationToken cancellationToken)
    {
        switch (correction)
        {
            case SetCode c:
                if (!PlanCodes.IsValid(c.Code))
                {
                    return new Message("PlanImport_CodeInvalid", c.Code);
                }

                if (others.Any(o => o.Code == c.Code))
                {
                    return new Message("PlanImport_CodeInDraft", c.Code);
                }

                var owner = await db.Plans.AsNoTracking().Where(p => p.Code == c.Code).Select(p => p.Title).FirstOrDefaultAsync(cancellationToken);
                return owner is not null && owner != plan.Title ? new Message("PlanImport_CodeTaken", c.Code, owner) : null;
            case SetParent { ParentCode: { } parent }:
                if (parent == plan.Code)
                {
                    return new Message("PlanImport_ParentSelf");
                }

                return others.Any(o => o.Code == parent) || await db.Plans.AnyAsync(p => p.Code == parent, cancellationToken)
                    ? null
                    : new Message("PlanImport_ParentUnknown", parent);
            case SetTitle c:
                return Text(c.Title, PlanTextLimits.Title);
            case SetYears c:
                return c.Start is < 1949 or > 2100 || c.End < c.Start || c.End - c.Start > 50 ? new Message("PlanImport_YearsInvalid", c.Start, c.End) : null;
            case RenameSection c:
                return Text(c.Title, PlanTextLimits.Title);
            case RenameTask c:
                return Text(c.Title, PlanTextLimits.Title);
            case EditIndicator c:
                return IndicatorProblem(c.Name, c.Unit, c.Target, c.Year);
            case AddIndicator c:
                return IndicatorProblem(c.Name, c.Unit, c.Target, c.Year);
            default:
                return null;
        }
    }

    private static Message? Text(string text, int limit) =>
        string.IsNullOrWhiteSpace(text) ? new Message("PlanImport_TextEmpty")
        : text.Length > limit ? new Message("PlanImport_TextTooLong", limit)
        : null;

    private static Message? IndicatorProblem(string name, string unit, decimal target, int? year) =>
        Text(name, PlanTextLimits.IndicatorName)
        ?? (unit.Length > PlanTextLimits.Unit ? new Message("PlanImport_TextTooLong", PlanTextLimits.Unit) : null)
        ?? (target is < -99_999_999_999_999m or > 99_999_999_999_999m ? new Message("PlanImport_TargetOutOfRange") : null)
        ?? (year is < 1949 or > 2100 ? new Message("PlanImport_YearsInvalid", year, year) : null);

    /// <summary>A code given in the preview that a stored plan with another title has taken meanwhile.</summary>
    private async Task<Message?> CodeClashAsync(IReadOnlyList<ParsedPlan> plans, CancellationToken cancellationToken)
    {
        var codes = plans.Select(p => p.Code).ToList();
        var stored = await db.Plans.AsNoTracking().Where(p => codes.Contains(p.Code)).Select(p => new { p.Code, p.Title }).ToListAsync(cancellationToken);
        foreach (var plan in plans)
        {
            // A generated code (plan-xxxxxxxx, or a known code) belongs to the title it comes from; a given code must not take another plan's.
            if (stored.Find(s => s.Code == plan.Code) is { } other && other.Title != plan.Title && PlanCodes.FromTitleHash(plan.Title) != plan.Code
                && PlanCodes.Known(plan.Title) != plan.Code)
            {
                return new Message("PlanImport_CodeTaken", plan.Code, other.Title);
            }
        }

        return null;
    }

    private async Task RememberAsync(List<PreparedPlan> plans, CancellationToken cancellationToken)
    {
        var titles = plans.Select(p => p.ParsedTitle).ToList();
        var memories = await db.PlanImportMemories.Where(m => titles.Contains(m.DocumentTitle)).ToDictionaryAsync(m => m.DocumentTitle, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var plan in plans)
        {
            // Only what still applies is remembered: a correction the document outgrew would only be reported again.
            var applied = plan.Corrections.Where(c => c.Applied).Select(c => c.Correction).ToList();
            if (!memories.TryGetValue(plan.ParsedTitle, out var memory))
            {
                if (applied.Count == 0)
                {
                    continue;
                }

                memory = new PlanImportMemory { DocumentTitle = plan.ParsedTitle };
                db.PlanImportMemories.Add(memory);
            }

            memory.CorrectionsJson = PlanCorrectionSet.ListToJson(applied);
            memory.UpdatedAt = now;
            memory.UpdatedByName = audit.Actor.UserName;
        }
    }
}
