using EduPlan.Application.Import;
using EduPlan.Application.Import.Readers;
using EduPlan.Core.Parsing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EduPlan.Application;

/// <summary>Registers the plan-document parser and readers and the importer (scoped, like the DbContext); the preview, which audits, comes with the administration use cases.</summary>
public static class ImportServiceCollectionExtensions
{
    public static IServiceCollection AddEduPlanImport(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPlanDocumentParser, PlanDocumentParser>();
        services.TryAddSingleton<PlanFileReader>();
        services.TryAddScoped<PlanImporter>();
        services.TryAddScoped<PlanImportService>();
        return services;
    }
}
