using EduPlan.Core.Auditing;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Data.Auditing;

/// <summary>Refuses any SaveChanges that would change or delete an audit entry: the log is append-only.</summary>
public sealed class AppendOnlyAuditInterceptor : SaveChangesGuard
{
    public static readonly AppendOnlyAuditInterceptor Instance = new();

    protected override void Check(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var entry in context.ChangeTracker.Entries<AuditEntry>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("The audit log is append-only: an entry cannot be changed or deleted.");
            }
        }
    }
}
