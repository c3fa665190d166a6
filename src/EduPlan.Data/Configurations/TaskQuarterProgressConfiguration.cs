using EduPlan.Core.Plans;
using EduPlan.Core.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlan.Data.Configurations;

/// <summary>Maps the read model <see cref="TaskQuarterProgress"/>: one row per task and quarter, both bases in columns of the row.</summary>
public sealed class TaskQuarterProgressConfiguration : IEntityTypeConfiguration<TaskQuarterProgress>
{
    public void Configure(EntityTypeBuilder<TaskQuarterProgress> builder)
    {
        builder.ToTable("TaskQuarterProgress");
        builder.HasKey(p => new { p.TaskId, p.Year, p.QuarterNumber });
        // The dashboard reads one quarter of every task.
        builder.HasIndex(p => new { p.Year, p.QuarterNumber });
        builder.ComplexProperty(p => p.Approved, facts => Facts(facts));
        builder.ComplexProperty(p => p.Submitted, facts => Facts(facts));
        builder.HasOne<PlanTask>().WithMany().HasForeignKey(p => p.TaskId).OnDelete(DeleteBehavior.Cascade);
    }

    private static void Facts(ComplexPropertyBuilder<ReportFacts> facts) =>
        facts.Property(f => f.Status).HasConversion<string>().HasMaxLength(16);
}
