namespace EduPlan.Cli.Infrastructure;

/// <summary>A failure the user can act on; printed as one "error: …" line and exit code 1, without a stack trace.</summary>
public class CliException(string message) : Exception(message);

/// <summary>The command line itself is wrong; printed with the command's usage and exit code 2.</summary>
public sealed class UsageException(string message) : CliException(message);
