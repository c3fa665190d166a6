using EduPlan.Core.Reporting;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduPlan.Application.Reporting;

/// <summary>
/// Today's reporting quarter and the entry window of any quarter for any department: the clock
/// (<see cref="TimeProvider"/>, so tests move time), the configured grace days and the coordinators' overrides.
/// </summary>
public sealed class ReportingCalendar(EduPlanDbContext db, TimeProvider clock, IOptions<ReportingOptions> options)
{
    /// <summary>Reporting:GraceDays; a negative or absurd value is a configuration mistake, said at the first use.</summary>
    public int GraceDays => options.Value.GraceDays is >= 0 and <= MaxGraceDays
        ? options.Value.GraceDays
        : throw new InvalidOperationException($"Reporting:GraceDays must be between 0 and {MaxGraceDays} (it is {options.Value.GraceDays}).");

    /// <summary>A quarter's entry must close before the next quarter's last month opens for it to mean anything.</summary>
    public const int MaxGraceDays = 60;

    /// <summary>Today's date in China.</summary>
    public DateOnly Today() => ChinaCalendar.Today(clock);

    /// <summary>The calendar quarter of today, kept within 2025Q1–2035Q4.</summary>
    public Quarter CurrentQuarter()
    {
        // Compared as dates first: Quarter.Containing cannot make quarters outside 2000–2100.
        var today = Today();
        return today < Quarter.First.StartDate ? Quarter.First
            : today > Quarter.Last.EndDate ? Quarter.Last
            : Quarter.Containing(today);
    }

    /// <summary>
    /// The latest quarter whose entry has closed by default (its deadline, <see cref="GraceDays"/> after its end, has
    /// passed): the quarter leaders look at by default. 2025Q1 before any has closed.
    /// </summary>
    public Quarter LatestClosedQuarter()
    {
        var today = Today();
        var latest = Quarter.First;
        for (var q = Quarter.First; q <= Quarter.Last && q.DefaultDeadline(GraceDays) < today; q = q.Next)
        {
            latest = q;
            if (q == Quarter.Last)
            {
                break;
            }
        }

        return latest;
    }

    /// <summary>The overrides of several quarters, read once, by quarter.</summary>
    public async Task<IReadOnlyDictionary<Quarter, QuarterWindows>> LoadAsync(IReadOnlyCollection<Quarter> quarters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(quarters);
        var years = quarters.Select(q => q.Year).Distinct().ToList();
        var overrides = await db.ReportingPeriodOverrides.AsNoTracking()
            .Where(o => years.Contains(o.Year))
            .ToListAsync(cancellationToken);
        var today = Today();
        return quarters.Distinct().ToDictionary(
            q => q,
            q => new QuarterWindows(q, today, GraceDays, overrides.Where(o => o.Year == q.Year && o.QuarterNumber == q.Number).ToList()));
    }

    /// <summary>The window of one quarter for one department.</summary>
    public async Task<PeriodWindow> GetWindowAsync(Quarter quarter, int departmentId, CancellationToken cancellationToken = default) =>
        (await LoadAsync(quarter, cancellationToken)).For(departmentId);

    /// <summary>A quarter's overrides, read once, to decide the window of many departments.</summary>
    public async Task<QuarterWindows> LoadAsync(Quarter quarter, CancellationToken cancellationToken = default)
    {
        var overrides = await db.ReportingPeriodOverrides.AsNoTracking()
            .Where(o => o.Year == quarter.Year && o.QuarterNumber == quarter.Number)
            .ToListAsync(cancellationToken);
        return new QuarterWindows(quarter, Today(), GraceDays, overrides);
    }

