using EduPlan.Application.Auditing;
using EduPlan.Core.Auditing;
using EduPlan.Core.Messages;
using EduPlan.Core.Reporting;
using EduPlan.Core.Text;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Reporting.Periods;

/// <summary>
/// The coordinators' changes to the entry windows (填报期): close a quarter early, reopen it until a date, restore its
/// default dates, and open it for one department (an exception). Each change is audited with the window before and after,
/// in the same SaveChanges as the change; an invalid request writes nothing. A result's value is the window after the
/// change: the quarter-wide one (close, reopen, reset) or the department's (exceptions).
/// </summary>
public sealed class ReportingPeriodAdministration(EduPlanDbContext db, AuditLog audit, ReportingCalendar calendar, TimeProvider clock)
{
    /// <summary>The form field names the errors are keyed by.</summary>
    public const string ReasonField = "Reason";
    public const string OpenUntilField = "OpenUntil";
    public const string DepartmentIdField = "DepartmentId";

    public const int MaxReasonLength = ReportingPeriodOverride.MaxReasonLength;

    /// <summary>The latest date a quarter may be opened until: one year after it ends (later is surely a typing mistake).</summary>
    public static DateOnly LatestOpenUntil(Quarter quarter) => quarter.EndDate.AddYears(1);

    /// <summary>
    /// The reporting quarters from <paramref name="from"/> to <paramref name="to"/> (kept within 2025Q1–2035Q4), NEWEST FIRST,
    /// each with its default dates, today's quarter-wide window, the override and the exceptions with department names.
    /// </summary>
    public async Task<IReadOnlyList<PeriodSummary>> ListAsync(Quarter from, Quarter to, CancellationToken cancellationToken = default)
    {
        from = from < Quarter.First ? Quarter.First : from;
        to = to > Quarter.Last ? Quarter.Last : to;
        if (from > to)
        {
            return [];
        }

        // Rows rather than a projection: QuarterWindows decides from the rows themselves, as every other reader does.
        var rows = await db.ReportingPeriodOverrides
            .AsNoTracking()
            .Include(o => o.Department)
            .Where(o => o.Year >= from.Year && o.Year <= to.Year)
            .ToListAsync(cancellationToken);

        var today = calendar.Today();
        var current = calendar.CurrentQuarter();
        var graceDays = calendar.GraceDays;
        var periods = new List<PeriodSummary>();
        foreach (var quarter in Quarter.Range(from, to).Reverse())
        {
            var windows = new QuarterWindows(quarter, today, graceDays, rows.Where(o => Is(o, quarter)).ToList());
            var exceptions = windows.Exceptions.Values
                .Where(e => e.OpenUntil is not null)
                .Select(e => new PeriodExceptionSummary(
                    e.DepartmentId!.Value,
                    e.Department?.Name ?? "",
                    e.Department?.ShortName ?? "",
                    e.OpenUntil!.Value,
                    e.Reason,
                    e.ChangedAt,
                    e.ChangedByName,
                    today > e.OpenUntil.Value,
                    windows.For(e.DepartmentId.Value)))
                .OrderBy(e => e.DepartmentName, StringComparer.Ordinal)
                .ToList();
            var change = windows.QuarterOverride is { } o
                ? new PeriodOverrideSummary(o.Mode, o.OpenUntil, o.Reason, o.ChangedAt, o.ChangedByName)
                : null;
            periods.Add(new PeriodSummary(quarter, quarter.EntryOpens, quarter.DefaultDeadline(graceDays), quarter == current,
                windows.QuarterWide, change, exceptions));
        }

        return periods;
    }

    /// <summary>One quarter as <see cref="ListAsync"/> gives it; null outside 2025Q1–2035Q4.</summary>
    public async Task<PeriodSummary?> GetAsync(Quarter quarter, CancellationToken cancellationToken = default) =>
        IsValid(quarter) && quarter.IsReportingQuarter ? (await ListAsync(quarter, quarter, cancellationToken)).Single() : null;

