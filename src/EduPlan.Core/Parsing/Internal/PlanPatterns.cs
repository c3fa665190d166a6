using System.Text.RegularExpressions;

namespace EduPlan.Core.Parsing.Internal;

/// <summary>The regular expressions of the plan grammar, source-generated so that parsing pays no regex construction cost.</summary>
internal static partial class PlanPatterns
{
    /// <summary>Word-to-text conversion leaves bookmark anchors such as <c>[bookmark: _Toc23662]</c> in the text.</summary>
    [GeneratedRegex(@"\[bookmark:[^\]]*\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Bookmark();

    /// <summary>A plan title in book-title marks: 《…（2024—2035年）》, brackets full or half width, any dash.</summary>
    [GeneratedRegex(@"《(?<title>[^《》\r\n]*?[（(]\s*(?<start>[0-9]{4})\s*[—–―－\-]{1,2}\s*(?<end>[0-9]{4})\s*年\s*[）)])》", RegexOptions.CultureInvariant)]
    public static partial Regex Title();

    /// <summary>How a document announces a plan, as an error message shows it: …印发《…（YYYY—YYYY年）》.</summary>
    public const string AnnouncementExample = "…印发《…（YYYY—YYYY年）》";

    /// <summary>The other announcement: 《…（YYYY—YYYY年）》主要内容如下.</summary>
    public const string ContentsExample = "《…（YYYY—YYYY年）》主要内容如下";

    /// <summary>A line that is nothing but a plan title without book-title marks.</summary>
    [GeneratedRegex(@"^(?<title>[^《》，。；\s][^《》，。；]*?[（(]\s*(?<start>[0-9]{4})\s*[—–―－\-]{1,2}\s*(?<end>[0-9]{4})\s*年\s*[）)])。?$", RegexOptions.CultureInvariant)]
    public static partial Regex BareTitleLine();

    /// <summary>The year span of a title, to normalise its brackets and dash.</summary>
    [GeneratedRegex(@"[（(]\s*(?<start>[0-9]{4})\s*[—–―－\-]{1,2}\s*(?<end>[0-9]{4})\s*年\s*[）)]", RegexOptions.CultureInvariant)]
    public static partial Regex TitleYears();

    [GeneratedRegex(@"^(?<num>[一二三四五六七八九十]{1,3})、(?<title>.*)$", RegexOptions.CultureInvariant)]
    public static partial Regex SectionHeading();

    [GeneratedRegex(@"^[（(]\s*(?<num>[一二三四五六七八九十]{1,3})\s*[）)](?<text>.*)$", RegexOptions.CultureInvariant)]
    public static partial Regex TaskHeading();

    /// <summary>A goal line under a milestone: ——text (em dashes, box-drawing or ASCII doubles).</summary>
    [GeneratedRegex(@"^(?:—{2}|─{2}|―{2}|－{2}|-{2})\s*(?<text>.*)$", RegexOptions.CultureInvariant)]
    public static partial Regex GoalLine();

    /// <summary>到YYYY年 at the start of a sentence (or after a colon), which is how a plan states a milestone.</summary>
    [GeneratedRegex(@"(?<=^\s*|[。；：;:]\s*)到(?<year>[0-9]{4})年", RegexOptions.CultureInvariant)]
    public static partial Regex Milestone();

    /// <summary>到YYYY年 anywhere: the due year of a target stated in the same sentence.</summary>
    [GeneratedRegex(@"到(?<year>[0-9]{4})年", RegexOptions.CultureInvariant)]
    public static partial Regex DueYear();

    [GeneratedRegex(@"(?<year>[0-9]{4})\s*年\s*(?<month>[0-9]{1,2})\s*月", RegexOptions.CultureInvariant)]
    public static partial Regex YearMonth();

    /// <summary>根据《…》, allowing a short issuer phrase in between (根据中共中央、国务院印发的《…》).</summary>
    [GeneratedRegex(@"根据[^《》。；]{0,40}?《(?<title>[^《》\r\n]*?[（(]\s*[0-9]{4}\s*[—–―－\-]{1,2}\s*[0-9]{4}\s*年\s*[）)])》", RegexOptions.CultureInvariant)]
    public static partial Regex ParentReference();

    /// <summary>A number followed by a unit. Longer units come first so 万人 wins over 万 and 个百分点 over 个.</summary>
    [GeneratedRegex(@"(?<![0-9.])(?<num>[0-9]+(?:\.[0-9]+)?)\s*(?<unit>个百分点|%|％|小时|分钟|万人|万元|亿元|万|所|个|家|项|门|座|名|人|倍)", RegexOptions.CultureInvariant)]
    public static partial Regex Quantity();

    /// <summary>X（以下简称“Y”）: the plan names X by its abbreviation Y from here on.</summary>
    [GeneratedRegex(@"^[^（(]*[（(]以下简称[“""「](?<abbr>[^”""」]+)[”""」][）)]", RegexOptions.CultureInvariant)]
    public static partial Regex Abbreviation();
}
