using System.Globalization;
using EduPlan.Core.Reporting;
using EduPlan.Web.Features.Shared;

namespace EduPlan.Web.Features.MyTasks;

/// <summary>How the reporting pages write quarters, dates, states and values.</summary>
public static class ReportingDisplay
{
    private static bool Chinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    /// <summary>"2026年第三季度" in Chinese, "2026 Q3" otherwise.</summary>
    public static string Quarter(Quarter quarter) => Chinese ? quarter.Text() : $"{quarter.Year} Q{quarter.Number}";

    /// <summary>A China date as 2026-10-15.</summary>
    public static string Date(DateOnly date) => ReportingWindow.Date(date);

    /// <summary>The resource key of a report state; null is 未填报.</summary>
    public static string StateKey(ReportState? state) => "ReportState" + (state?.ToString() ?? "None");

    public static string StatusKey(ReportStatus status) => "ReportStatus" + status;

    /// <summary>
    /// The badge of a review state, in the classes the review pages use (outlined, so it never reads as the filled status
    /// badge beside it); 未填报 has its own dashed one.
    /// </summary>
    public static string StateBadge(ReportState? state) =>
        "badge report-state report-state-" + (state?.ToString().ToLowerInvariant() ?? "none");

    /// <summary>The (filled) badge of a reported status, in the classes the review pages use.</summary>
    public static string StatusBadge(ReportStatus status) => "badge report-status report-status-" + status.ToString().ToLowerInvariant();

    /// <summary>A value with its unit: 86.5%, 3.5万人.</summary>
    public static string Value(decimal value, string unit) => Display.Target(value) + unit;
}

/// <summary>The previous / next quarter links of a reporting page (none before 2025Q1 or after the latest quarter offered).</summary>
public sealed record QuarterSwitcher(string Path, Quarter Current, Quarter? Previous, Quarter? Next)
{
    /// <summary>Offers quarters from 2025Q1 to <paramref name="latest"/> (today's quarter: later ones have nothing to show).</summary>
    public static QuarterSwitcher For(string path, Quarter current, Quarter latest) => new(
        path,
        current,
        current > Core.Reporting.Quarter.First ? current.Previous : null,
        current < latest && current < Core.Reporting.Quarter.Last ? current.Next : null);

    public string Url(Quarter quarter) => $"{Path}?quarter={quarter}";
}
