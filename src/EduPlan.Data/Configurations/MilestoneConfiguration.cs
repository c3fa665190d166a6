using EduPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlan.Data.Configurations;

/// <summary>Maps <see cref="Milestone"/> to the Milestones table, unique by plan and year.</summary>
public sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> builder)
    {
        builder.ToTable("Milestones");

        builder.Property(m => m.Text).IsRequired();
        builder.HasIndex(m => new { m.PlanId, m.Year }).IsUnique();

        builder.HasOne(m => m.Plan)
            .WithMany(p => p.Milestones)
            .HasForeignKey(m => m.PlanId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