    /// <summary>
    /// Closes the whole quarter now (提前关闭); department exceptions still apply. Refused when the quarter is already
    /// closed for good (closed, or past its deadline): there is nothing to close.
    /// </summary>
    public async Task<Result<PeriodWindow>> CloseAsync(Quarter quarter, string? reason, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        var text = CheckQuarter(quarter, errors) ? CheckReason(reason, errors) : "";
        if (errors.Count > 0)
        {
            return Result<PeriodWindow>.Invalid(errors);
        }

        var rows = await QuarterRowsAsync(quarter, cancellationToken);
        var existing = Newest(rows, null);
        var before = Decide(quarter, existing, null);
        // Not yet open counts as closable: a coordinator may hold a quarter shut past its default opening day.
        var notYetOpen = before.Source == PeriodWindowSource.Default && calendar.Today() < quarter.EntryOpens;
        if (!before.IsOpen && !notYetOpen)
        {
            return Result<PeriodWindow>.Refused(new Message("Period_NothingToClose", before.Reason), before);
        }

        var row = Upsert(rows, quarter, null);
        var beforeSnapshot = Snapshot(existing, before);
        row.Mode = PeriodOverrideMode.Closed;
        row.OpenUntil = null;
        row.Reason = text;
        Stamp(row);
        var after = Decide(quarter, row, null);
        audit.Add(AuditActions.PeriodClosed, AuditOutcome.Success, AuditTarget.Period(quarter.ToString()),
            new { before = beforeSnapshot, after = Snapshot(row, after) });
        await db.SaveChangesAsync(cancellationToken);
        return Result<PeriodWindow>.Saved(after);
    }

    /// <summary>Opens the whole quarter from now until <paramref name="openUntil"/> (China date, inclusive), replacing its default dates.</summary>
    public async Task<Result<PeriodWindow>> ReopenAsync(Quarter quarter, DateOnly? openUntil, string? reason, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        var (until, text) = CheckQuarter(quarter, errors) ? (CheckOpenUntil(quarter, openUntil, errors), CheckReason(reason, errors)) : (default, "");
        if (errors.Count > 0)
        {
            return Result<PeriodWindow>.Invalid(errors);
        }

        var rows = await QuarterRowsAsync(quarter, cancellationToken);
        var existing = Newest(rows, null);
        var before = Decide(quarter, existing, null);
        if (existing is { Mode: PeriodOverrideMode.Open } && existing.OpenUntil == until && existing.Reason == text && rows.Count(r => r.DepartmentId is null) == 1)
        {
            return Result<PeriodWindow>.Unchanged(before);
        }

        var beforeSnapshot = Snapshot(existing, before);
        var row = Upsert(rows, quarter, null);
        row.Mode = PeriodOverrideMode.Open;
        row.OpenUntil = until;
        row.Reason = text;
        Stamp(row);
        var after = Decide(quarter, row, null);
        audit.Add(AuditActions.PeriodReopened, AuditOutcome.Success, AuditTarget.Period(quarter.ToString()),
            new { before = beforeSnapshot, after = Snapshot(row, after) });
        await db.SaveChangesAsync(cancellationToken);
        return Result<PeriodWindow>.Saved(after);
    }

    /// <summary>Back to the default dates (恢复默认): deletes the quarter-wide change; the department exceptions stay.</summary>
    public async Task<Result<PeriodWindow>> ResetAsync(Quarter quarter, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        if (!CheckQuarter(quarter, errors))
        {
            return Result<PeriodWindow>.Invalid(errors);
        }

        var rows = await QuarterRowsAsync(quarter, cancellationToken);
        var existing = Newest(rows, null);
        if (existing is null)
        {
            return Result<PeriodWindow>.Unchanged(Decide(quarter, null, null));
        }

        var beforeSnapshot = Snapshot(existing, Decide(quarter, existing, null));
        db.ReportingPeriodOverrides.RemoveRange(rows.Where(r => r.DepartmentId is null));
        var after = Decide(quarter, null, null);
        audit.Add(AuditActions.PeriodReset, AuditOutcome.Success, AuditTarget.Period(quarter.ToString()),
            new { before = beforeSnapshot, after = Snapshot(null, after) });
        await db.SaveChangesAsync(cancellationToken);
        return Result<PeriodWindow>.Saved(after);
    }

