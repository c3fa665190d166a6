using EduPlan.Core.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlan.Data.Configurations;

/// <summary>Maps <see cref="IndicatorBaseline"/>: at most one per indicator, going with it.</summary>
public sealed class IndicatorBaselineConfiguration : IEntityTypeConfiguration<IndicatorBaseline>
{
    public void Configure(EntityTypeBuilder<IndicatorBaseline> builder)
    {
        builder.ToTable("IndicatorBaselines");
        builder.HasKey(b => b.IndicatorId);
        builder.Property(b => b.IndicatorId).ValueGeneratedNever();
        builder.Property(b => b.Value).HasPrecision(18, 4);
        builder.Property(b => b.ChangedByName).HasMaxLength(256).IsRequired();
        builder.Property(b => b.Version).IsConcurrencyToken();
        builder.HasOne(b => b.Indicator).WithOne().HasForeignKey<IndicatorBaseline>(b => b.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }
}
