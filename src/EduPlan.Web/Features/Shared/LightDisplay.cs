using System.Globalization;
using EduPlan.Core.Messages;
using EduPlan.Core.Progress;
using Microsoft.AspNetCore.Html;

namespace EduPlan.Web.Features.Shared;

/// <summary>
/// A light as pages show it: never colour alone (WCAG 1.4.1) but a shape and a word beside the colour —
/// ■ 红灯, ▲ 黄灯, ● 绿灯, ✔ 完成, ○ 灰灯 — in the palette of site.css (contrast checked by a test).
/// </summary>
public static class LightDisplay
{
    public static string Icon(Light light) => light switch
    {
        Light.Red => "■",
        Light.Yellow => "▲",
        Light.Green => "●",
        Light.Done => "✔",
        _ => "○",
    };

    /// <summary>绿灯 / On pace … in the reader's language.</summary>
    public static string Word(Light light) => MessageTexts.EnumText(light, CultureInfo.CurrentUICulture);

    /// <summary>The badge: shape and word on the light's colour, with the reason as its title when given.</summary>
    public static IHtmlContent Badge(Light light, Message? reason = null)
    {
        var builder = new HtmlContentBuilder();
        builder.AppendHtml($"<span class=\"light light-{light.ToApiName()}\" data-light=\"{light.ToApiName()}\"");
        if (reason is not null)
        {
            builder.AppendHtml(" title=\"");
            builder.Append(Text(reason));
            builder.AppendHtml("\"");
        }

        builder.AppendHtml("><span class=\"light-icon\" aria-hidden=\"true\">");
        builder.Append(Icon(light));
        builder.AppendHtml("</span>");
        builder.Append(Word(light));
        builder.AppendHtml("</span>");
        return builder;
    }

    /// <summary>A message in the reader's language.</summary>
    public static string Text(Message message) => message.ToString(CultureInfo.CurrentUICulture);

    /// <summary>A light's reasons as one text, joined as the request's language joins sentences (； / "; ").</summary>
    public static string Reasons(IEnumerable<Message> reasons) => MessageList.Of(reasons, MessageList.Semicolon).Text();

    /// <summary>A signed gap in points: +5, −12, 0; empty without one.</summary>
    public static string Gap(decimal? gap) => gap switch
    {
        null => "",
        > 0 => "+" + gap.Value.ToString("0.#", CultureInfo.InvariantCulture),
        < 0 => "−" + (-gap.Value).ToString("0.#", CultureInfo.InvariantCulture),
        _ => "0",
    };
}
