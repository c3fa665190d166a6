using EduPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlan.Data.Configurations;

/// <summary>Maps <see cref="Section"/> to the Sections table, unique by plan and number.</summary>
public sealed class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> builder)
    {
        builder.ToTable("Sections");

        builder.Property(s => s.Title).HasMaxLength(PlanTextLimits.Title).IsRequired();
        builder.Property(s => s.Text).IsRequired();
        builder.Property(s => s.Label).HasMaxLength(PlanTextLimits.Label).IsRequired();
        builder.Property(s => s.Part).HasMaxLength(PlanTextLimits.Title);
        builder.HasIndex(s => new { s.PlanId, s.Number }).IsUnique();

        builder.HasOne(s => s.Plan)
            .WithMany(p => p.Sections)
            .HasForeignKey(s => s.PlanId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
