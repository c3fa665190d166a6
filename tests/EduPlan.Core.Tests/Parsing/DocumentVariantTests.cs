using System.Text;
using System.Text.RegularExpressions;
using EduPlan.Core.Parsing;

namespace EduPlan.Core.Tests.Parsing;

/// <summary>The same plans written with other encodings, line endings, brackets and conversion artefacts.</summary>
public partial class DocumentVariantTests
{
    static DocumentVariantTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly Lazy<ParsedDocument> Original = new(Seed.Parse);

    public static TheoryData<string> Variants => new(VariantBytes.Keys);

    private static readonly Dictionary<string, Func<byte[]>> VariantBytes = new()
    {
        ["CRLF line endings"] = () => Encoding.UTF8.GetBytes(Seed.Text.Replace("\n", "\r\n", StringComparison.Ordinal)),
        ["lone CR line endings"] = () => Encoding.UTF8.GetBytes(Seed.Text.Replace("\n", "\r", StringComparison.Ordinal)),
        ["UTF-8 with BOM"] = () => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Seed.Text)],
        ["UTF-16 LE with BOM"] = () => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Seed.Text)],
        ["UTF-16 BE with BOM"] = () => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Seed.Text)],
        ["UTF-16 LE without BOM"] = () => Encoding.Unicode.GetBytes(Seed.Text),
        ["UTF-16 BE without BOM"] = () => Encoding.BigEndianUnicode.GetBytes(Seed.Text),
        ["UTF-16 LE without BOM, CRLF"] = () => Encoding.Unicode.GetBytes(Seed.Text.Replace("\n", "\r\n", StringComparison.Ordinal)),
        ["GB18030"] = () => Encoding.GetEncoding("GB18030").GetBytes(Seed.Text),
        ["GB18030 with CRLF"] = () => Encoding.GetEncoding("GB18030").GetBytes(Seed.Text.Replace("\n", "\r\n", StringComparison.Ordinal)),
        ["half-width task brackets"] = () => Encoding.UTF8.GetBytes(MapLines(line => TaskMarker().Replace(line, "(${num})"))),
        ["bookmarks, full-width spaces and NBSP"] = () => Encoding.UTF8.GetBytes(
            MapLines(line => line.Length == 0 ? line : $"\u3000[bookmark: _Toc1]\u00A0{line}\u3000 ")),
        ["half-width brackets and en dash in the announcing lines"] = () => Encoding.UTF8.GetBytes(MapLines((line, number) =>
            number is 80 or 135 or 136 ? line.Replace("（2024—2035年）", "(2024–2035年)", StringComparison.Ordinal) : line)),
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Variant_gives_the_same_plans_as_the_original(string variant)
    {
        var document = new PlanDocumentParser().Parse(VariantBytes[variant](), Seed.SourceName);

        document.Plans.Select(p => p.ContentHash).Should().Equal(Original.Value.Plans.Select(p => p.ContentHash));
        document.Plans.Should().BeEquivalentTo(Original.Value.Plans, options => options.ComparingRecordsByMembers().WithStrictOrdering());
        document.Warnings.Should().BeEmpty();
    }

    [Theory]
    [InlineData("utf-16LE")]
    [InlineData("utf-16BE")]
    public void A_short_UTF16_document_without_BOM_is_decoded(string encoding)
    {
        const string text = "《重庆规划（2024—2035年）》\n一、总体要求\n（一）任务。覆盖率达到90%。";

        var document = new PlanDocumentParser().Parse(Encoding.GetEncoding(encoding).GetBytes(text), Seed.SourceName);

        document.Plans.Single().Should().Match<ParsedPlan>(p => p.Title == "重庆规划（2024—2035年）" && p.Indicators.Count == 1);
    }

    [Fact]
    public void UTF16_without_BOM_that_breaks_later_is_refused_as_UTF16()
    {
        byte[] content = [.. Encoding.Unicode.GetBytes(Seed.Text), 0x00, 0xD8, 0x41, 0x00];

        var refusal = Assert.Throws<PlanFormatException>(() => new PlanDocumentParser().Parse(content, Seed.SourceName));

        refusal.Message.Should().StartWith(Seed.SourceName).And.Contain("UTF-16 LE").And.Contain("BOM");
    }

    [Fact]
    public void Full_width_digits_in_the_chongqing_goals_give_the_same_indicators()
    {
        var text = MapLines((line, number) => number is >= 142 and <= 146 ? ToFullWidth(line) : line);
        text.Should().Contain("覆盖率达到９０％").And.NotContain("覆盖率达到90%");

        var chongqing = new PlanDocumentParser().ParseText(text, Seed.SourceName).Plans[1];

        var original = Original.Value.Plans[1];
        chongqing.Indicators.Should().HaveCount(7);
        chongqing.Indicators.Should().BeEquivalentTo(original.Indicators, options => options
            .ComparingRecordsByMembers().WithStrictOrdering().Excluding(i => i.SourceText));
        chongqing.Indicators[0].SourceText.Should().Contain("覆盖率达到９０％", "source texts stay as written");
        chongqing.Milestones[0].Goals.Select(g => g.Title).Should().Equal(original.Milestones[0].Goals.Select(g => g.Title));
    }

    [Fact]
    public void GB18030_variant_is_not_valid_UTF8_so_the_fallback_is_really_exercised()
    {
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(Seed.Text);

        System.Text.Unicode.Utf8.IsValid(bytes).Should().BeFalse();
    }

    [Fact]
    public void Half_width_variant_really_has_no_full_width_task_markers()
    {
        var text = Encoding.UTF8.GetString(VariantBytes["half-width task brackets"]());

        text.Should().Contain("\n(三十八)积极参与全球教育治理").And.NotContain("\n（三十八）");
    }

    private static string ToFullWidth(string line) =>
        string.Concat(line.Select(c => c switch
        {
            >= '0' and <= '9' => (char)('０' + (c - '0')),
            '%' => '％',
            '.' => '．',
            _ => c,
        }));

    private static string MapLines(Func<string, string> map) => MapLines((line, _) => map(line));

    private static string MapLines(Func<string, int, string> map) =>
        string.Join('\n', Seed.Lines.Select((line, index) => map(line, index + 1)));

    [GeneratedRegex("^（(?<num>[一二三四五六七八九十]+)）")]
    private static partial Regex TaskMarker();
}
