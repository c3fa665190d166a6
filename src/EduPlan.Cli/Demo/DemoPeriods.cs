using EduPlan.Core.Reporting;

namespace EduPlan.Cli.Demo;

/// <summary>
/// Which quarters the demo fills: every quarter from 2025Q1 to the last closed one (or --through) with reviewed
/// reports, and the quarter open for entry today, if later, with a mix of drafts, submitted and unreported tasks.
/// </summary>
/// <param name="Filled">Quarters whose reports went through the whole review, oldest first.</param>
/// <param name="LastClosed">The latest quarter whose default deadline has passed; null before the first one.</param>
/// <param name="Open">The quarter open for entry today, when it comes after <paramref name="Filled"/>; null otherwise.</param>
public sealed record DemoPeriods(IReadOnlyList<Quarter> Filled, Quarter? LastClosed, Quarter? Open, DateOnly Today)
{
    /// <summary>Decides the quarters by the default windows (the demo ignores coordinators' overrides).</summary>
    public static DemoPeriods Decide(DateOnly today, int graceDays, Quarter? through)
    {
        Quarter? lastClosed = null;
        for (var q = Quarter.First; q <= Quarter.Last && q.DefaultDeadline(graceDays) < today; q = q.Next)
        {
            lastClosed = q;
        }

        var last = through ?? lastClosed;
        var filled = last is { } l && l >= Quarter.First ? Quarter.Range(Quarter.First, l).ToList() : [];

        // The quarter a reporter works on today: the latest whose default window is open (the previous one while its
        // grace days run, or the current one from the first day of its last month).
        Quarter? open = null;
        var current = Quarter.Containing(today);
        foreach (var candidate in new[] { current.Previous, current })
        {
            if (candidate.IsReportingQuarter && ReportingWindow.Decide(candidate, today, graceDays, null, null).IsOpen)
            {
                open = candidate;
            }
        }

        if (open is { } o && filled.Count > 0 && o <= filled[^1])
        {
            open = null;
        }

        return new DemoPeriods(filled, lastClosed, open, today);
    }

    /// <summary>"2025Q1–2026Q2" or "none".</summary>
    public string FilledRange => Filled.Count == 0 ? "none" : Filled.Count == 1 ? Filled[0].ToString() : $"{Filled[0]}–{Filled[^1]}";
}
