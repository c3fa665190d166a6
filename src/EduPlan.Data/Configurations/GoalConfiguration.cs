using EduPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlan.Data.Configurations;

/// <summary>Maps <see cref="Goal"/> to the Goals table, unique by milestone and number.</summary>
public sealed class GoalConfiguration : IEntityTypeConfiguration<Goal>
{
    public void Configure(EntityTypeBuilder<Goal> builder)
    {
        builder.ToTable("Goals");

        builder.Property(g => g.Title).HasMaxLength(PlanTextLimits.Title).IsRequired();
        builder.Property(g => g.Text).IsRequired();
        builder.HasIndex(g => new { g.MilestoneId, g.Number }).IsUnique();

        builder.HasOne(g => g.Milestone)
            .WithMany(m => m.Goals)
            .HasForeignKey(g => g.MilestoneId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
