using EduPlan.Core.Plans;
using EduPlan.Core.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlan.Data.Configurations;

/// <summary>Maps the read model <see cref="IndicatorQuarterValue"/>: one row per indicator and quarter.</summary>
public sealed class IndicatorQuarterValueConfiguration : IEntityTypeConfiguration<IndicatorQuarterValue>
{
    public void Configure(EntityTypeBuilder<IndicatorQuarterValue> builder)
    {
        builder.ToTable("IndicatorQuarterValues");
        builder.HasKey(v => new { v.IndicatorId, v.Year, v.QuarterNumber });
        builder.HasIndex(v => new { v.Year, v.QuarterNumber });
        builder.ComplexProperty(v => v.Approved, facts => facts.Property(f => f.Value).HasPrecision(18, 4));
        builder.ComplexProperty(v => v.Submitted, facts => facts.Property(f => f.Value).HasPrecision(18, 4));
        builder.HasOne<Indicator>().WithMany().HasForeignKey(v => v.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }
}
