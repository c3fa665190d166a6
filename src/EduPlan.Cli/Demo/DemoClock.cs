using EduPlan.Application.Auditing;

namespace EduPlan.Cli.Demo;

/// <summary>
/// The clock the demo's services read: the real time, except while the demo plays a step of a report's history,
/// when it stands at that step's time. So the portal's own use cases stamp a 2025Q1 report with 2025's dates and
/// check it against 2025Q1's entry window, exactly as they did for a user saving it then.
/// </summary>
public sealed class DemoClock(TimeProvider real) : TimeProvider
{
    private DateTimeOffset? at;

    public override DateTimeOffset GetUtcNow() => at ?? real.GetUtcNow();

    /// <summary>Stops the clock at <paramref name="utc"/> (a UTC time) until <see cref="Release"/>.</summary>
    public void Set(DateTime utc) => at = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    /// <summary>Back to the real time.</summary>
    public void Release() => at = null;
}

/// <summary>
/// Who the demo's services act as: the operator (as every other CLI verb) while it sets up departments, owners and
/// users, then each department's demo reporter or the coordinator for the steps of a report.
/// </summary>
public sealed class DemoActor(IAuditActor operatorActor) : IAuditActor
{
    public IAuditActor Current { get; set; } = operatorActor ?? throw new ArgumentNullException(nameof(operatorActor));

    public IAuditActor Operator => operatorActor;

    public string? UserId => Current.UserId;

    public string UserName => Current.UserName;

    public string? ClientAddress => Current.ClientAddress;

    /// <summary>Back to the operator.</summary>
    public void Release() => Current = Operator;
}
