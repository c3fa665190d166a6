using System.Globalization;
using EduPlan.Core.Plans;
using EduPlan.Core.Reporting;

namespace EduPlan.Web.Features.Shared;

/// <summary>Small formatting rules shared by the views (dates of issue, targets, paragraphs).</summary>
public static class Display
{
    /// <summary>"2024-12" as 2024年12月 in Chinese and as 2024-12 otherwise; anything else as written.</summary>
    public static string IssuedOn(string? issuedOn)
    {
        if (string.IsNullOrWhiteSpace(issuedOn))
        {
            return "";
        }

        if (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh"
            && DateOnly.TryParseExact(issuedOn + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return $"{date.Year}年{date.Month}月";
        }

        return issuedOn;
    }

    /// <summary>The day of an import in the server's time zone: 2025年3月2日 in Chinese, 2025-03-02 otherwise.</summary>
    public static string ImportDate(DateTimeOffset importedAt)
    {
        var local = importedAt.ToLocalTime();
        return CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh"
            ? $"{local.Year}年{local.Month}月{local.Day}日"
            : local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>A stored UTC time as wall-clock time in China (北京时间, UTC+8), "2026-03-02 00:30:05", whatever the server's zone.</summary>
    public static string ChinaTime(DateTime utc) =>
        ChinaCalendar.ToChina(utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The same to the minute, as the reporting pages show it: "2026-09-10 14:05".</summary>
    public static string ChinaMinute(DateTime utc) =>
        ChinaCalendar.ToChina(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A section's marker as its document writes it (第三章, §2), or 三、 for rows imported before labels were kept.</summary>
    public static string SectionMarker(string? label, int number) =>
        string.IsNullOrEmpty(label) ? ChineseNumerals.SectionMarker(number) : label.EndsWith('、') ? label : label + " ";

    /// <summary>A task's marker as its document writes it (【重点任务3】, 2.), or （三） for rows imported before labels were kept.</summary>
    public static string TaskMarker(string? label, int number) =>
        string.IsNullOrEmpty(label) ? ChineseNumerals.TaskMarker(number) : label.EndsWith('）') ? label : label + " ";

    /// <summary>A target without trailing zeros: 90, 3.5, 0.25.</summary>
    public static string Target(decimal target) => target.ToString("0.############", CultureInfo.InvariantCulture);

    /// <summary>The non-empty lines of a stored text, each one a paragraph.</summary>
    public static IEnumerable<string> Paragraphs(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A document title in book-title marks: 《…》, unless it already has them.</summary>
    public static string BookTitle(string title) =>
        title.StartsWith('《') ? title : "《" + title + "》";

    /// <summary>
    /// Splits a text into its lead sentence (the title plus 。) and the rest, so the lead can be set in bold;
    /// a text that does not start with its title is all "rest".
    /// </summary>
    public static (string Lead, string Remainder) SplitLead(string text, string title)
    {
        if (title.Length > 0 && text.StartsWith(title, StringComparison.Ordinal))
        {
            var end = title.Length;
            if (end < text.Length && text[end] == '。')
            {
                end++;
            }

            return (text[..end], text[end..]);
        }

        return ("", text);
    }
}
