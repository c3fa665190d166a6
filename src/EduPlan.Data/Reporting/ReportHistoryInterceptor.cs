using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace EduPlan.Data.Reporting;

/// <summary>
/// Refuses any SaveChanges that would rewrite report history: a <see cref="ReportRevision"/> changed or deleted, an
/// approved <see cref="ProgressReport"/> deleted, or changed other than by reopening (state to Returned with its
/// content as approved; the reopening itself is a new revision). The database's triggers (migration
/// RevisionsAppendOnly) refuse the same for SQL that bypasses the context.
/// </summary>
public sealed class ReportHistoryInterceptor : SaveChangesGuard
{
    public static readonly ReportHistoryInterceptor Instance = new();

    /// <summary>What an approved report keeps when it is reopened: everything it said, who it was for, when it was sent.</summary>
    private static readonly string[] ApprovedContent =
    [
        nameof(ProgressReport.TaskId), nameof(ProgressReport.DepartmentId), nameof(ProgressReport.Year), nameof(ProgressReport.QuarterNumber),
        nameof(ProgressReport.Status), nameof(ProgressReport.Percent), nameof(ProgressReport.Progress), nameof(ProgressReport.Problems),
        nameof(ProgressReport.NextSteps), nameof(ProgressReport.PercentDropExplanation), nameof(ProgressReport.CreatedAt), nameof(ProgressReport.SubmittedAt),
    ];

    protected override void Check(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var entry in context.ChangeTracker.Entries<ReportRevision>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("Report revisions are append-only: a revision cannot be changed or deleted.");
            }
        }

        foreach (var entry in context.ChangeTracker.Entries<ProgressReport>())
        {
            if (entry.State is (EntityState.Modified or EntityState.Deleted) && WasApproved(entry) && !IsReopening(entry))
            {
                throw new InvalidOperationException("An approved report changes only by reopening: it cannot be edited or deleted.");
            }
        }
    }

    private static bool WasApproved(EntityEntry<ProgressReport> entry) =>
        entry.Property(r => r.State).OriginalValue == ReportState.Approved;

    private static bool IsReopening(EntityEntry<ProgressReport> entry) =>
        entry.State == EntityState.Modified
        && entry.Entity.State == ReportState.Returned
        && ApprovedContent.All(name => !entry.Property(name).IsModified || Equals(entry.Property(name).OriginalValue, entry.Property(name).CurrentValue));
}
