using Microsoft.Extensions.Configuration;

namespace EduPlan.Data;

/// <summary>The database providers EduPlan supports.</summary>
public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

/// <summary>
/// Which database to use, read the same way by the web app and the CLI:
/// <c>Database:Provider</c> (Sqlite by default) and <c>ConnectionStrings:EduPlan</c>
/// (by default a SQLite file in the per-user application data folder).
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ConnectionStringName = "EduPlan";

    /// <summary>The folder that holds the default SQLite database (and the web app's log files).</summary>
    public static string DefaultDataDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "EduPlan");

    public static string DefaultSqliteConnectionString =>
        $"Data Source={Path.Combine(DefaultDataDirectory, "eduplan.db")}";

    public static DatabaseSettings FromConfiguration(IConfiguration configuration)
    {
        var provider = ProviderFromConfiguration(configuration);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider != DatabaseProvider.Sqlite)
            {
                throw new InvalidOperationException(
                    $"Database:Provider is {provider} but ConnectionStrings:EduPlan is not set.");
            }

            connectionString = DefaultSqliteConnectionString;
        }

        return new DatabaseSettings(provider, connectionString);
    }

    /// <summary><c>Database:Provider</c> alone (Sqlite when unset), for work that needs no connection string.</summary>
    public static DatabaseProvider ProviderFromConfiguration(IConfiguration configuration)
    {
        var text = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return DatabaseProvider.Sqlite;
        }

        return TryParseProvider(text, out var provider)
            ? provider
            : throw new InvalidOperationException($"Database:Provider '{text}' is not supported; use {SupportedNames}.");
    }

    /// <summary>"Sqlite, SqlServer or PostgreSql", for messages.</summary>
    public const string SupportedNames = "Sqlite, SqlServer or PostgreSql";

    /// <summary>Accepts the provider names only (any case); unlike Enum.TryParse, not "1" or "5".</summary>
    public static bool TryParseProvider(string text, out DatabaseProvider provider)
    {
        foreach (var candidate in Enum.GetValues<DatabaseProvider>())
        {
            if (string.Equals(candidate.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                provider = candidate;
                return true;
            }
        }

        provider = default;
        return false;
    }
}
