namespace EduPlan.Core.Plans;

/// <summary>
/// A plan file uploaded on 导入规划 and not yet confirmed: the file as uploaded and the corrections made in its preview.
/// Only the administrator who uploaded it may see, correct, confirm or discard it; confirming imports it and deletes it.
/// </summary>
public class PlanImportDraft
{
    public int Id { get; set; }

    /// <summary>The uploading administrator's user id (the record's owner).</summary>
    public required string OwnerId { get; set; }

    public required string OwnerName { get; set; }

    /// <summary>UTC; DateTime rather than DateTimeOffset so SQLite can compare it (old drafts are cleared).</summary>
    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>The file name as uploaded (no path), used in every message about the file.</summary>
    public required string SourceName { get; set; }

    /// <summary>The file's bytes: the preview parses them again on every request, so nothing derived can go stale.</summary>
    public required byte[] Content { get; set; }

    public required string ContentSha256 { get; set; }

    /// <summary>The corrections so far, as JSON (see EduPlan.Application.Import.Preview.PlanCorrections).</summary>
    public string CorrectionsJson { get; set; } = "{}";

    /// <summary>Concurrency token: two tabs correcting the same draft never overwrite each other silently.</summary>
    public int Version { get; set; }
}

/// <summary>
/// The corrections an administrator confirmed for a plan, keyed by the plan's title as the parser reads it, so that
/// the next import of the same document (changed or not, by page or CLI) applies them again.
/// </summary>
public class PlanImportMemory
{
    public int Id { get; set; }

    /// <summary>The plan's title as the parser reads it, before any correction (the document's identity).</summary>
    public required string DocumentTitle { get; set; }

    public string CorrectionsJson { get; set; } = "[]";

    public DateTime UpdatedAt { get; set; }

    public string UpdatedByName { get; set; } = "";
}
