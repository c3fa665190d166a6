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
