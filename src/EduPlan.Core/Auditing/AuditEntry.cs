namespace EduPlan.Core.Auditing;

/// <summary>
/// One line of the security audit log (安全审计). Rows are only ever inserted: the DbContext refuses to
/// update or delete them and database triggers refuse it too (see docs/adr/0008-audit-log.md).
/// </summary>
public class AuditEntry
{
    /// <summary>The longest <see cref="Details"/> kept; longer details are cut.</summary>
    public const int MaxDetailsLength = 16_000;

    public long Id { get; set; }

    /// <summary>UTC. A DateTime rather than DateTimeOffset because SQLite can sort and compare DateTime in SQL.</summary>
    public DateTime OccurredAt { get; set; }

    /// <summary>What happened: one of <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    public AuditOutcome Outcome { get; set; }

    /// <summary>The Identity user id of whoever acted; null for an anonymous or unknown actor.</summary>
    public string? ActorId { get; set; }

    /// <summary>The user name as typed or known at the time (kept even if the user is renamed), or "cli:&lt;os user&gt;".</summary>
    public required string ActorName { get; set; }

    /// <summary>The client's IP address, or "local" for the command line.</summary>
    public string? ClientAddress { get; set; }

    /// <summary>The kind of record acted on: User, Department, Task, Route ….</summary>
    public string? TargetType { get; set; }

    public string? TargetId { get; set; }

    /// <summary>A readable name for the target at the time (user name, department name, "chongqing#9").</summary>
    public string? TargetName { get; set; }

    /// <summary>JSON with "before" and "after" snapshots and/or a "reason"; never a password or token.</summary>
    public string? Details { get; set; }
}

/// <summary>Whether the audited attempt succeeded, failed (e.g. wrong password) or was refused by authorization.</summary>
public enum AuditOutcome
{
    Success,
    Failure,
    Denied,
}
