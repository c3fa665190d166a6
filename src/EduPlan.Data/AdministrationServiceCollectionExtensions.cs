using EduPlan.Data.Auditing;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlan.Data;

/// <summary>
/// The use cases shared by the web pages and the CLI (users, departments, task ownership) and the audit log
/// they write to. The host registers a <see cref="TimeProvider"/> and an <see cref="IAuditActor"/> (who is acting).
/// </summary>
public static class AdministrationServiceCollectionExtensions
{
    public static IServiceCollection AddEduPlanAdministration(this IServiceCollection services)
    {
        services.AddScoped<AuditLog>();
        services.AddScoped<EduPlan.Data.Departments.DepartmentAdministration>();
        services.AddScoped<EduPlan.Data.Ownership.OwnershipAdministration>();
        services.AddScoped<EduPlan.Data.Ownership.OwnershipImport>();
        services.AddScoped<EduPlan.Data.Users.UserAdministration>();
        services.AddScoped<AuditQuery>();
        services.AddOptions<EduPlan.Data.Reporting.ReportingOptions>().BindConfiguration(EduPlan.Data.Reporting.ReportingOptions.SectionName);
        services.AddScoped<EduPlan.Data.Reporting.ReportingCalendar>();
        services.AddScoped<EduPlan.Data.Reporting.Periods.ReportingPeriodAdministration>();
        services.AddScoped<EduPlan.Data.Reporting.Evidence.EvidenceStore>();
        services.AddScoped<EduPlan.Data.Reporting.Evidence.EvidenceDownloads>();
        services.AddScoped<EduPlan.Data.Reporting.Review.ReportReview>();
        services.AddScoped<EduPlan.Data.Reporting.History.ReportReading>();
        services.AddScoped<EduPlan.Data.Reporting.Queries.MyTasksQuery>();
        services.AddScoped<EduPlan.Data.Reporting.Queries.ReportingStatusQuery>();
        services.AddScoped<EduPlan.Data.Reporting.Queries.LatestIndicatorValues>();
        services.AddScoped<EduPlan.Data.Reporting.Queries.ReportingSummaryQuery>();
        services.AddScoped<EduPlan.Data.Reporting.Links.IndicatorLinkAdministration>();
        services.AddScoped<EduPlan.Data.Reporting.Editing.ProgressReporting>();
        return services;
    }
}
