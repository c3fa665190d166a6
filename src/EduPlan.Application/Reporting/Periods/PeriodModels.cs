using EduPlan.Core.Reporting;

namespace EduPlan.Application.Reporting.Periods;

/// <summary>One quarter on the period page: its default dates, today's quarter-wide window, the override and the exceptions.</summary>
/// <param name="Window">The window today for departments without an exception.</param>
/// <param name="Override">The coordinator's quarter-wide change (closed early or reopened), or null for the default dates.</param>
/// <param name="Exceptions">The departments the quarter is opened for, by department name.</param>
public sealed record PeriodSummary(
    Quarter Quarter,
    DateOnly EntryOpens,
    DateOnly DefaultDeadline,
    bool IsCurrent,
    PeriodWindow Window,
    PeriodOverrideSummary? Override,
    IReadOnlyList<PeriodExceptionSummary> Exceptions);

/// <summary>A quarter-wide change: closed early (no date) or reopened until <paramref name="OpenUntil"/>.</summary>
/// <param name="ChangedAt">UTC.</param>
public sealed record PeriodOverrideSummary(PeriodOverrideMode Mode, DateOnly? OpenUntil, string? Reason, DateTime ChangedAt, string ChangedByName);

/// <summary>A quarter opened for one department until <paramref name="OpenUntil"/>.</summary>
/// <param name="IsExpired">True once <paramref name="OpenUntil"/> has passed (China date); kept on the page until removed.</param>
/// <param name="Window">The department's window today.</param>
/// <param name="ChangedAt">UTC.</param>
public sealed record PeriodExceptionSummary(
    int DepartmentId,
    string DepartmentName,
    string DepartmentShortName,
    DateOnly OpenUntil,
    string? Reason,
    DateTime ChangedAt,
    string ChangedByName,
    bool IsExpired,
    PeriodWindow Window);

/// <summary>How a period change ended.</summary>
public enum PeriodOutcome
{
    /// <summary>Written, with its audit entry.</summary>
    Saved,

    /// <summary>The quarter already is as asked; nothing was written.</summary>
    Unchanged,

    /// <summary>An input is wrong; see <see cref="PeriodResult.Errors"/>. Nothing was written.</summary>
    Invalid,

    /// <summary>The exception to remove does not exist (any more). Nothing was written.</summary>
    NotFound,
}

/// <summary>The result of closing, reopening, resetting or granting/removing an exception.</summary>
/// <param name="Window">After a save or no change: the quarter-wide window (close, reopen, reset) or the department's (exceptions).</param>
/// <param name="Errors">Chinese messages keyed by field: Reason, OpenUntil, DepartmentId, or "" for the request as a whole.</param>
public sealed record PeriodResult(PeriodOutcome Outcome, PeriodWindow? Window, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Outcome is PeriodOutcome.Saved or PeriodOutcome.Unchanged;

    internal static PeriodResult Saved(PeriodWindow window) => new(PeriodOutcome.Saved, window, []);

    internal static PeriodResult Unchanged(PeriodWindow window) => new(PeriodOutcome.Unchanged, window, []);

    internal static PeriodResult Invalid(IReadOnlyList<FieldError> errors) => new(PeriodOutcome.Invalid, null, errors);

    internal static PeriodResult NotFound(string message) => new(PeriodOutcome.NotFound, null, [new FieldError(FieldError.Form, message)]);
}