    /// <summary>
    /// Opens the quarter for one active department until <paramref name="openUntil"/>, whatever the quarter-wide window
    /// says (为单位开放). A second grant for the same department and quarter changes the first.
    /// </summary>
    public async Task<Result<PeriodWindow>> GrantExceptionAsync(Quarter quarter, int? departmentId, DateOnly? openUntil, string? reason, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        if (!CheckQuarter(quarter, errors))
        {
            return Result<PeriodWindow>.Invalid(errors);
        }

        var department = departmentId is { } id
            ? await db.Departments.AsNoTracking().Where(d => d.Id == id).Select(d => new { d.Id, d.Name, d.ShortName, d.IsActive }).SingleOrDefaultAsync(cancellationToken)
            : null;
        if (departmentId is null)
        {
            errors.Add(FieldError.Of(DepartmentIdField, "Period_DepartmentRequired"));
        }
        else if (department is null)
        {
            errors.Add(FieldError.Of(DepartmentIdField, "Period_DepartmentNotFound"));
        }
        else if (!department.IsActive)
        {
            errors.Add(FieldError.Of(DepartmentIdField, "Period_DepartmentInactive", department.Name));
        }

        var until = CheckOpenUntil(quarter, openUntil, errors);
        var text = CheckReason(reason, errors);
        if (errors.Count > 0)
        {
            return Result<PeriodWindow>.Invalid(errors);
        }

        var rows = await QuarterRowsAsync(quarter, cancellationToken);
        var quarterWide = Newest(rows, null);
        var existing = Newest(rows, department!.Id);
        var before = Decide(quarter, quarterWide, existing);
        if (existing is { Mode: PeriodOverrideMode.Open } && existing.OpenUntil == until && existing.Reason == text && rows.Count(r => r.DepartmentId == department.Id) == 1)
        {
            return Result<PeriodWindow>.Unchanged(before);
        }

        var beforeSnapshot = Snapshot(existing, before, department.Name);
        var row = Upsert(rows, quarter, department.Id);
        row.Mode = PeriodOverrideMode.Open;
        row.OpenUntil = until;
        row.Reason = text;
        Stamp(row);
        var after = Decide(quarter, quarterWide, row);
        audit.Add(AuditActions.PeriodExceptionGranted, AuditOutcome.Success, AuditTarget.Period(quarter.ToString(), department.ShortName),
            new { before = beforeSnapshot, after = Snapshot(row, after, department.Name) });
        await db.SaveChangesAsync(cancellationToken);
        return Result<PeriodWindow>.Saved(after);
    }

    /// <summary>Removes one department's exception (取消例外): the department is back on the quarter-wide window.</summary>
    public async Task<Result<PeriodWindow>> RemoveExceptionAsync(Quarter quarter, int departmentId, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        if (!CheckQuarter(quarter, errors))
        {
            return Result<PeriodWindow>.Invalid(errors);
        }

        var rows = await QuarterRowsAsync(quarter, cancellationToken);
        var existing = Newest(rows, departmentId);
        if (existing is null)
        {
            return Result<PeriodWindow>.NotFound(new Message("Period_NoException", quarter));
        }

        var department = await db.Departments.AsNoTracking().Where(d => d.Id == departmentId)
            .Select(d => new { d.Name, d.ShortName }).SingleAsync(cancellationToken);
        var quarterWide = Newest(rows, null);
        var beforeSnapshot = Snapshot(existing, Decide(quarter, quarterWide, existing), department.Name);
        db.ReportingPeriodOverrides.RemoveRange(rows.Where(r => r.DepartmentId == departmentId));
        var after = Decide(quarter, quarterWide, null);
        audit.Add(AuditActions.PeriodExceptionRemoved, AuditOutcome.Success, AuditTarget.Period(quarter.ToString(), department.ShortName),
            new { before = beforeSnapshot, after = Snapshot(null, after, department.Name) });
        await db.SaveChangesAsync(cancellationToken);
        return Result<PeriodWindow>.Saved(after);
    }

    private static bool Is(ReportingPeriodOverride row, Quarter quarter) => row.Year == quarter.Year && row.QuarterNumber == quarter.Number;

    private static bool IsValid(Quarter quarter) => quarter.Number is >= 1 and <= 4;

