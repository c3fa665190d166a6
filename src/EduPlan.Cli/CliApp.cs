using System.Globalization;
using EduPlan.Cli.Commands;
using EduPlan.Cli.Infrastructure;
using EduPlan.Core.Messages;
using EduPlan.Core.Parsing;
using Microsoft.Extensions.Configuration;

namespace EduPlan.Cli;

/// <summary>
/// The eduplan command line: reads the configuration shared with the web app, runs the verb's handler
/// and turns every failure into an "error: …" line and an exit code.
/// </summary>
public sealed class CliApp
{
    /// <summary>Set to 1 (environment or configuration) to print stack traces of unexpected errors.</summary>
    public const string DebugVariable = "EDUPLAN_DEBUG";

    private static readonly CliCommand[] CommandList =
    [
        ImportCommand.Definition,
        ExportCommand.Definition,
        MigrateCommand.Definition,
        UsersCommand.Definition,
        DepartmentsCommand.Definition,
        OwnersCommand.Definition,
        DemoCommand.Definition,
        ReadModelCommand.Definition,
        BackupCommand.Definition,
        CopyCommand.Definition,
    ];

    /// <summary>The verbs by name; a new verb is added to <see cref="CommandList"/>.</summary>
    public static IReadOnlyDictionary<string, CliCommand> Commands { get; } =
        CommandList.ToDictionary(c => c.Name, StringComparer.Ordinal);

    /// <param name="args">The verb and its arguments (never fed to the configuration).</param>
    /// <param name="configOverrides">Keys that win over appsettings.json and environment variables (tests use it).</param>
    public async Task<int> RunAsync(
        string[] args,
        TextWriter stdout,
        TextWriter stderr,
        IDictionary<string, string?>? configOverrides = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        CultureInfo culture;
        try
        {
            (args, culture) = ReadLanguage(args);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }

        if (args.Length == 0)
        {
            Usage.Write(stderr);
            return ExitCodes.Usage;
        }

        var verb = args[0];
        if (verb is "help" or "--help" or "-h" or "-?" or "/?")
        {
            return Help(args.Skip(1).ToList(), stdout, stderr);
        }

        if (!Commands.TryGetValue(verb, out var command))
        {
            stderr.WriteLine($"error: unknown command '{verb}'");
            Usage.Write(stderr);
            return ExitCodes.Usage;
        }

        var debug = Environment.GetEnvironmentVariable(DebugVariable) == "1";
        try
        {
            var configuration = BuildConfiguration(configOverrides);
            debug |= configuration[DebugVariable] == "1";
            var context = new CliContext(configuration, stdout, stderr, cancellationToken, culture);
            return await command.RunAsync(context, args.Skip(1).ToList());
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            Usage.WriteCommand(command, stderr);
            return ExitCodes.Usage;
        }
        catch (PlanFormatException e)
        {
            // "file:line: reason": all an administrator needs to fix the document.
            stderr.WriteLine($"error: {e.ToString(culture)}");
            return ExitCodes.Failure;
        }
        catch (CliException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            stderr.WriteLine("error: cancelled; nothing was written");
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            WriteUnexpected(e, stderr, debug);
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// Takes the global <c>--lang en|zh</c> (or <c>--lang=zh</c>) out of the arguments, wherever it stands: the language
    /// the use cases' messages are printed in. English by default; the CLI's own texts are English either way.
    /// </summary>
    public static (string[] Arguments, CultureInfo Culture) ReadLanguage(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var rest = new List<string>(args.Length);
        var culture = MessageTexts.English;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--")
            {
                rest.AddRange(args[i..]);
                break;
            }

            string? value = null;
            if (args[i] == LanguageOption)
            {
                value = i + 1 < args.Length ? args[++i] : throw new UsageException($"{LanguageOption} needs a value: en or zh");
            }
            else if (args[i].StartsWith(LanguageOption + "=", StringComparison.Ordinal))
            {
                value = args[i][(LanguageOption.Length + 1)..];
            }
            else
            {
                rest.Add(args[i]);
                continue;
            }

            culture = value.Trim().ToLowerInvariant() switch
            {
                "en" or "english" => MessageTexts.English,
                "zh" or "zh-cn" or "chinese" => MessageTexts.Chinese,
                _ => throw new UsageException($"{LanguageOption} must be en or zh, not '{value}'"),
            };
        }

        return ([.. rest], culture);
    }

    /// <summary>The global option that chooses the language of messages.</summary>
    public const string LanguageOption = "--lang";

    /// <summary>
    /// appsettings.json next to the executable, then environment variables (Database__Provider,
    /// ConnectionStrings__EduPlan), then <paramref name="overrides"/>: the order the web app uses, so both
    /// read the same database.
    /// </summary>
    public static IConfigurationRoot BuildConfiguration(IDictionary<string, string?>? overrides = null)
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";
        var builder = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddJsonFile($"appsettings.{environment}.json", optional: true, reloadOnChange: false)
            .AddEnvironmentVariables();
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        return builder.Build();
    }

    private static int Help(IReadOnlyList<string> topics, TextWriter stdout, TextWriter stderr)
    {
        if (topics.Count == 0)
        {
            Usage.Write(stdout);
            return ExitCodes.Success;
        }

        if (Commands.TryGetValue(topics[0], out var command))
        {
            Usage.WriteCommand(command, stdout);
            return ExitCodes.Success;
        }

        stderr.WriteLine($"error: unknown command '{topics[0]}'");
        Usage.Write(stderr);
        return ExitCodes.Usage;
    }

    private static void WriteUnexpected(Exception e, TextWriter stderr, bool debug)
    {
        if (debug)
        {
            stderr.WriteLine($"error: {e}");
            return;
        }

        stderr.WriteLine($"error: {e.Message}");
        // EF wraps the useful part ("UNIQUE constraint failed", "Login failed for user") in inner exceptions.
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            stderr.WriteLine($"  caused by: {inner.Message}");
        }

        stderr.WriteLine($"  (set {DebugVariable}=1 for the stack trace)");
    }
}
