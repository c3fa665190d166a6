using System.Globalization;
using System.Resources;

namespace EduPlan.Core.Messages;

/// <summary>
/// Renders <see cref="Message"/>s from MessageTexts.resx (Chinese: the neutral, default resources) and
/// MessageTexts.en.resx. The web app calls it with the request's UI culture, the CLI with its --lang.
/// </summary>
public static class MessageTexts
{
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private static readonly ResourceManager Resources = new("EduPlan.Core.Messages.MessageTexts", typeof(MessageTexts).Assembly);

    /// <summary>Whether a key exists (tests check that every key a rule can return has both languages).</summary>
    public static bool Has(string key) => Resources.GetString(key, CultureInfo.InvariantCulture) is not null;

    /// <summary>The template of a key in a language, or null when it has none.</summary>
    public static string? Template(string key, CultureInfo culture) => Resources.GetString(key, Normalise(culture));

    public static string Format(Message message, CultureInfo culture)
    {
        culture = Normalise(culture);
        var template = Resources.GetString(message.Key, culture)
            ?? throw new MissingManifestResourceException($"No text for message key '{message.Key}'.");
        if (message.Args.Count == 0)
        {
            return template;
        }

        var args = message.Args.Select(a => Render(a, culture)).ToArray();
        return string.Format(culture, template, args);
    }

    /// <summary>An argument as the reader sees it: messages and localisable values in their language, numbers without grouping, dates as yyyy-MM-dd.</summary>
    public static object? Render(object? arg, CultureInfo culture) => arg switch
    {
        null => string.Empty,
        ILocalizable localizable => Format(localizable.ToMessage(), culture),
        MessageList list => string.Join(Format(new Message(list.SeparatorKey), culture), list.Items.Select(i => Render(i, culture))),
        Enum value => EnumText(value, culture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        decimal number => number.ToString("0.##########", CultureInfo.InvariantCulture),
        double number => number.ToString("0.##########", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => arg,
    };

    /// <summary>An enum value's name for readers: key "{Type}_{Value}" (e.g. ReportStatus_Completed), else its C# name.</summary>
    public static string EnumText(Enum value, CultureInfo culture)
    {
        var key = $"{value.GetType().Name}_{value}";
        return Resources.GetString(key, Normalise(culture)) ?? value.ToString();
    }

    /// <summary>English for any English culture, Chinese for everything else.</summary>
    private static CultureInfo Normalise(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" ? English : Chinese;
}
