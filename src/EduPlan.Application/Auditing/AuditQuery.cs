using EduPlan.Core.Auditing;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Auditing;

/// <summary>
/// Reads the audit log for the auditor: filtered, newest first, a page at a time or streamed for export.
/// Read-only by construction (no tracking, projected rows).
/// </summary>
public sealed class AuditQuery(EduPlanDbContext db)
{
    public const int PageSize = 50;

    /// <summary>One page (1-based; a page past the end gives the last page) of the entries matching <paramref name="search"/>.</summary>
    public async Task<AuditPage> PageAsync(AuditSearch search, int page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        var matches = Filter(search);
        var total = await matches.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var current = Math.Clamp(page, 1, pageCount);
        var rows = await Newest(matches)
            .Skip((current - 1) * PageSize)
            .Take(PageSize)
            .Select(Row)
            .ToListAsync(cancellationToken);
        return new AuditPage(rows, current, pageCount, total);
    }

    /// <summary>How many entries match <paramref name="search"/>.</summary>
    public Task<int> CountAsync(AuditSearch search, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        return Filter(search).CountAsync(cancellationToken);
    }

    /// <summary>
    /// The matching entries newest first, at most <paramref name="maxRows"/>, read one by one from the database so an
    /// export of a large log never holds it all in memory. Keep the context alive (and unused) until the enumeration ends.
    /// </summary>
    public IAsyncEnumerable<AuditRow> StreamAsync(AuditSearch search, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRows);
        return Newest(Filter(search)).Take(maxRows).Select(Row).AsAsyncEnumerable();
    }

    private IQueryable<AuditEntry> Filter(AuditSearch search)
    {
        var query = db.AuditEntries.AsNoTracking();
        var (fromUtc, toUtcExclusive) = search.UtcBounds();
        if (fromUtc is { } from)
        {
            query = query.Where(a => a.OccurredAt >= from);
        }

        if (toUtcExclusive is { } to)
        {
            query = query.Where(a => a.OccurredAt < to);
        }

        if (Clean(search.Action) is { } action)
        {
            query = query.Where(a => a.Action == action);
        }

        if (search.Outcome is { } outcome)
        {
            query = query.Where(a => a.Outcome == outcome);
        }

        // Contains is sent as a parameter (instr() in SQLite, LIKE with escaping in SQL Server): no wildcard injection.
        if (Clean(search.Actor) is { } actor)
        {
            query = query.Where(a => a.ActorName.Contains(actor));
        }

        if (Clean(search.Target) is { } target)
        {
            query = query.Where(a => (a.TargetName != null && a.TargetName.Contains(target))
                || (a.TargetId != null && a.TargetId.Contains(target)));
        }

        if (Clean(search.ClientAddress) is { } address)
        {
            query = query.Where(a => a.ClientAddress != null && a.ClientAddress.Contains(address));
        }

        return query;
    }

    // Id breaks ties between entries written in the same instant, in the order they were written.
    private static IQueryable<AuditEntry> Newest(IQueryable<AuditEntry> query) =>
        query.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id);

    private static readonly System.Linq.Expressions.Expression<Func<AuditEntry, AuditRow>> Row = a => new AuditRow(
        a.Id,
        a.OccurredAt,
        a.Action,
        a.Outcome,
        a.ActorId,
        a.ActorName,
        a.ClientAddress,
        a.TargetType,
        a.TargetId,
        a.TargetName,
        a.Details);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The auditor's filter. Every part is optional; the days are whole days in China time, both inclusive.</summary>
public sealed record AuditSearch
{
    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    /// <summary>One of <see cref="AuditActions.All"/>, matched exactly.</summary>
    public string? Action { get; init; }

    public AuditOutcome? Outcome { get; init; }

    /// <summary>Part of the actor's user name.</summary>
    public string? Actor { get; init; }

    /// <summary>Part of the target's name or id.</summary>
    public string? Target { get; init; }

    /// <summary>Part of the client address (so "10.1." finds a subnet).</summary>
    public string? ClientAddress { get; init; }

    /// <summary>
    /// The UTC half-open range [from, to) that covers the days <see cref="From"/> to <see cref="To"/> in China time;
    /// null where a bound is not given.
    /// </summary>
    public (DateTime? FromUtc, DateTime? ToUtcExclusive) UtcBounds()
    {
        // The extreme dates have no UTC instant eight hours earlier or a next day: treat them as "no bound".
        DateTime? from = From is { } f && f > DateOnly.MinValue ? ChinaCalendar.ToUtc(f, TimeOnly.MinValue) : null;
        DateTime? to = To is { } t && t < DateOnly.MaxValue ? ChinaCalendar.ToUtc(t.AddDays(1), TimeOnly.MinValue) : null;
        return (from, to);
    }
}

/// <summary>One audit entry as the auditor sees it; <see cref="OccurredAt"/> is UTC.</summary>
public sealed record AuditRow(
    long Id,
    DateTime OccurredAt,
    string Action,
    AuditOutcome Outcome,
    string? ActorId,
    string ActorName,
    string? ClientAddress,
    string? TargetType,
    string? TargetId,
    string? TargetName,
    string? Details);

/// <summary>A page of audit entries: <see cref="PageNumber"/> of <see cref="PageCount"/>, <see cref="Total"/> matches in all.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int PageNumber, int PageCount, int Total);
