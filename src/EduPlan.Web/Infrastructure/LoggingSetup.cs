using EduPlan.Data;
using Serilog;
using Serilog.Events;

namespace EduPlan.Web.Infrastructure;

/// <summary>Serilog to the console and a daily log file in <c>Logging:Directory</c>.</summary>
public static class LoggingSetup
{
    public const string DirectoryKey = "Logging:Directory";

    public static string LogDirectory(IConfiguration configuration)
    {
        var configured = configuration[DirectoryKey];
        return string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(DatabaseSettings.DefaultDataDirectory, "logs")
            : configured;
    }

    public static WebApplicationBuilder AddEduPlanLogging(this WebApplicationBuilder builder)
    {
        // preserveStaticLogger keeps Log.Logger alone, so several hosts in one test process each own their sinks.
        // The folder is read from the final configuration, after every source (tests included) has had its say.
        builder.Services.AddSerilog(
            (services, logger) => logger
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                // EF logs every SQL command at Information; the request log already says what happened.
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                .Enrich.FromLogContext()
                // A setting that stops start-up is said in one line by Program, not as the host's stack trace.
                .Filter.ByExcluding(e => e.Exception is StartupConfigurationException)
                // The console through a background writer: Console.Out is one lock for the whole process, and a request
                // that waits for it to log its line costs more than the page (measured in docs/performance.md).
                .WriteTo.Async(sink => sink.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture))
                .WriteTo.File(
                    Path.Combine(LogDirectory(services.GetRequiredService<IConfiguration>()), "eduplan-.log"),
                    rollingInterval: RollingInterval.Day,
                    // 180 daily files: the Cybersecurity Law asks for at least six months of network logs.
                    retainedFileCountLimit: 180,
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture),
            preserveStaticLogger: true);

        return builder;
    }
}
