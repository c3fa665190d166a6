using EduPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlan.Data.Configurations;

/// <summary>Maps <see cref="PlanImportMemory"/> to the PlanImportMemories table, one row per document title.</summary>
public sealed class PlanImportMemoryConfiguration : IEntityTypeConfiguration<PlanImportMemory>
{
    public void Configure(EntityTypeBuilder<PlanImportMemory> builder)
    {
        builder.ToTable("PlanImportMemories");
        builder.Property(m => m.DocumentTitle).HasMaxLength(PlanTextLimits.Title).IsRequired();
        builder.HasIndex(m => m.DocumentTitle).IsUnique();
        builder.Property(m => m.CorrectionsJson).IsRequired();
        builder.Property(m => m.UpdatedByName).HasMaxLength(256).IsRequired();
    }
}
