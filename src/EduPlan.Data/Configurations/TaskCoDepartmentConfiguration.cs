using EduPlan.Core.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlan.Data.Configurations;

/// <summary>Maps <see cref="TaskCoDepartment"/> to TaskCoDepartments, one row per task and department.</summary>
public sealed class TaskCoDepartmentConfiguration : IEntityTypeConfiguration<TaskCoDepartment>
{
    public void Configure(EntityTypeBuilder<TaskCoDepartment> builder)
    {
        builder.ToTable("TaskCoDepartments");
        builder.HasKey(c => new { c.TaskId, c.DepartmentId });

        builder.HasOne(c => c.Task)
            .WithMany(t => t.CoDepartments)
            .HasForeignKey(c => c.TaskId)
            .OnDelete(DeleteBehavior.Cascade);

        // Restrict: a department that is still a co-department of a task cannot be deleted.
        builder.HasOne(c => c.Department)
            .WithMany()
            .HasForeignKey(c => c.DepartmentId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.DepartmentId);
    }
}
