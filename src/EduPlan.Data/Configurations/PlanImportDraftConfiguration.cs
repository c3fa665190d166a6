using EduPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlan.Data.Configurations;

/// <summary>Maps <see cref="PlanImportDraft"/> to the PlanImportDrafts table: uploads waiting in their preview.</summary>
public sealed class PlanImportDraftConfiguration : IEntityTypeConfiguration<PlanImportDraft>
{
    public void Configure(EntityTypeBuilder<PlanImportDraft> builder)
    {
        builder.ToTable("PlanImportDrafts");
        builder.Property(d => d.OwnerId).HasMaxLength(450).IsRequired();
        builder.Property(d => d.OwnerName).HasMaxLength(256).IsRequired();
        builder.Property(d => d.SourceName).HasMaxLength(260).IsRequired();
        builder.Property(d => d.Content).IsRequired();
        builder.Property(d => d.ContentSha256).HasMaxLength(64).IsRequired();
        builder.Property(d => d.CorrectionsJson).IsRequired();
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.HasIndex(d => d.OwnerId);
    }
}
