using EduPlan.Core.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlan.Data.Configurations;

/// <summary>Maps <see cref="TaskSchedule"/>: at most one per task, cascading with it; <see cref="TaskSchedule.Version"/> is the concurrency token.</summary>
public sealed class TaskScheduleConfiguration : IEntityTypeConfiguration<TaskSchedule>
{
    public void Configure(EntityTypeBuilder<TaskSchedule> builder)
    {
        builder.ToTable("TaskSchedules");
        builder.HasKey(s => s.TaskId);
        builder.Property(s => s.TaskId).ValueGeneratedNever();
        builder.Property(s => s.Weight).HasPrecision(9, 2);
        builder.Property(s => s.ChangedByName).HasMaxLength(256).IsRequired();
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasOne(s => s.Task).WithOne().HasForeignKey<TaskSchedule>(s => s.TaskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Curve).WithOne().HasForeignKey(p => p.TaskId).OnDelete(DeleteBehavior.Cascade);
    }
}
