using EduPlan.Core.Auditing;
using EduPlan.Core.Organisation;
using EduPlan.Core.Plans;
using EduPlan.Core.Progress;
using EduPlan.Core.Reporting;
using EduPlan.Core.Security;
using EduPlan.Data.Auditing;
using EduPlan.Data.Identity;
using EduPlan.Data.Leases;
using EduPlan.Data.Reporting;
using EduPlan.Data.Secrets;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Data;

/// <summary>The one EF Core model of EduPlan, shared by the SQLite and SQL Server providers.</summary>
public class EduPlanDbContext(DbContextOptions<EduPlanDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<PlanTask> Tasks => Set<PlanTask>();
    public DbSet<Milestone> Milestones => Set<Milestone>();
    public DbSet<Goal> Goals => Set<Goal>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<TaskCoDepartment> TaskCoDepartments => Set<TaskCoDepartment>();
    public DbSet<PastTaskOwner> PastTaskOwners => Set<PastTaskOwner>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ProgressReport> ProgressReports => Set<ProgressReport>();
    public DbSet<ReportIndicatorValue> ReportIndicatorValues => Set<ReportIndicatorValue>();
    public DbSet<ReportEvidence> ReportEvidence => Set<ReportEvidence>();
    public DbSet<EvidenceContent> EvidenceContents => Set<EvidenceContent>();
    public DbSet<ReportRevision> ReportRevisions => Set<ReportRevision>();
    public DbSet<ReportingPeriodOverride> ReportingPeriodOverrides => Set<ReportingPeriodOverride>();
    public DbSet<IndicatorTaskLink> IndicatorTaskLinks => Set<IndicatorTaskLink>();
    public DbSet<PlanImportDraft> PlanImportDrafts => Set<PlanImportDraft>();
    public DbSet<PlanImportMemory> PlanImportMemories => Set<PlanImportMemory>();
    public DbSet<TaskSchedule> TaskSchedules => Set<TaskSchedule>();
    public DbSet<TaskCurvePoint> TaskCurvePoints => Set<TaskCurvePoint>();
    public DbSet<IndicatorBaseline> IndicatorBaselines => Set<IndicatorBaseline>();
    public DbSet<TaskQuarterProgress> TaskQuarterProgress => Set<TaskQuarterProgress>();
    public DbSet<IndicatorQuarterValue> IndicatorQuarterValues => Set<IndicatorQuarterValue>();
    public DbSet<ReportSubmission> ReportSubmissions => Set<ReportSubmission>();
    public DbSet<SecuritySettings> SecuritySettings => Set<SecuritySettings>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<AppSecret> AppSecrets => Set<AppSecret>();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.AddInterceptors(AppendOnlyAuditInterceptor.Instance, ReportHistoryInterceptor.Instance);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(EduPlanDbContext).Assembly);
    }
}
