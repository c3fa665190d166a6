namespace EduPlan.Data.Leases;

/// <summary>
/// One row per named job or critical section shared by every instance on the database: who holds it and until when,
/// and when the job last finished (so a timed job runs once per period however many instances run it).
/// </summary>
public sealed class JobLease
{
    public const int MaxNameLength = 64;
    public const int MaxHolderLength = 128;

    public string Name { get; set; } = "";

    /// <summary>The token of the acquisition that holds the lease (instance and a fresh id), or null when free.</summary>
    public string? Holder { get; set; }

    /// <summary>UTC; past it the lease is free again, whether or not its holder released it (a crashed instance).</summary>
    public DateTime? LockedUntil { get; set; }

    public DateTime? LastStartedAt { get; set; }

    public DateTime? LastCompletedAt { get; set; }
}
