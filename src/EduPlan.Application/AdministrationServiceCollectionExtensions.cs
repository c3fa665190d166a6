using EduPlan.Application.Auditing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EduPlan.Application;

/// <summary>
/// The use cases shared by the web pages and the CLI (users, departments, task ownership) and the audit log
/// they write to. The host registers a <see cref="TimeProvider"/> and an <see cref="IAuditActor"/> (who is acting).
/// </summary>
public static class AdministrationServiceCollectionExtensions
{
    public static IServiceCollection AddEduPlanAdministration(this IServiceCollection services)
    {
        services.AddScoped<AuditLog>();
        services.TryAddSingleton<EduPlan.Application.Security.StoredSecuritySettings>();
        services.AddScoped<EduPlan.Application.Departments.DepartmentQueries>();
        services.AddScoped<EduPlan.Application.Departments.DepartmentAdministration>();
        services.AddScoped<EduPlan.Application.Ownership.OwnershipQueries>();
        services.AddScoped<EduPlan.Application.Ownership.OwnershipAdministration>();
        services.AddScoped<EduPlan.Application.Ownership.OwnershipImport>();
        services.AddScoped<EduPlan.Application.Import.Preview.PlanImportPreviews>();
        services.AddScoped<EduPlan.Application.Users.UserQueries>();
        services.AddScoped<EduPlan.Application.Users.UserAdministration>();
        services.AddScoped<EduPlan.Application.Security.SecuritySettingsAdministration>();
        services.AddScoped<EduPlan.Application.Security.SeparationOfDuties>();
        services.AddScoped<AuditQuery>();
        services.AddOptions<EduPlan.Application.Reporting.ReportingOptions>().BindConfiguration(EduPlan.Application.Reporting.ReportingOptions.SectionName);
        services.AddScoped<EduPlan.Application.Reporting.ReportingCalendar>();
        services.AddScoped<EduPlan.Application.Reporting.Periods.ReportingPeriodAdministration>();
        services.AddOptions<EduPlan.Application.Reporting.Evidence.UploadOptions>().BindConfiguration(EduPlan.Application.Reporting.Evidence.UploadOptions.SectionName);
        services.AddScoped<EduPlan.Application.Reporting.Evidence.EvidenceStore>();
        services.AddScoped<EduPlan.Application.Reporting.Evidence.EvidenceDownloads>();
        services.AddScoped<EduPlan.Application.Reporting.Review.ReportReview>();
        services.AddScoped<EduPlan.Application.Reporting.Review.ReviewQueueQuery>();
        services.AddScoped<EduPlan.Application.Reporting.History.ReportReading>();
        services.AddScoped<EduPlan.Application.Reporting.Queries.MyTasksQuery>();
        services.AddScoped<EduPlan.Application.Reporting.Queries.ReportingStatusQuery>();
        services.AddScoped<EduPlan.Application.Reporting.Queries.ReportingSummaryQuery>();
        services.AddScoped<EduPlan.Application.Reporting.Links.IndicatorLinkAdministration>();
        services.AddScoped<EduPlan.Application.Reporting.Editing.ProgressReporting>();
        services.AddOptions<EduPlan.Application.Progress.LightsOptions>().BindConfiguration(EduPlan.Application.Progress.LightsOptions.SectionName);
        services.AddMemoryCache();
        services.AddScoped<EduPlan.Application.Progress.ProgressQuery>();
        services.AddScoped<EduPlan.Application.Progress.ProgressPlanning>();
        services.AddScoped<EduPlan.Application.Jobs.JobLeases>();
        services.AddSingleton<EduPlan.Application.Jobs.TimedJobRunner>();
        services.AddSingleton<EduPlan.Application.Backup.DatabaseCopy>();
        services.AddSingleton<EduPlan.Application.Backup.DatabaseBackup>();
        return services;
    }
}
