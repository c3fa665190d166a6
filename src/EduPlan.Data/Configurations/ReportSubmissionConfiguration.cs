using EduPlan.Core.Progress;
using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlan.Data.Configurations;

/// <summary>Maps the read model <see cref="ReportSubmission"/>: one row per report ever submitted.</summary>
public sealed class ReportSubmissionConfiguration : IEntityTypeConfiguration<ReportSubmission>
{
    public void Configure(EntityTypeBuilder<ReportSubmission> builder)
    {
        builder.ToTable("ReportSubmissions");
        builder.HasKey(s => s.ReportId);
        builder.Property(s => s.ReportId).ValueGeneratedNever();
        // Timeliness reads one quarter across all departments.
        builder.HasIndex(s => new { s.Year, s.QuarterNumber });
        builder.HasIndex(s => s.TaskId);
        builder.HasOne<ProgressReport>().WithOne().HasForeignKey<ReportSubmission>(s => s.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
