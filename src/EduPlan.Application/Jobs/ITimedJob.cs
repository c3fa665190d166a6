namespace EduPlan.Application.Jobs;

/// <summary>
/// Work the portal does by the clock (reminders, refreshing what the calendar alone changes). Registered as a scoped
/// service; <see cref="TimedJobRunner"/> runs it once per <see cref="Interval"/> across every instance on the database.
/// </summary>
public interface ITimedJob
{
    /// <summary>The lease's name: unique, stable, at most 64 characters.</summary>
    string Name { get; }

    /// <summary>How often the job runs: at most once per interval, counted from its last completed run.</summary>
    TimeSpan Interval { get; }

    /// <summary>The longest one run may take; past it another instance may take the job over (the first is presumed dead).</summary>
    TimeSpan Timeout { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
