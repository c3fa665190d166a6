using EduPlan.Core.Reporting;

namespace EduPlan.Cli.Demo;

/// <summary>One step of a demo report's history and when it happened (UTC).</summary>
public sealed record DemoStep(ReportAction Action, DateTime At);

/// <summary>How a demo report ends up in the quarter open today.</summary>
public enum DemoOpenOutcome
{
    Unreported,
    Draft,
    Submitted,
    Returned,
    Approved,
}

/// <summary>
/// The steps of a demo report and their times: inside the quarter's entry window, in China office hours, in order,
/// and never later than now (a step that would lie in the future has not happened yet).
/// </summary>
public static class DemoTimeline
{
    /// <summary>
    /// A report of a filled quarter: saved (once or twice) and submitted before the deadline, then approved a few
    /// days later, or first returned, corrected and submitted again. <paramref name="approve"/> false stops at
    /// the submission (a review still to come); <paramref name="submit"/> false stops at the draft (a missed deadline).
    /// Steps later than now have not happened yet, unless <paramref name="ahead"/>: a quarter filled before its time
    /// (--through past the last closed quarter) is moved back to have happened just now.
    /// </summary>
    public static List<DemoStep> Filled(
        Random random, Quarter quarter, int graceDays, DateTime nowUtc, bool twoSaves, bool returnFirst, bool submit, bool approve, bool ahead = false)
    {
        ArgumentNullException.ThrowIfNull(random);
        var opens = ChinaTime(quarter.EntryOpens, 9);
        var deadline = ChinaTime(quarter.DefaultDeadline(graceDays), 18);
        var window = deadline - opens;
        var steps = new List<DemoStep>();
        // Most departments write in the weeks before the deadline; the review follows within days, often after it.
        var at = opens + (window * (0.1 + (0.7 * random.NextDouble())));
        steps.Add(new(ReportAction.Saved, at));
        if (twoSaves)
        {
            at += Hours(random, 2, 96);
            steps.Add(new(ReportAction.Saved, at));
        }

        if (submit)
        {
            at = Min(at + Hours(random, 1, 72), deadline - TimeSpan.FromHours(1));
            steps.Add(new(ReportAction.Submitted, at));
            if (returnFirst)
            {
                at += Hours(random, 20, 72);
                steps.Add(new(ReportAction.Returned, at));
                at += Hours(random, 3, 48);
                steps.Add(new(ReportAction.Saved, at));
                at += Hours(random, 1, 24);
                steps.Add(new(ReportAction.Submitted, at));
            }

            if (approve)
            {
                at += Hours(random, 20, 360);
                steps.Add(new(ReportAction.Approved, at));
            }
        }

        var shaped = OfficeHours(random, steps);
        // The department works inside the window: a step a weekend pushed past the deadline moves back before it.
        var lastDepartmentStep = shaped.FindLastIndex(s => s.Action is ReportAction.Saved or ReportAction.Submitted);
        if (lastDepartmentStep >= 0 && shaped[lastDepartmentStep].At > deadline)
        {
            var fixedPart = InOrderBefore(shaped[..(lastDepartmentStep + 1)], deadline - TimeSpan.FromHours(2));
            shaped = [.. fixedPart, .. shaped[(lastDepartmentStep + 1)..]];
        }

        if (ahead && shaped.Count > 0 && shaped[^1].At > nowUtc)
        {
            var shift = shaped[^1].At - nowUtc + TimeSpan.FromMinutes(30);
            shaped = shaped.Select(s => s with { At = s.At - shift }).ToList();
        }

        return shaped.Where(s => s.At <= nowUtc).ToList();
    }

    /// <summary>A report of the quarter open today: its steps spread between the day entry opened and now.</summary>
    public static List<DemoStep> Open(Random random, Quarter quarter, DateTime nowUtc, DemoOpenOutcome outcome, bool twoSaves)
    {
        ArgumentNullException.ThrowIfNull(random);
        var actions = new List<ReportAction> { ReportAction.Saved };
        if (twoSaves)
        {
            actions.Add(ReportAction.Saved);
        }

        switch (outcome)
        {
            case DemoOpenOutcome.Unreported:
                return [];
            case DemoOpenOutcome.Submitted:
                actions.Add(ReportAction.Submitted);
                break;
            case DemoOpenOutcome.Returned:
                actions.Add(ReportAction.Submitted);
                actions.Add(ReportAction.Returned);
                break;
            case DemoOpenOutcome.Approved:
                actions.Add(ReportAction.Submitted);
                actions.Add(ReportAction.Approved);
                break;
        }

        var opens = ChinaTime(quarter.EntryOpens, 9);
        var start = opens < nowUtc - TimeSpan.FromHours(6) ? opens : nowUtc - TimeSpan.FromHours(6);
        // Never before the first day of entry (a run in the small hours of that day): the portal would refuse the step.
        start = start < ChinaTime(quarter.EntryOpens, 0) ? ChinaTime(quarter.EntryOpens, 0) : start;
        var span = nowUtc - TimeSpan.FromMinutes(5) - start;
        var fractions = actions.Select(_ => random.NextDouble()).Order().ToList();
        var steps = actions.Select((a, i) => new DemoStep(a, start + (span * fractions[i]))).ToList();
        return InOrderBefore(OfficeHours(random, steps), nowUtc);
    }

    /// <summary>A China wall-clock time on <paramref name="date"/>, in UTC.</summary>
    public static DateTime ChinaTime(DateOnly date, int hour, int minute = 0) => ChinaCalendar.ToUtc(date, new TimeOnly(hour, minute));

    /// <summary>Moves each step to office hours (9:00–17:59 China) of its day, or the next working day, keeping their order.</summary>
    private static List<DemoStep> OfficeHours(Random random, List<DemoStep> steps)
    {
        var shaped = new List<DemoStep>(steps.Count);
        var previous = DateTime.MinValue;
        foreach (var step in steps)
        {
            var day = WorkingDay(ChinaCalendar.DateOf(step.At));
            var at = ChinaTime(day, 9 + random.Next(9), random.Next(60));
            if (at <= previous)
            {
                at = previous + TimeSpan.FromMinutes(7 + random.Next(50));
                if (ChinaCalendar.ToChina(at).Hour >= 18)
                {
                    at = ChinaTime(WorkingDay(ChinaCalendar.DateOf(at).AddDays(1)), 9 + random.Next(3), random.Next(60));
                }
            }

            shaped.Add(step with { At = at });
            previous = at;
        }

        return shaped;
    }

    private static DateOnly WorkingDay(DateOnly day)
    {
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>Keeps the steps strictly in order and a minute apart, the last one before now.</summary>
    private static List<DemoStep> InOrderBefore(List<DemoStep> steps, DateTime nowUtc)
    {
        var result = steps.ToArray();
        var limit = nowUtc - TimeSpan.FromMinutes(1);
        for (var i = result.Length - 1; i >= 0; i--)
        {
            if (result[i].At > limit)
            {
                result[i] = result[i] with { At = limit };
            }

            limit = result[i].At - TimeSpan.FromMinutes(1);
        }

        return [.. result];
    }

    private static TimeSpan Hours(Random random, double min, double max) => TimeSpan.FromHours(min + ((max - min) * random.NextDouble()));

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
