using EduPlan.Data.Leases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlan.Data.Configurations;

/// <summary>Maps <see cref="JobLease"/> to JobLeases, keyed by the job's name.</summary>
public sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> builder)
    {
        builder.ToTable("JobLeases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(JobLease.MaxNameLength);
        builder.Property(l => l.Holder).HasMaxLength(JobLease.MaxHolderLength);
        // Read back as UTC (SQLite keeps no kind); compared with the clock's UTC time.
        builder.Property(l => l.LockedUntil).HasConversion(v => v, v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
        builder.Property(l => l.LastStartedAt).HasConversion(v => v, v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
        builder.Property(l => l.LastCompletedAt).HasConversion(v => v, v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
    }
}
