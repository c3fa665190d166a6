namespace EduPlan.Application.Auditing;

/// <summary>Who is acting and from where: the signed-in web user and their address, or the command-line operator.</summary>
public interface IAuditActor
{
    /// <summary>The Identity user id, or null (anonymous visitor, command line).</summary>
    string? UserId { get; }

    /// <summary>The user name, "anonymous", or "cli:&lt;os user&gt;".</summary>
    string UserName { get; }

    /// <summary>The client's IP address, or "local".</summary>
    string? ClientAddress { get; }
}

/// <summary>A fixed actor: the command line, the start-up step, or a test.</summary>
public sealed record FixedAuditActor(string? UserId, string UserName, string? ClientAddress) : IAuditActor
{
    /// <summary>The operator running the CLI, named by their operating-system account.</summary>
    public static FixedAuditActor CommandLine() => new(null, "cli:" + Environment.UserName, "local");

    public static readonly FixedAuditActor System = new(null, "system", "local");
}
