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

    public PeriodWindow For(int departmentId) =>
        exceptions.TryGetValue(departmentId, out var exception)
            ? ReportingWindow.Decide(Quarter, today, graceDays, quarterOverride, exception)
            : QuarterWide;
}
