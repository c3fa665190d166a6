using EduPlan.Application.Import;
using EduPlan.Core.Parsing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EduPlan.Application;

/// <summary>Registers the plan-document parser and the importer (scoped, like <see cref="EduPlanDbContext"/>).</summary>
public static class ImportServiceCollectionExtensions
{
    public static IServiceCollection AddEduPlanImport(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPlanDocumentParser, PlanDocumentParser>();
        services.TryAddScoped<PlanImporter>();
        services.TryAddScoped<PlanImportService>();
        return services;
    }
}
