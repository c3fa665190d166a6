using System.Globalization;
using EduPlan.Application;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Core.Messages;
using EduPlan.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EduPlan.Cli.Infrastructure;

/// <summary>
/// What a command runs with: the configuration, the two output writers, the cancellation token and the language the
/// use cases' messages are printed in (English unless --lang zh).
/// </summary>
public sealed class CliContext(
    IConfiguration configuration, TextWriter output, TextWriter error, CancellationToken cancellationToken, CultureInfo? culture = null)
{
    public IConfiguration Configuration { get; } = configuration;

    /// <summary>The command's result (report, JSON, SQL script).</summary>
    public TextWriter Output { get; } = output;

    /// <summary>Errors, warnings and log entries.</summary>
    public TextWriter Error { get; } = error;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The language of messages from the use cases: <see cref="MessageTexts.English"/> or <see cref="MessageTexts.Chinese"/>.</summary>
    public CultureInfo Culture { get; } = culture ?? MessageTexts.English;

    /// <summary>A use case's message in <see cref="Culture"/>'s language.</summary>
    public string Text(Message message) => message.ToString(Culture);

    /// <summary>Writes a message to <see cref="Output"/> in <see cref="Culture"/>'s language.</summary>
    public void Say(Message message) => Output.WriteLine(Text(message));

    /// <summary>A value that reads differently in each language (a quarter, owners) in <see cref="Culture"/>'s language.</summary>
    public string Text(ILocalizable value) => value.ToMessage().ToString(Culture);

    /// <summary>Why a use case failed, one message per line (field errors prefixed with their field), for a <see cref="CliException"/>.</summary>
    public string Failure<T>(Result<T> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        IEnumerable<string> lines = result.Reason is { } reason
            ? [Text(reason)]
            : result.Errors.Select(e => (e.Field.Length == 0 ? "" : e.Field + ": ") + Text(e.Message));
        return string.Concat(lines.Select(line => Environment.NewLine + "  " + line));
    }

    /// <summary>
    /// Builds the services a database command needs (the same registrations as the web app), logging
    /// warnings and worse to <see cref="Error"/>. Only commands that touch the database call this, so
    /// <c>help</c> or <c>migrate --script</c> never need a valid connection string. <paramref name="configure"/> runs
    /// last, so what it registers wins (the last registration of a service is the one resolved).
    /// </summary>
    public ServiceProvider CreateServices(IConfiguration? configuration = null, Action<IServiceCollection>? configure = null)
    {
        configuration ??= Configuration;
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging(logging =>
        {
            // EF logs every SQL command at Information; an administrator wants the report, not the SQL.
            logging.SetMinimumLevel(LogLevel.Warning);
            logging.AddConfiguration(configuration.GetSection("Logging"));
            logging.AddProvider(new TextWriterLoggerProvider(Error));
            // "Key persisted unencrypted" is the portal's start-up warning to give, not every CLI run's.
            logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        });
        services.AddEduPlanDatabase(configuration);
        services.AddEduPlanImport();

        // The same user, department and ownership rules as the portal, audited as the operator's OS account.
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IAuditActor>(FixedAuditActor.CommandLine());
        services.AddEduPlanIdentityCore(configuration);
        // Identity's token providers need Data Protection; the keys are the portal's, kept in the database.
        services.AddDataProtection().SetApplicationName("EduPlan").PersistKeysToDbContext<EduPlanDbContext>();
        services.AddEduPlanAdministration();
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
