using EduPlan.Data.PostgreSql;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlan.Data;

/// <summary>Registers <see cref="EduPlanDbContext"/> on the configured provider with that provider's migrations.</summary>
public static class DatabaseServiceCollectionExtensions
{
    public const string SqliteMigrationsAssembly = "EduPlan.Data.Sqlite";
    public const string SqlServerMigrationsAssembly = "EduPlan.Data.SqlServer";
    public const string PostgreSqlMigrationsAssembly = "EduPlan.Data.PostgreSql";

    public static IServiceCollection AddEduPlanDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = DatabaseSettings.FromConfiguration(configuration);
        services.AddSingleton(settings);
        services.AddDbContext<EduPlanDbContext>(options => options.UseEduPlanDatabase(settings));
        return services;
    }

    /// <summary>Points the options at the provider in <paramref name="settings"/>, with its migrations assembly.</summary>
    public static DbContextOptionsBuilder UseEduPlanDatabase(this DbContextOptionsBuilder options, DatabaseSettings settings)
    {
        switch (settings.Provider)
        {
            case DatabaseProvider.Sqlite:
                EnsureSqliteFolderExists(settings.ConnectionString);
                options.UseSqlite(settings.ConnectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
                // SQLite cannot add a foreign key to a table, so EF rebuilds the table between PRAGMA foreign_keys
                // statements, which cannot run in the migration's transaction. That is how every SQLite schema change
                // with a new foreign key works; warning about it on every fresh install tells the operator nothing.
                options.ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning));
                // Several requests save reports at once: WAL and a busy timeout make a writer wait for the lock, not fail.
                options.AddInterceptors(SqliteConcurrencyInterceptor.Instance);
                break;
            case DatabaseProvider.SqlServer:
                options.UseSqlServer(settings.ConnectionString, sql => sql.MigrationsAssembly(SqlServerMigrationsAssembly));
                break;
            case DatabaseProvider.PostgreSql:
                options.UseNpgsql(settings.ConnectionString, npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrationsAssembly));
                options.ReplaceService<IModelCustomizer, PostgreSqlModelCustomizer>();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(settings), settings.Provider, "Unknown database provider.");
        }

        return options;
    }

    /// <summary>Typed form of <see cref="UseEduPlanDatabase(DbContextOptionsBuilder, DatabaseSettings)"/>, so <c>.Options</c> follows directly.</summary>
    public static DbContextOptionsBuilder<TContext> UseEduPlanDatabase<TContext>(this DbContextOptionsBuilder<TContext> options, DatabaseSettings settings)
        where TContext : DbContext
    {
        UseEduPlanDatabase((DbContextOptionsBuilder)options, settings);
        return options;
    }

    private static void EnsureSqliteFolderExists(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            PrivateFiles.EnsureFolder(folder);
        }
    }
}
