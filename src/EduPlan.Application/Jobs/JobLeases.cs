using EduPlan.Data;
using EduPlan.Data.Leases;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Jobs;

/// <summary>
/// Leases in the database (a JobLeases row per name), so that work shared by several instances on one database — a
/// timed job, the first start's seed import — is done by one instance at a time, and a timed job once per period.
/// A lease expires by itself: an instance that dies holding one blocks the others only until its LockedUntil.
/// Every step is one conditional UPDATE, which the database applies to the row atomically on SQLite, SQL Server and
/// PostgreSQL alike (docs/adr/0017-several-instances.md).
/// </summary>
public sealed class JobLeases(EduPlanDbContext db, TimeProvider clock)
{
    /// <summary>This process, as lease holders name it: machine, process id and a random part (ids are reused).</summary>
    public static string Instance { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// Takes the lease <paramref name="name"/> for <paramref name="duration"/> when nobody holds it. With
    /// <paramref name="oncePer"/>, only when the work did not complete within that span either (a timed job's period).
    /// Returns the held lease, or null.
    /// </summary>
    public async Task<HeldLease?> TryAcquireAsync(string name, TimeSpan duration, TimeSpan? oncePer = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        await EnsureRowAsync(name, cancellationToken);

        var now = Now();
        var until = now + duration;
        var doneSince = oncePer is { } period ? now - period : (DateTime?)null;
        var token = $"{Instance}:{Guid.NewGuid().ToString("N")[..8]}";
        if (token.Length > JobLease.MaxHolderLength)
        {
            token = token[^JobLease.MaxHolderLength..];
        }

        var taken = await db.JobLeases
            .Where(l => l.Name == name && (l.LockedUntil == null || l.LockedUntil < now))
            .Where(l => doneSince == null || l.LastCompletedAt == null || l.LastCompletedAt <= doneSince)
            .ExecuteUpdateAsync(set => set
                .SetProperty(l => l.Holder, token)
                .SetProperty(l => l.LockedUntil, until)
                .SetProperty(l => l.LastStartedAt, now), cancellationToken);
        return taken == 1 ? new HeldLease(name, token) : null;
    }

    /// <summary>
    /// Waits until the lease can be taken (polling every <paramref name="poll"/>), for work every instance must see done
    /// before it goes on (the first start's seed import). Throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    public async Task<HeldLease> AcquireAsync(string name, TimeSpan duration, TimeSpan poll, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        // Real time, not the clock's: a test's fake clock must not stop the waiting.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await TryAcquireAsync(name, duration, cancellationToken: cancellationToken) is { } lease)
            {
                return lease;
            }

            if (waited.Elapsed >= timeout)
            {
                throw new TimeoutException($"The lease '{name}' was held by another instance for longer than {timeout}.");
            }

            await Task.Delay(poll, cancellationToken);
        }
    }

    /// <summary>Moves a held lease's end to now + <paramref name="duration"/>; false when it is no longer held (it expired and another took it).</summary>
    public async Task<bool> RenewAsync(HeldLease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var until = Now() + duration;
        return await db.JobLeases
            .Where(l => l.Name == lease.Name && l.Holder == lease.Token)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.LockedUntil, until), cancellationToken) == 1;
    }

    /// <summary>Frees a held lease; <paramref name="completed"/> records the work as done now (the start of the next period).</summary>
    public async Task ReleaseAsync(HeldLease lease, bool completed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var now = Now();
        var query = db.JobLeases.Where(l => l.Name == lease.Name && l.Holder == lease.Token);
        if (completed)
        {
            await query.ExecuteUpdateAsync(set => set
                .SetProperty(l => l.Holder, (string?)null)
                .SetProperty(l => l.LockedUntil, (DateTime?)null)
                .SetProperty(l => l.LastCompletedAt, now), cancellationToken);
        }
        else
        {
            await query.ExecuteUpdateAsync(set => set
                .SetProperty(l => l.Holder, (string?)null)
                .SetProperty(l => l.LockedUntil, (DateTime?)null), cancellationToken);
        }
    }

    /// <summary>The row a lease lives in, created on first use; two instances creating it at once is harmless.</summary>
    private async Task EnsureRowAsync(string name, CancellationToken cancellationToken)
    {
        if (await db.JobLeases.AsNoTracking().AnyAsync(l => l.Name == name, cancellationToken))
        {
            return;
        }

        var row = new JobLease { Name = name };
        db.JobLeases.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.Entry(row).State = EntityState.Detached;
            if (!await db.JobLeases.AsNoTracking().AnyAsync(l => l.Name == name, cancellationToken))
            {
                throw;
            }

            // Another instance inserted it first.
            return;
        }

        db.Entry(row).State = EntityState.Detached;
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;
}

/// <summary>A lease this process holds: its name and the token that proves it.</summary>
public sealed record HeldLease(string Name, string Token);
