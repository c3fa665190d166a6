using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlan.Data.Configurations;

/// <summary>Maps <see cref="ProgressReport"/>: one per task, department and quarter; <see cref="ProgressReport.Revision"/> is the concurrency token.</summary>
public sealed class ProgressReportConfiguration : IEntityTypeConfiguration<ProgressReport>
{
    public void Configure(EntityTypeBuilder<ProgressReport> builder)
    {
        builder.ToTable("ProgressReports");
        builder.Ignore(r => r.Quarter);

        builder.HasIndex(r => new { r.TaskId, r.DepartmentId, r.Year, r.QuarterNumber }).IsUnique();
        // 我的任务 (a department's reports for a quarter) and 待审核 (submitted, oldest first).
        builder.HasIndex(r => new { r.DepartmentId, r.Year, r.QuarterNumber });
        builder.HasIndex(r => new { r.State, r.SubmittedAt });
        // 填报情况 and the targets page read one quarter (or the latest approved values) across all departments.
        builder.HasIndex(r => new { r.Year, r.QuarterNumber, r.State });

        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Progress).HasMaxLength(ProgressReport.MaxTextLength).IsRequired();
        builder.Property(r => r.Problems).HasMaxLength(ProgressReport.MaxTextLength);
        builder.Property(r => r.NextSteps).HasMaxLength(ProgressReport.MaxTextLength);
        builder.Property(r => r.PercentDropExplanation).HasMaxLength(ProgressReport.MaxTextLength);
        builder.Property(r => r.ReviewComment).HasMaxLength(ProgressReport.MaxTextLength);
        builder.Property(r => r.ReviewField).HasMaxLength(64);
        builder.Property(r => r.UpdatedById).HasMaxLength(450);
        builder.Property(r => r.UpdatedByName).HasMaxLength(256).IsRequired();
        builder.Property(r => r.ApprovedByName).HasMaxLength(256);
        builder.Property(r => r.Revision).IsConcurrencyToken();

        // Reports are the record of what happened: a task or department with reports cannot be deleted.
        builder.HasOne(r => r.Task).WithMany().HasForeignKey(r => r.TaskId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Department).WithMany().HasForeignKey(r => r.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Maps <see cref="ReportIndicatorValue"/>: one value per report and indicator.</summary>
public sealed class ReportIndicatorValueConfiguration : IEntityTypeConfiguration<ReportIndicatorValue>
{
    public void Configure(EntityTypeBuilder<ReportIndicatorValue> builder)
    {
        builder.ToTable("ReportIndicatorValues");
        builder.HasKey(v => new { v.ReportId, v.IndicatorId });
        builder.Property(v => v.Value).HasPrecision(18, 4);
        builder.Property(v => v.Note).HasMaxLength(ReportIndicatorValue.MaxNoteLength);
        builder.HasOne(v => v.Report).WithMany(r => r.IndicatorValues).HasForeignKey(v => v.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(v => v.Indicator).WithMany().HasForeignKey(v => v.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => v.IndicatorId);
    }
}

/// <summary>Maps <see cref="ReportEvidence"/> and its bytes (<see cref="EvidenceContent"/>, a table of its own).</summary>
public sealed class ReportEvidenceConfiguration : IEntityTypeConfiguration<ReportEvidence>
{
    public void Configure(EntityTypeBuilder<ReportEvidence> builder)
    {
        builder.ToTable("ReportEvidence");
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(8);
        builder.Property(e => e.Title).HasMaxLength(ReportEvidence.MaxTitleLength).IsRequired();
        builder.Property(e => e.Url).HasMaxLength(ReportEvidence.MaxUrlLength);
        builder.Property(e => e.ContentType).HasMaxLength(128);
        builder.Property(e => e.Sha256).HasMaxLength(64);
        builder.Property(e => e.AddedByName).HasMaxLength(256).IsRequired();
        builder.HasOne(e => e.Report).WithMany(r => r.Evidence).HasForeignKey(e => e.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(e => e.Content).WithOne().HasForeignKey<EvidenceContent>(c => c.EvidenceId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Maps <see cref="EvidenceContent"/> (varbinary(max) on SQL Server, BLOB on SQLite).</summary>
public sealed class EvidenceContentConfiguration : IEntityTypeConfiguration<EvidenceContent>
{
    public void Configure(EntityTypeBuilder<EvidenceContent> builder)
    {
        builder.ToTable("EvidenceContents");
        builder.HasKey(c => c.EvidenceId);
        builder.Property(c => c.EvidenceId).ValueGeneratedNever();
        builder.Property(c => c.Bytes).IsRequired();
    }
}

/// <summary>Maps <see cref="ReportRevision"/>: a report's history, numbered within the report.</summary>
public sealed class ReportRevisionConfiguration : IEntityTypeConfiguration<ReportRevision>
{
    public void Configure(EntityTypeBuilder<ReportRevision> builder)
    {
        builder.ToTable("ReportRevisions");
        builder.HasIndex(r => new { r.ReportId, r.Number }).IsUnique();
        builder.Property(r => r.Action).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.StateAfter).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.ActorId).HasMaxLength(450);
        builder.Property(r => r.ActorName).HasMaxLength(256).IsRequired();
        builder.Property(r => r.Comment).HasMaxLength(ProgressReport.MaxTextLength);
        builder.Property(r => r.Snapshot).IsRequired();
        builder.HasOne(r => r.Report).WithMany(p => p.Revisions).HasForeignKey(r => r.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Maps <see cref="ReportingPeriodOverride"/>: a quarter's or a department's changed entry window.</summary>
public sealed class ReportingPeriodOverrideConfiguration : IEntityTypeConfiguration<ReportingPeriodOverride>
{
    public void Configure(EntityTypeBuilder<ReportingPeriodOverride> builder)
    {
        builder.ToTable("ReportingPeriodOverrides");
        builder.Ignore(o => o.Quarter);
        // Not unique: SQLite and SQL Server disagree on NULLs in unique indexes; the period service keeps one row each.
        builder.HasIndex(o => new { o.Year, o.QuarterNumber, o.DepartmentId });
        builder.Property(o => o.Mode).HasConversion<string>().HasMaxLength(8);
        builder.Property(o => o.Reason).HasMaxLength(ReportingPeriodOverride.MaxReasonLength);
        builder.Property(o => o.ChangedByName).HasMaxLength(256).IsRequired();
        builder.HasOne(o => o.Department).WithMany().HasForeignKey(o => o.DepartmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Maps <see cref="IndicatorTaskLink"/>: which tasks report which indicators.</summary>
public sealed class IndicatorTaskLinkConfiguration : IEntityTypeConfiguration<IndicatorTaskLink>
{
    public void Configure(EntityTypeBuilder<IndicatorTaskLink> builder)
    {
        builder.ToTable("IndicatorTaskLinks");
        builder.HasKey(l => new { l.IndicatorId, l.TaskId });
        builder.HasIndex(l => l.TaskId);
        builder.Property(l => l.LinkedByName).HasMaxLength(256).IsRequired();
        builder.HasOne(l => l.Indicator).WithMany().HasForeignKey(l => l.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        // Indicator → Plan → Tasks is a second cascade path; SQL Server refuses two.
        builder.HasOne(l => l.Task).WithMany().HasForeignKey(l => l.TaskId).OnDelete(DeleteBehavior.NoAction);
    }
}