    /// <summary>
    /// The quarter a department should be reporting on today: the latest quarter (up to the current one) open for
    /// it, or, when none is open, the current calendar quarter (whose window then says when it opens).
    /// </summary>
    public async Task<Quarter> DefaultQuarterAsync(int? departmentId, CancellationToken cancellationToken = default)
    {
        var current = CurrentQuarter();
        var candidates = new List<Quarter> { current };
        // A department exception can hold an old quarter open; look back two years at most.
        for (var q = current.Previous; q >= Quarter.First && candidates.Count < 9; q = q.Previous)
        {
            candidates.Add(q);
        }

        var years = candidates.Select(q => q.Year).Distinct().ToList();
        var overrides = await db.ReportingPeriodOverrides.AsNoTracking()
            .Where(o => years.Contains(o.Year))
            .ToListAsync(cancellationToken);
        foreach (var quarter in candidates)
        {
            var windows = new QuarterWindows(quarter, Today(), GraceDays, overrides.Where(o => o.Year == quarter.Year && o.QuarterNumber == quarter.Number).ToList());
            var window = departmentId is { } id ? windows.For(id) : windows.QuarterWide;
            if (window.IsOpen)
            {
                return quarter;
            }
        }

        return current;
    }
}

/// <summary>The windows of one quarter: quarter-wide and per department.</summary>
public sealed class QuarterWindows
{
    private readonly DateOnly today;
    private readonly int graceDays;
    private readonly ReportingPeriodOverride? quarterOverride;
    private readonly Dictionary<int, ReportingPeriodOverride> exceptions;

    public QuarterWindows(Quarter quarter, DateOnly today, int graceDays, IReadOnlyCollection<ReportingPeriodOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        Quarter = quarter;
        this.today = today;
        this.graceDays = graceDays;
        quarterOverride = overrides.Where(o => o.DepartmentId is null).OrderByDescending(o => o.ChangedAt).FirstOrDefault();
        exceptions = overrides.Where(o => o.DepartmentId is not null)
            .GroupBy(o => o.DepartmentId!.Value)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(o => o.ChangedAt).First());
        QuarterWide = ReportingWindow.Decide(quarter, today, graceDays, quarterOverride, null);
    }

    public Quarter Quarter { get; }

    /// <summary>The window for departments without an exception.</summary>
    public PeriodWindow QuarterWide { get; }

    /// <summary>The quarter-wide override, if a coordinator made one.</summary>
    public ReportingPeriodOverride? QuarterOverride => quarterOverride;

    /// <summary>The departments' exceptions, by department id.</summary>
    public IReadOnlyDictionary<int, ReportingPeriodOverride> Exceptions => exceptions;

    /// <summary>
    /// The last day a department could submit on: the quarter's (default, closed early or reopened) and, when the
    /// department had an exception, its later end date, whether or not the exception has expired by now.
    /// </summary>
    public DateOnly? Deadline(int? departmentId)
    {
        var deadline = QuarterWide.OpenUntil
            ?? (QuarterWide.Source == PeriodWindowSource.Default ? Quarter.DefaultDeadline(graceDays) : null);
        if (departmentId is { } id
            && exceptions.TryGetValue(id, out var exception)
            && exception is { Mode: PeriodOverrideMode.Open, OpenUntil: { } until }
            && (deadline is null || until > deadline))
        {
            deadline = until;
        }

        return deadline;
    }

    /// <summary>Whether entry has closed for the department: not open now, and no longer waiting to open.</summary>
    public bool IsClosedFor(int departmentId) => For(departmentId) is { IsOpen: false, OpenUntil: not null };

    /// <summary>Whether a first submission at <paramref name="firstSubmittedUtc"/> came after the deadline (China dates).</summary>
    public static bool IsLate(DateTime firstSubmittedUtc, DateOnly? deadline) =>
        deadline is { } last && DateOnly.FromDateTime(ChinaCalendar.ToChina(firstSubmittedUtc).DateTime) > last;

    public PeriodWindow For(int departmentId) =>
        exceptions.TryGetValue(departmentId, out var exception)
            ? ReportingWindow.Decide(Quarter, today, graceDays, quarterOverride, exception)
            : QuarterWide;
}
