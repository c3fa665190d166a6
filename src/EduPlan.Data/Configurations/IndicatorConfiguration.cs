using EduPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlan.Data.Configurations;

/// <summary>Maps <see cref="Indicator"/> to the Indicators table, unique by plan and key.</summary>
public sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        builder.ToTable("Indicators");

        builder.Property(i => i.Key).HasMaxLength(PlanTextLimits.IndicatorKey).IsRequired();
        builder.Property(i => i.Name).HasMaxLength(PlanTextLimits.IndicatorName).IsRequired();
        builder.Property(i => i.Comparator).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(i => i.Target).HasPrecision(18, 4);
        builder.Property(i => i.Unit).HasMaxLength(PlanTextLimits.Unit).IsRequired();
        builder.Property(i => i.SourceText).IsRequired();
        builder.Property(i => i.Baseline).HasPrecision(18, 4);
        builder.HasIndex(i => new { i.PlanId, i.Key }).IsUnique();

        builder.HasOne(i => i.Plan)
            .WithMany(p => p.Indicators)
            .HasForeignKey(i => i.PlanId)
            .OnDelete(DeleteBehavior.Cascade);

        // Plan→Tasks→Indicators and Plan→Milestones→Indicators would be further cascade paths
        // (SQL Server counts SET NULL as one), so the database does nothing and EF clears the
        // link on tracked indicators when their task or milestone is removed.
        builder.HasOne(i => i.Task)
            .WithMany(t => t.Indicators)
            .HasForeignKey(i => i.TaskId)
            .OnDelete(DeleteBehavior.ClientSetNull);

        builder.HasOne(i => i.Milestone)
            .WithMany()
            .HasForeignKey(i => i.MilestoneId)
            .OnDelete(DeleteBehavior.ClientSetNull);
    }
}
