namespace EduPlan.Core.Parsing.Internal;

/// <summary>
/// Lines that are not plan text: a table of contents, the furniture of a news page after an article, the signature and
/// date that close an official document, the header lines under a title.
/// </summary>
internal static class Landmarks
{
    private static readonly string[] TrailerStarts =
    [
        "责任编辑", "【责任编辑", "[责任编辑", "（责任编辑", "(责任编辑", "编辑：", "编辑:", "责编：", "责编:", "来源：", "来源:",
        "（来源", "(来源", "【来源", "分享到", "分享：", "打印本页", "【打印", "[打印", "关闭窗口", "【关闭", "[关闭", "相关阅读",
        "相关新闻", "相关链接", "相关文章", "相关稿件", "延伸阅读", "扫一扫", "上一篇", "下一篇", "版权所有", "Copyright", "copyright",
        "©", "网站地图", "主办单位", "主办：", "返回顶部", "点击排行", "热点推荐", "【纠错】", "[纠错]", "纠错：", "字号：", "【字体",
    ];

    private static readonly string[] OrganisationEndings =
    [
        "委员会", "人民政府", "政府", "办公厅", "办公室", "教育局", "教育厅", "教育部", "教委", "国务院", "中共中央", "市委", "省委",
        "区委", "县委", "学校", "中学", "小学", "大学", "学院", "幼儿园", "委", "厅", "局", "部",
    ];

    /// <summary>Page furniture after an article (责任编辑, 相关新闻, （完）…): a plan never continues past it.</summary>
    public static bool IsTrailer(string text)
    {
        if (text is "（完）" or "(完)" or "【完】" or "完")
        {
            return true;
        }

        foreach (var start in TrailerStarts)
        {
            if (text.StartsWith(start, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return text.Contains("ICP备", StringComparison.Ordinal) || text.Contains("ICP证", StringComparison.Ordinal);
    }

    /// <summary>The dateline of the next article on a news page: 新华社北京3月5日电.</summary>
    public static bool IsDateline(string matching) => PlanPatterns.Dateline().IsMatch(matching);

    /// <summary>A line that is only a date: 2021年12月30日, 二〇二一年十二月.</summary>
    public static bool IsDateOnly(string matching) => matching.Length <= 16 && PlanPatterns.DateLine().IsMatch(matching);

    /// <summary>A short line naming an organisation: the issuer under a title or the signature above the closing date.</summary>
    public static bool IsOrganisation(string text)
    {
        if (text.Length is < 2 or > 40 || text.AsSpan().ContainsAny("，。；：,;:！？、（）()《》“”"))
        {
            return false;
        }

        foreach (var ending in OrganisationEndings)
        {
            if (text.EndsWith(ending, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>渝教发〔2021〕12号: the document number printed under a title.</summary>
    public static bool IsDocumentNumber(string matching) => matching.Length <= 30 && PlanPatterns.DocumentNumber().IsMatch(matching);

    /// <summary>
    /// Marks the lines of every table of contents: a 目录 line and the entries after it (text, leaders, a page number),
    /// up to the first line that is a paragraph or that repeats the first entry (where the body begins). Elsewhere, a line
    /// with leader dots and a page number is a contents line too (a TOC pasted without its heading).
    /// </summary>
    public static bool[] TableOfContents(IReadOnlyList<SourceLine> lines, string[] matching)
    {
        var skip = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            var text = matching[i];
            if (lines[i].IsTableRow || text.Length == 0)
            {
                continue;
            }

            if (IsTocHeading(text))
            {
                skip[i] = true;
                i = SkipEntries(lines, matching, skip, i + 1) - 1;
                continue;
            }

            if (text.Length <= 80 && PlanPatterns.TocEntry().Match(text) is { Success: true } entry && HasLeaders(text, entry))
            {
                skip[i] = true;
            }
        }

        return skip;
    }

    private static bool IsTocHeading(string text) =>
        text.Length <= 8 && string.Concat(text.Where(c => !char.IsWhiteSpace(c))) is "目录" or "目次";

    /// <summary>Returns the index of the first line after the contents block.</summary>
    private static int SkipEntries(IReadOnlyList<SourceLine> lines, string[] matching, bool[] skip, int from)
    {
        string? firstEntry = null;
        var i = from;
        for (; i < lines.Count; i++)
        {
            var text = matching[i];
            if (text.Length == 0)
            {
                skip[i] = true;
                continue;
            }

            if (lines[i].IsTableRow || text.Length > 80 || text.Contains('。', StringComparison.Ordinal))
            {
                break;
            }

            var entryText = EntryText(text);
            var hasPage = HasPageNumber(text);
            if (!hasPage && ((firstEntry is not null && entryText == firstEntry) || TitleText.Analyse(text) is { HasGenre: true } or { HasYears: true }))
            {
                // The body begins: the first entry again, or the plan's title after a contents page placed before it.
                break;
            }

            firstEntry ??= entryText;
            skip[i] = true;
        }

        return i;
    }

    private static bool HasPageNumber(string text) =>
        PlanPatterns.TocEntry().IsMatch(text) || PlanPatterns.LooseTocEntry().IsMatch(text);

    private static string EntryText(string text)
    {
        var match = PlanPatterns.TocEntry().Match(text);
        if (!match.Success)
        {
            match = PlanPatterns.LooseTocEntry().Match(text);
        }

        var entry = match.Success ? match.Groups["text"].Value : text;
        return string.Concat(entry.Where(c => !char.IsWhiteSpace(c))).TrimEnd('.', '。', '·', '…', '⋯', '_', '—', '-');
    }

    /// <summary>Leader dots, not just spaces, outside a 目录 block: "一、总体要求……1".</summary>
    private static bool HasLeaders(string text, System.Text.RegularExpressions.Match entry)
    {
        var leaders = text.AsSpan(entry.Groups["text"].Length, entry.Groups["page"].Index - entry.Groups["text"].Length);
        return leaders.ContainsAny(".．。·…⋯‥_") && entry.Groups["text"].Length > 0;
    }
}
