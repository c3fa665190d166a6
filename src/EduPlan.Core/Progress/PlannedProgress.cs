using EduPlan.Core.Reporting;

namespace EduPlan.Core.Progress;

/// <summary>Planned percent complete at the end of a quarter (形象进度), a point of a task's planned-progress curve.</summary>
public readonly record struct PlannedPoint(Quarter Quarter, int Percent);

/// <summary>
/// A task's planned period and, optionally, its planned-progress curve; gives 序时进度, the percent that should be done
/// by the end of a day if work went as planned. Without a curve it is linear by days from the start to the due date
/// (a one-year task: 25, 50, 75 and 100 % at the ends of its quarters); with one, linear between the curve's points.
/// </summary>
public sealed record PlannedProgress
{
    /// <summary>When every task starts unless a coordinator says otherwise: reporting begins with 2025Q1.</summary>
    public static readonly DateOnly DefaultStart = new(2025, 1, 1);

    public PlannedProgress(DateOnly start, DateOnly due, IReadOnlyList<PlannedPoint>? points = null)
    {
        if (due < start)
        {
            throw new ArgumentOutOfRangeException(nameof(due), due, "The due date is before the start.");
        }

        Start = start;
        Due = due;
        Points = (points ?? []).OrderBy(p => p.Quarter).ToList();
    }

    public DateOnly Start { get; }

    public DateOnly Due { get; }

    /// <summary>The curve, oldest quarter first; empty for a straight line.</summary>
    public IReadOnlyList<PlannedPoint> Points { get; }

    /// <summary>The default period: 2025-01-01 to the end of the plan's last year, no curve.</summary>
    public static PlannedProgress Default(int planEndYear) => new(DefaultStart, new DateOnly(planEndYear, 12, 31));

    /// <summary>
    /// 序时进度 at the end of <paramref name="date"/>, a whole percent (halves round up): 0 before the start, 100 from the
    /// due date on. Days are counted whole, so the end of the start day is already one day's share.
    /// </summary>
    public int ExpectedAt(DateOnly date)
    {
        // Nodes: nothing done at the end of the day before the start, the curve's points, everything by the due date.
        var previousDay = Start.DayNumber - 1;
        var previousPercent = 0.0;
        if (date.DayNumber <= previousDay)
        {
            return 0;
        }

        foreach (var (day, percent) in Nodes())
        {
            if (date.DayNumber <= day)
            {
                var share = (date.DayNumber - previousDay) / (double)(day - previousDay);
                return (int)Math.Round(previousPercent + ((percent - previousPercent) * share), MidpointRounding.AwayFromZero);
            }

            previousDay = day;
            previousPercent = percent;
        }

        return 100;
    }

    private IEnumerable<(int Day, double Percent)> Nodes()
    {
        foreach (var point in Points)
        {
            var day = point.Quarter.EndDate.DayNumber;
            if (day > Start.DayNumber - 1 && day < Due.DayNumber)
            {
                yield return (day, point.Percent);
            }
        }

        yield return (Due.DayNumber, 100);
    }
}
