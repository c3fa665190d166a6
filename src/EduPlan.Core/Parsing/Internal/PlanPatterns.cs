using System.Text.RegularExpressions;

namespace EduPlan.Core.Parsing.Internal;

/// <summary>
/// The regular expressions of the plan grammar, source-generated so that parsing pays no regex construction cost.
/// They run on the ASCII-digit copy of a line (<see cref="FullWidth"/>), so ２０２５ and 2025 read alike.
/// </summary>
internal static partial class PlanPatterns
{
    private const string Dash = @"[—–―－\-~～至到]{1,2}";
    private const string ChineseNumber = "[一二三四五六七八九十百零〇]";

    /// <summary>Word-to-text conversion leaves bookmark anchors such as <c>[bookmark: _Toc23662]</c> in the text.</summary>
    [GeneratedRegex(@"\[bookmark:[^\]]*\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Bookmark();

    /// <summary>Any title in book-title marks: 《…》.</summary>
    [GeneratedRegex(@"《(?<title>[^《》\r\n]{2,})》", RegexOptions.CultureInvariant)]
    public static partial Regex BookTitle();

    /// <summary>
    /// The years of a plan in brackets: （2024—2035年）, (2020-2022), (2010年3月～2015年2月); any dash, brackets full
    /// or half width, 年 optional.
    /// </summary>
    [GeneratedRegex(@"[（(]\s*(?<start>(?:19|20)[0-9]{2})\s*(?:年\s*(?:(?<sm>[0-9]{1,2})\s*月)?)?\s*" + Dash +
        @"\s*(?<end>(?:19|20)[0-9]{2})\s*(?:年\s*(?:(?<em>[0-9]{1,2})\s*月)?)?\s*[）)]", RegexOptions.CultureInvariant)]
    public static partial Regex TitleYears();

    /// <summary>A five-year-plan period: “十四五” (quotes of any kind, or none).</summary>
    [GeneratedRegex(@"[“""‘'「]?十(?<n>[一二三四五六七八九])五[”""’'」]?", RegexOptions.CultureInvariant)]
    public static partial Regex FiveYearPlan();

    /// <summary>A draft's mark: （征求意见稿）, (公开征求意见稿), （送审稿） …</summary>
    [GeneratedRegex(@"[（(【\[]\s*(?<draft>公开征求意见稿|征求意见稿|征求意见版|送审稿|草案|讨论稿|审议稿|草稿)\s*[）)】\]]", RegexOptions.CultureInvariant)]
    public static partial Regex DraftMark();

    /// <summary>A title that ends in a year it looks ahead to: 中国教育现代化2035.</summary>
    [GeneratedRegex(@"(?<![0-9])(?<end>20[0-9]{2})\s*年?$", RegexOptions.CultureInvariant)]
    public static partial Regex TrailingYear();

    /// <summary>What a plan of this genre calls itself at the end of its title (<see cref="GenreEnding"/> matches these).</summary>
    public static readonly IReadOnlyList<string> GenreWords = ["规划", "纲要", "计划", "方案"];

    /// <summary>What a plan of this genre calls itself at the end of its title.</summary>
    [GeneratedRegex(@"(?:规划|纲要|计划|方案)$", RegexOptions.CultureInvariant)]
    public static partial Regex GenreEnding();

    [GeneratedRegex(@"^第\s*(?<num>" + ChineseNumber + @"{1,5}|[0-9]{1,3})\s*(?<unit>部分|篇)(?<text>.*)$", RegexOptions.CultureInvariant)]
    public static partial Regex PartHeading();

    [GeneratedRegex(@"^第\s*(?<num>" + ChineseNumber + @"{1,5}|[0-9]{1,3})\s*章(?<text>.*)$", RegexOptions.CultureInvariant)]
    public static partial Regex ChapterHeading();

    [GeneratedRegex(@"^(?<num>" + ChineseNumber + @"{1,5})\s*、(?<text>.*)$", RegexOptions.CultureInvariant)]
    public static partial Regex SectionHeading();

    [GeneratedRegex(@"^§\s*(?<num>[0-9]{1,3})(?![0-9.])(?<text>.*)$", RegexOptions.CultureInvariant)]
    public static partial Regex SectionSignHeading();

    /// <summary>（一）, (一), （ 十 八 ）: spaces inside the numeral are allowed and dropped.</summary>
    [GeneratedRegex(@"^[（(]\s*(?<num>" + ChineseNumber + @"(?:\s*" + ChineseNumber + @"){0,4})\s*[）)](?<text>.*)$", RegexOptions.CultureInvariant)]
    public static partial Regex TaskHeading();

    /// <summary>【重点任务1】, 【主要任务二】, 【任务3】.</summary>
    [GeneratedRegex(@"^【\s*(?:重点|主要)?任务\s*(?<num>[0-9]{1,3}|" + ChineseNumber + @"{1,5})\s*】(?<text>.*)$", RegexOptions.CultureInvariant)]
    public static partial Regex KeyTaskHeading();

    /// <summary>1. 1、 1．(read as 1。 on the matching copy) — never a decimal such as 1.5.</summary>
    [GeneratedRegex(@"^(?<num>[0-9]{1,3})\s*[.、。](?![0-9])(?<text>.*)$", RegexOptions.CultureInvariant)]
    public static partial Regex ArabicHeading();

    [GeneratedRegex(@"^[（(]\s*(?<num>[0-9]{1,3})\s*[）)](?<text>.*)$", RegexOptions.CultureInvariant)]
    public static partial Regex ParenArabicHeading();

    /// <summary>一是…二是…: an enumeration inside a paragraph, at the start or after a stop or colon.</summary>
    [GeneratedRegex(@"(?<=^|[。；;：:]\s*)(?<num>[一二三四五六七八九十]{1,3})是(?=\S)", RegexOptions.CultureInvariant)]
    public static partial Regex InlineItem();

    /// <summary>A goal line under a milestone: ——text (em dashes, box-drawing or ASCII doubles).</summary>
    [GeneratedRegex(@"^(?:—{2}|─{2}|―{2}|－{2}|-{2})\s*(?<text>.*)$", RegexOptions.CultureInvariant)]
    public static partial Regex GoalLine();

    /// <summary>
    /// 到YYYY年 (or 到“十四五”末) at the start of a sentence (or after a colon), which is how a plan states a milestone.
    /// </summary>
    [GeneratedRegex(@"(?<=^\s*|[。；：;:]\s*)到(?:(?<year>[0-9]{4})年|[“""‘']?十(?<fyp>[一二三四五六七八九])五[”""’']?(?:期)?末)", RegexOptions.CultureInvariant)]
    public static partial Regex Milestone();

    /// <summary>到YYYY年 anywhere: the due year of a target stated in the same sentence.</summary>
    [GeneratedRegex(@"到(?<year>[0-9]{4})年", RegexOptions.CultureInvariant)]
    public static partial Regex DueYear();

    [GeneratedRegex(@"(?<year>[0-9]{4})\s*年\s*(?<month>[0-9]{1,2})\s*月", RegexOptions.CultureInvariant)]
    public static partial Regex YearMonth();

    /// <summary>A line that is only a date (the end of an official document, or a dateline under its title).</summary>
    [GeneratedRegex(@"^(?:(?<year>(?:19|20)[0-9]{2})\s*年\s*(?<month>[0-9]{1,2})\s*月(?:\s*[0-9]{1,2}\s*日)?|(?<cyear>[〇零一二三四五六七八九]{4})年(?<cmonth>[一二三四五六七八九十]{1,2})月(?:[一二三四五六七八九十]{1,3}日)?)$", RegexOptions.CultureInvariant)]
    public static partial Regex DateLine();

    /// <summary>根据《…》, allowing a short issuer phrase in between (根据中共中央、国务院印发的《…》).</summary>
    [GeneratedRegex(@"根据[^《》。；]{0,40}?《(?<title>[^《》\r\n]{2,})》", RegexOptions.CultureInvariant)]
    public static partial Regex ParentReference();

    /// <summary>A number followed by a unit. Longer units come first so 万人 wins over 万 and 个百分点 over 个.</summary>
    [GeneratedRegex(@"(?<![0-9.])(?<num>[0-9]+(?:\.[0-9]+)?)\s*(?<unit>个百分点|%|％|小时|分钟|万人|万元|亿元|万|元|所|个|家|项|门|座|名|人|倍)", RegexOptions.CultureInvariant)]
    public static partial Regex Quantity();

    /// <summary>X（以下简称“Y”）: the plan names X by its abbreviation Y from here on.</summary>
    [GeneratedRegex(@"^[^（(]*[（(]以下简称[“""「](?<abbr>[^”""」]+)[”""」][）)]", RegexOptions.CultureInvariant)]
    public static partial Regex Abbreviation();

    /// <summary>A news agency's dateline that opens the next article on a web page: 新华社北京3月5日电.</summary>
    [GeneratedRegex(@"^(?:[（(【])?(?:新华社|中新社|中新网|人民网|央视网|光明网|本报|本网)[^，。\s]{0,24}?(?:电|讯)", RegexOptions.CultureInvariant)]
    public static partial Regex Dateline();

    /// <summary>A document number line under a title: 渝教发〔2021〕12号.</summary>
    [GeneratedRegex(@"^[^\s，。]{0,12}[〔\[［(（][0-9]{4}[〕\]］)）][0-9]{1,4}号$", RegexOptions.CultureInvariant)]
    public static partial Regex DocumentNumber();

    /// <summary>A table-of-contents entry: text, leader dots (or a tab or spaces), a page number.</summary>
    [GeneratedRegex(@"^(?<text>.*?)(?:[.．。·…⋯‥_—\-]{2,}|\s{2,}|\t)\s*(?<page>[0-9]{1,3})$", RegexOptions.CultureInvariant)]
    public static partial Regex TocEntry();

    /// <summary>A table-of-contents entry whose page number follows a single space (only inside a 目录 block).</summary>
    [GeneratedRegex(@"^(?<text>.*?\S)\s+(?<page>[0-9]{1,3})$", RegexOptions.CultureInvariant)]
    public static partial Regex LooseTocEntry();
}
