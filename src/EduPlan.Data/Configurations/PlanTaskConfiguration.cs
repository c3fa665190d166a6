using EduPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlan.Data.Configurations;

/// <summary>Maps <see cref="PlanTask"/> to the Tasks table, unique by plan and number.</summary>
public sealed class PlanTaskConfiguration : IEntityTypeConfiguration<PlanTask>
{
    public void Configure(EntityTypeBuilder<PlanTask> builder)
    {
        builder.ToTable("Tasks");

        builder.Property(t => t.Title).HasMaxLength(PlanTextLimits.Title).IsRequired();
        builder.Property(t => t.Text).IsRequired();
        builder.Property(t => t.Label).HasMaxLength(PlanTextLimits.Label).IsRequired();
        builder.HasIndex(t => new { t.PlanId, t.Number }).IsUnique();

        builder.HasOne(t => t.Plan)
            .WithMany(p => p.Tasks)
            .HasForeignKey(t => t.PlanId)
            .OnDelete(DeleteBehavior.Cascade);

        // Plan→Sections→Tasks would be a second cascade path to Tasks, which SQL Server refuses;
        // deleting a plan still removes its tasks through Plan→Tasks. NO ACTION (not RESTRICT) so
        // SQLite checks it at the end of the statement, after both cascades have run.
        builder.HasOne(t => t.Section)
            .WithMany(s => s.Tasks)
            .HasForeignKey(t => t.SectionId)
            .OnDelete(DeleteBehavior.NoAction);

        // A department that owns tasks cannot be deleted (the department pages say why).
        builder.HasOne(t => t.LeadDepartment)
            .WithMany()
            .HasForeignKey(t => t.LeadDepartmentId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => t.LeadDepartmentId);
        builder.Property(t => t.OwnershipVersion).IsConcurrencyToken();
    }
}
