using EduPlan.Cli.Infrastructure;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlan.Cli.Commands;

/// <summary><c>migrate [--provider P] [--script]</c>: applies the migrations, or prints them as an idempotent script.</summary>
public static class MigrateCommand
{
    public static CliCommand Definition { get; } = new(
        "migrate",
        "migrate [--provider Sqlite|SqlServer|PostgreSql] [--script]",
        "Bring the database schema up to date; with --script print the deployment SQL instead (idempotent for SqlServer and PostgreSql; connects to nothing).",
        RunAsync);

    private static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        var arguments = CommandArguments.Parse(args, valueOptions: ["--provider"], flags: ["--script"]);
        arguments.RequireNoPositionals("migrate");
        var providerText = arguments.Value("--provider");
        DatabaseProvider? providerOption = providerText is null ? null
            : DatabaseSettings.TryParseProvider(providerText, out var named) ? named
            : throw new UsageException($"--provider '{providerText}' is not supported; use {DatabaseSettings.SupportedNames}");

        if (arguments.Has("--script"))
        {
            // Only the provider matters: the script is generated from the migrations, not from a database.
            var scriptProvider = providerOption ?? ConfiguredProvider(context.Configuration);
            // For SQLite this is the from-empty script (EF Core has no idempotent SQLite scripts), with a header saying so.
            var script = DatabaseMigrations.GenerateIdempotentScript(scriptProvider);
            context.Output.Write(script);
            return ExitCodes.Success;
        }

        var configuration = context.Configuration;
        if (providerOption is { } chosen)
        {
            configuration = new ConfigurationBuilder()
                .AddConfiguration(context.Configuration)
                .AddInMemoryCollection([new("Database:Provider", chosen.ToString())])
                .Build();
        }

        var provider = ConfiguredProvider(configuration);
        if (provider != DatabaseProvider.Sqlite
            && string.IsNullOrWhiteSpace(configuration.GetConnectionString(DatabaseSettings.ConnectionStringName)))
        {
            throw new CliException(
                $"{provider} needs a connection string: set ConnectionStrings__EduPlan (or ConnectionStrings:EduPlan in appsettings.json); " +
                $"to deploy without connecting, run `migrate --provider {provider} --script` and give the script to the DBA");
        }

        await using var services = context.CreateServices(configuration);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EduPlanDbContext>();
        var pending = await DatabaseMigrations.PendingAsync(db, context.CancellationToken);
        if (pending.Count == 0)
        {
            context.Output.WriteLine($"{DatabaseState.Describe(db)} is up to date");
            return ExitCodes.Success;
        }

        await DatabaseMigrations.MigrateAsync(db, context.CancellationToken);
        context.Output.WriteLine($"applied {DatabaseState.Plural(pending.Count, "migration")} to {DatabaseState.Describe(db)}:");
        foreach (var migration in pending)
        {
            context.Output.WriteLine($"  {migration}");
        }

        return ExitCodes.Success;
    }

    /// <summary>Database:Provider without requiring a connection string (DatabaseSettings insists on one for a server).</summary>
    private static DatabaseProvider ConfiguredProvider(IConfiguration configuration)
    {
        try
        {
            return DatabaseSettings.ProviderFromConfiguration(configuration);
        }
        catch (InvalidOperationException e)
        {
            throw new CliException(e.Message.TrimEnd('.'));
        }
    }
}
