using EduPlan.Core.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlan.Data.Configurations;

/// <summary>Maps <see cref="PastTaskOwner"/> to PastTaskOwners: who led or joined a task for quarters that have ended.</summary>
public sealed class PastTaskOwnerConfiguration : IEntityTypeConfiguration<PastTaskOwner>
{
    public void Configure(EntityTypeBuilder<PastTaskOwner> builder)
    {
        builder.ToTable("PastTaskOwners");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Part).HasConversion<string>().HasMaxLength(16);

        builder.HasOne(p => p.Task)
            .WithMany(t => t.PastOwners)
            .HasForeignKey(p => p.TaskId)
            .OnDelete(DeleteBehavior.Cascade);

        // Restrict: a department that owned a task in the past cannot be deleted (it is retired instead).
        builder.HasOne(p => p.Department)
            .WithMany()
            .HasForeignKey(p => p.DepartmentId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.TaskId, p.UntilQuarter });
        builder.HasIndex(p => p.DepartmentId);
    }
}