    private static bool CheckQuarter(Quarter quarter, List<FieldError> errors)
    {
        if (!IsValid(quarter))
        {
            errors.Add(FieldError.Of(FieldError.Form, "Period_QuarterRequired"));
            return false;
        }

        if (!quarter.IsReportingQuarter)
        {
            errors.Add(FieldError.Of(FieldError.Form, "Period_NotAReportingQuarter", ReportingWindow.NotAReportingQuarter(quarter)));
            return false;
        }

        return true;
    }

    private static string CheckReason(string? reason, List<FieldError> errors)
    {
        var text = (TextSanitiser.FreeText(reason) ?? "").Trim();
        if (text.Length == 0)
        {
            errors.Add(FieldError.Of(ReasonField, "Period_ReasonRequired"));
        }
        else if (text.Length > MaxReasonLength)
        {
            errors.Add(FieldError.Of(ReasonField, "Period_ReasonTooLong", MaxReasonLength, text.Length));
        }

        return text;
    }

    private DateOnly CheckOpenUntil(Quarter quarter, DateOnly? openUntil, List<FieldError> errors)
    {
        var today = calendar.Today();
        var latest = LatestOpenUntil(quarter);
        if (openUntil is not { } until)
        {
            errors.Add(FieldError.Of(OpenUntilField, "Period_OpenUntilRequired"));
            return default;
        }

        if (until < today)
        {
            errors.Add(FieldError.Of(OpenUntilField, "Period_OpenUntilPast", today));
        }
        else if (until > latest)
        {
            errors.Add(FieldError.Of(OpenUntilField, "Period_OpenUntilTooLate", latest, quarter));
        }

        return until;
    }

    /// <summary>All of a quarter's rows, tracked: the change updates one and removes any duplicate a race left behind.</summary>
    private Task<List<ReportingPeriodOverride>> QuarterRowsAsync(Quarter quarter, CancellationToken cancellationToken) =>
        db.ReportingPeriodOverrides
            .Where(o => o.Year == quarter.Year && o.QuarterNumber == quarter.Number)
            .ToListAsync(cancellationToken);

    /// <summary>The row that counts (the newest, as <see cref="QuarterWindows"/> reads it) for the whole quarter or one department.</summary>
    private static ReportingPeriodOverride? Newest(List<ReportingPeriodOverride> rows, int? departmentId) =>
        rows.Where(r => r.DepartmentId == departmentId).OrderByDescending(r => r.ChangedAt).ThenByDescending(r => r.Id).FirstOrDefault();

    /// <summary>
    /// The one row to change: the newest existing one, or a new one. Older duplicates (two coordinators saving at once
    /// can each insert one; the index is not unique, see its configuration) are removed, so one row per key remains.
    /// </summary>
    private ReportingPeriodOverride Upsert(List<ReportingPeriodOverride> rows, Quarter quarter, int? departmentId)
    {
        var row = Newest(rows, departmentId);
        db.ReportingPeriodOverrides.RemoveRange(rows.Where(r => r.DepartmentId == departmentId && r != row));
        if (row is null)
        {
            row = new ReportingPeriodOverride { Year = quarter.Year, QuarterNumber = quarter.Number, DepartmentId = departmentId };
            db.ReportingPeriodOverrides.Add(row);
        }

        return row;
    }

    private void Stamp(ReportingPeriodOverride row)
    {
        row.ChangedAt = clock.GetUtcNow().UtcDateTime;
        row.ChangedByName = audit.Actor.UserName;
    }

    private PeriodWindow Decide(Quarter quarter, ReportingPeriodOverride? quarterWide, ReportingPeriodOverride? exception) =>
        ReportingWindow.Decide(quarter, calendar.Today(), calendar.GraceDays, quarterWide, exception);

    /// <summary>What the audit entry keeps of a window: the change (or "Default") and the sentence reporters see.</summary>
    private static object Snapshot(ReportingPeriodOverride? row, PeriodWindow window, string? department = null) => new
    {
        department,
        mode = row?.Mode.ToString() ?? "Default",
        openUntil = row?.OpenUntil is { } until ? ReportingWindow.Date(until) : null,
        reason = row?.Reason,
        isOpen = window.IsOpen,
        window = window.Reason,
    };
}
