using EduPlan.Core.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlan.Data.Configurations;

/// <summary>Maps <see cref="TaskCurvePoint"/>: one planned percent per task and quarter.</summary>
public sealed class TaskCurvePointConfiguration : IEntityTypeConfiguration<TaskCurvePoint>
{
    public void Configure(EntityTypeBuilder<TaskCurvePoint> builder)
    {
        builder.ToTable("TaskCurvePoints");
        builder.HasKey(p => new { p.TaskId, p.Year, p.QuarterNumber });
        builder.Ignore(p => p.Quarter);
    }
}
