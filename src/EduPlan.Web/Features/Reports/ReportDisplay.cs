using System.Globalization;
using EduPlan.Core.Reporting;
using EduPlan.Web.Features.Shared;
using EduPlan.Web.Resources;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace EduPlan.Web.Features.Reports;

/// <summary>How reports look wherever they appear (review queue, report page, task timeline): badges, percent bars, times.</summary>
public static class ReportDisplay
{
    /// <summary>A stored UTC time as China wall-clock time to the minute: 2026-09-10 10:00.</summary>
    public static string Time(DateTime utc) => Display.ChinaMinute(utc);

    public static string? Time(DateTime? utc) => utc is { } value ? Display.ChinaMinute(value) : null;

    /// <summary>The task's status as the department reports it (未启动, 按计划推进, …), coloured by how worrying it is.</summary>
    public static IHtmlContent StatusBadge(IStringLocalizer<SharedResources> localizer, ReportStatus status) =>
        Badge("report-status report-status-" + status.ToString().ToLowerInvariant(), localizer["ReportStatus" + status].Value);

    /// <summary>Where the report is in its review (草稿, 已提交, 已退回, 已通过).</summary>
    public static IHtmlContent StateBadge(IStringLocalizer<SharedResources> localizer, ReportState state) =>
        Badge("report-state report-state-" + state.ToString().ToLowerInvariant(), localizer["ReportState" + state].Value);

    /// <summary>A small bar and the figure: a &lt;progress&gt; element, so no inline width is needed (CSP forbids style="…").</summary>
    public static IHtmlContent Percent(IStringLocalizer<SharedResources> localizer, int percent)
    {
        var value = Math.Clamp(percent, 0, 100).ToString(CultureInfo.InvariantCulture);
        var wrapper = new TagBuilder("span");
        wrapper.AddCssClass("report-percent");
        var bar = new TagBuilder("progress");
        bar.AddCssClass("report-percent-bar");
        bar.Attributes["max"] = "100";
        bar.Attributes["value"] = value;
        bar.Attributes["aria-label"] = localizer["ReportFieldPercent"].Value;
        bar.InnerHtml.Append(value + "%");
        var figure = new TagBuilder("span");
        figure.AddCssClass("report-percent-value");
        figure.InnerHtml.Append(value + "%");
        wrapper.InnerHtml.AppendHtml(bar);
        wrapper.InnerHtml.AppendHtml(figure);
        return wrapper;
    }

    /// <summary>
    /// One side of a compared text: unchanged runs as text, the marked runs in &lt;del&gt; (older side) or &lt;ins&gt;
    /// (newer side). Built here rather than in Razor so no stray whitespace enters the pre-wrapped text.
    /// </summary>
    public static IHtmlContent DiffText(IEnumerable<EduPlan.Application.Reporting.History.DiffPiece> pieces, bool newer)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        var marked = newer ? EduPlan.Application.Reporting.History.DiffKind.Added : EduPlan.Application.Reporting.History.DiffKind.Removed;
        var content = new HtmlContentBuilder();
        foreach (var piece in pieces)
        {
            if (piece.Kind == marked)
            {
                var tag = new TagBuilder(newer ? "ins" : "del");
                tag.AddCssClass(newer ? "diff-added" : "diff-removed");
                tag.InnerHtml.Append(piece.Text);
                content.AppendHtml(tag);
            }
            else
            {
                content.Append(piece.Text);
            }
        }

        return content;
    }

    /// <summary>The label of a report field a comment points at or a comparison lists (本季度进展, …).</summary>
    public static string FieldLabel(IStringLocalizer<SharedResources> localizer, string field) =>
        localizer["ReportField" + field] is { ResourceNotFound: false } label ? label.Value : field;

    /// <summary>File size for people: 512 B, 3.4 KB, 2.1 MB.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " B",
        < 1024 * 1024 => (bytes / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / 1024d / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };

    /// <summary>An indicator value without trailing zeros: 86.5, 100.</summary>
    public static string Value(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>Only http(s) addresses become links (whatever was stored, a javascript: address never does).</summary>
    public static bool IsWebAddress(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>The address of a report's page.</summary>
    public static string Url(int reportId) => "/reports/" + reportId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The address of a task's page.</summary>
    public static string TaskUrl(string planCode, int number) =>
        "/plans/" + Uri.EscapeDataString(planCode) + "/tasks/" + number.ToString(CultureInfo.InvariantCulture);

    private static TagBuilder Badge(string classes, string text)
    {
        var badge = new TagBuilder("span");
        badge.AddCssClass("badge " + classes);
        badge.InnerHtml.Append(text);
        return badge;
    }
}
