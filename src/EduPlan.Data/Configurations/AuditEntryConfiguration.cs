using EduPlan.Core.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlan.Data.Configurations;

/// <summary>Maps <see cref="AuditEntry"/> to AuditEntries, indexed for the auditor's filters (time, action, actor).</summary>
public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public const string TableName = "AuditEntries";
    public const string AppendOnlyTrigger = "AuditEntries_AppendOnly";

    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        // Declared so that SQL Server inserts without OUTPUT (not allowed on a table with triggers); the
        // triggers themselves are created by each provider's migration (see docs/adr/0008-audit-log.md).
        builder.ToTable(TableName, table => table.HasTrigger(AppendOnlyTrigger));
        // Read back as UTC (SQLite keeps no kind).
        builder.Property(a => a.OccurredAt).HasConversion(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        builder.Property(a => a.Action).HasMaxLength(64).IsRequired();
        builder.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(a => a.ActorId).HasMaxLength(450);
        builder.Property(a => a.ActorName).HasMaxLength(256).IsRequired();
        builder.Property(a => a.ClientAddress).HasMaxLength(64);
        builder.Property(a => a.TargetType).HasMaxLength(64);
        builder.Property(a => a.TargetId).HasMaxLength(128);
        builder.Property(a => a.TargetName).HasMaxLength(256);
        builder.Property(a => a.Details).HasMaxLength(AuditEntry.MaxDetailsLength);

        builder.HasIndex(a => a.OccurredAt);
        builder.HasIndex(a => new { a.Action, a.OccurredAt });
        builder.HasIndex(a => new { a.ActorName, a.OccurredAt });
    }
}
