namespace EduPlan.Cli.Infrastructure;

/// <summary>The process exit codes of eduplan.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran and failed: a refused file, a missing plan, an unreachable database.</summary>
    public const int Failure = 1;

    /// <summary>The command line could not be understood (unknown verb or option, missing argument).</summary>
    public const int Usage = 2;
}
