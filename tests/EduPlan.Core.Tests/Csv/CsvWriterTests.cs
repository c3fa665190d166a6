using System.Text;
using EduPlan.Core.Csv;

namespace EduPlan.Core.Tests.Csv;

/// <summary>The one CSV writer: quoting, line ends, the byte-order mark, and the guard against spreadsheet formulas.</summary>
public sealed class CsvWriterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("中文,逗号", "\"中文,逗号\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@A1", "'@A1")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("=A1,\"x\"", "\"'=A1,\"\"x\"\"\"")]
    [InlineData("a=1", "a=1")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void A_cell_is_neutralised_then_quoted_when_needed(string? value, string cell) =>
        CsvWriter.Cell(value).Should().Be(cell);

    [Fact]
    public void A_line_ends_with_CRLF() =>
        CsvWriter.Line(["a", null, "b,c"]).Should().Be("a,,\"b,c\"\r\n");

    [Theory]
    [InlineData("'=1+2", "=1+2")]
    [InlineData("'@A1", "@A1")]
    [InlineData("'-1", "-1")]
    [InlineData("'plain", "'plain")]
    [InlineData("'", "'")]
    [InlineData("=1", "=1")]
    public void Reading_back_takes_off_only_the_guard_the_writer_added(string cell, string value) =>
        CsvWriter.Unguard(cell).Should().Be(value);

    [Theory]
    [InlineData("=x", true)]
    [InlineData("+x", true)]
    [InlineData("-x", true)]
    [InlineData("@x", true)]
    [InlineData("\tx", true)]
    [InlineData("\rx", true)]
    [InlineData(" =x", false)]
    [InlineData("市教委", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_value_starting_like_a_formula_is_recognised(string? value, bool formula) =>
        CsvWriter.StartsLikeFormula(value).Should().Be(formula);

    [Fact]
    public void A_file_is_UTF8_with_one_byte_order_mark()
    {
        var bytes = CsvWriter.Utf8WithBom("市教委\r\n");

        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        Encoding.UTF8.GetString(bytes.AsSpan(3)).Should().Be("市教委\r\n");
        CsvWriter.Encoding.GetPreamble().Should().BeEmpty("the mark is written once, not by every writer over the stream");
    }
}
