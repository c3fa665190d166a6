using System.Text;
using EduPlan.Core.Ownership;

namespace EduPlan.Core.Tests.Ownership;

public sealed class OwnershipCsvTests
{
    private static readonly Encoding Gb18030 = GetGb18030();

    private static Encoding GetGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    [Fact]
    public void A_header_row_is_recognised_and_skipped()
    {
        var document = OwnershipCsv.ParseText("规划代码,任务序号,牵头单位,参与单位\r\nchongqing,9,市教委,市财政局\r\n", "owners.csv");

        document.Errors.Should().BeEmpty();
        document.HeaderLine.Should().Be(1);
        document.Rows.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new OwnershipCsvRow(2, "chongqing", 9, "市教委", ["市财政局"]));
    }

    [Fact]
    public void A_first_row_with_a_task_number_is_data_not_a_header()
    {
        var document = OwnershipCsv.ParseText("chongqing,9,市教委\nchongqing,10,市教委\n", "owners.csv");

        document.HeaderLine.Should().BeNull();
        document.Rows.Select(r => (r.Line, r.TaskNumber)).Should().Equal((1, 9), (2, 10));
    }

    [Fact]
    public void A_first_row_with_a_bad_number_and_no_column_words_is_reported_not_skipped_as_a_header()
    {
        var document = OwnershipCsv.ParseText("chongqing,x9,市教委\n", "owners.csv");

        document.HeaderLine.Should().BeNull();
        document.Errors.Should().ContainSingle().Which.ToString().Should().StartWith("owners.csv:1: 任务序号“x9”");
    }

    [Fact]
    public void Quoted_fields_may_hold_commas_doubled_quotes_and_line_breaks_and_lines_are_counted_from_where_a_record_starts()
    {
        const string text = "plan,task,lead,co\r\n"
            + "chongqing,9,\"市教委\",\"市财政局,市发展改革委\"\r\n"
            + "chongqing,10,\"市“教”委\"\"二\"\"\",\"市财政局\r\n市人力社保局\"\r\n"
            + "chongqing,11,市教委,\r\n";

        var document = OwnershipCsv.ParseText(text, "owners.csv");

        document.Errors.Should().BeEmpty();
        document.Rows.Should().HaveCount(3);
        document.Rows[0].CoDepartments.Should().Equal("市财政局", "市发展改革委");
        document.Rows[1].Lead.Should().Be("市“教”委\"二\"");
        document.Rows[1].CoDepartments.Should().Equal("市财政局", "市人力社保局");
        document.Rows[2].Line.Should().Be(5, "the quoted line break in the record before takes a line of the file");
        document.Rows[2].CoDepartments.Should().BeEmpty();
    }

    [Theory]
    [InlineData("市财政局、市发展改革委、市科技局")]
    [InlineData("市财政局，市发展改革委；市科技局")]
    [InlineData("市财政局 、 市发展改革委;市科技局、")]
    public void Co_departments_are_split_on_the_ideographic_comma_and_the_other_accepted_separators(string cell)
    {
        var document = OwnershipCsv.ParseText($"chongqing,9,市教委,\"{cell}\"", "owners.csv");

        document.Rows.Should().ContainSingle().Which.CoDepartments.Should().Equal("市财政局", "市发展改革委", "市科技局");
    }

    [Theory]
    [InlineData("9", 9)]
    [InlineData("０９", 9)]
    [InlineData("九", 9)]
    [InlineData("（四十三）", 43)]
    [InlineData("(十)", 10)]
    public void Task_numbers_may_be_written_in_digits_or_as_the_plan_writes_them(string cell, int expected)
    {
        OwnershipCsv.ParseTaskNumber(cell).Should().Be(expected);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("9.5")]
    [InlineData("十十")]
    public void Impossible_task_numbers_are_refused(string cell)
    {
        OwnershipCsv.ParseTaskNumber(cell).Should().BeNull();
    }

    [Fact]
    public void Every_bad_line_is_reported_with_file_and_line_and_good_lines_are_still_read()
    {
        const string text = "规划代码,任务序号,牵头单位,参与单位\n"
            + "chongqing,9,市教委,市财政局\n"
            + "chongqing,9,市教委,市财政局,市科技局\n"
            + ",10,市教委\n"
            + "chongqing,,市教委\n"
            + "chongqing,11,\"市教委、市财政局\"\n"
            + "chongqing\n";

        var document = OwnershipCsv.ParseText(text, "bad.csv");

        document.Rows.Select(r => r.Line).Should().Equal(2);
        document.Errors.Select(e => e.ToString()).Should().SatisfyRespectively(
            e => e.Should().StartWith("bad.csv:3: 有 5 列，应为 4 列"),
            e => e.Should().StartWith("bad.csv:4: 缺少规划代码"),
            e => e.Should().StartWith("bad.csv:5: 缺少任务序号"),
            e => e.Should().StartWith("bad.csv:6: 牵头单位只能有一个"),
            e => e.Should().StartWith("bad.csv:7: 有 1 列"));
    }

    [Fact]
    public void Blank_lines_and_trailing_empty_cells_that_Excel_writes_are_ignored()
    {
        var document = OwnershipCsv.ParseText("chongqing,9,市教委,,,\r\n,,,\r\n\r\nchongqing,10,,,\r\n", "owners.csv");

        document.Errors.Should().BeEmpty();
        document.Rows.Should().HaveCount(2);
        document.Rows[1].Should().BeEquivalentTo(new OwnershipCsvRow(4, "chongqing", 10, null, []), "an empty lead means none");
    }

    [Fact]
    public void An_unclosed_quote_is_reported_on_the_line_where_the_record_starts()
    {
        var document = OwnershipCsv.ParseText("chongqing,9,市教委\nchongqing,10,\"市教委,市财政局\n", "owners.csv");

        document.Rows.Should().ContainSingle().Which.TaskNumber.Should().Be(9);
        document.Errors.Should().ContainSingle().Which.ToString().Should().Be("owners.csv:2: 引号没有闭合：带引号的字段一直延续到文件末尾。");
    }

    [Fact]
    public void Text_after_a_closing_quote_is_reported()
    {
        var document = OwnershipCsv.ParseText("chongqing,9,\"市教委\"x,市财政局\n", "owners.csv");

        document.Errors.Should().ContainSingle().Which.Line.Should().Be(1);
        document.Rows.Should().BeEmpty();
    }

    [Fact]
    public void An_empty_file_is_refused_as_a_whole()
    {
        var document = OwnershipCsv.Parse("规划代码,任务序号,牵头单位,参与单位\r\n"u8, "empty.csv");

        document.IsValid.Should().BeFalse();
        document.Errors.Should().ContainSingle().Which.ToString().Should().StartWith("empty.csv: 文件中没有任务行");
    }

    [Fact]
    public void A_GB18030_file_as_Excel_in_China_saves_it_is_read()
    {
        var bytes = Gb18030.GetBytes("规划代码,任务序号,牵头单位,参与单位\r\nchongqing,9,重庆市教育委员会,\"市财政局、市发展改革委\"\r\n");

        var document = OwnershipCsv.Parse(bytes, "gbk.csv");

        document.Errors.Should().BeEmpty();
        document.Rows.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new OwnershipCsvRow(2, "chongqing", 9, "重庆市教育委员会", ["市财政局", "市发展改革委"]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_UTF8_file_is_read_with_or_without_a_BOM(bool withBom)
    {
        byte[] text = Encoding.UTF8.GetBytes("规划代码,任务序号,牵头单位,参与单位\nchongqing,9,市教委,市财政局\n");
        byte[] bytes = withBom ? [.. Encoding.UTF8.GetPreamble(), .. text] : text;

        var document = OwnershipCsv.Parse(bytes, "utf8.csv");

        document.HeaderLine.Should().Be(1, "a BOM must not stop the header from being recognised");
        document.Rows.Should().ContainSingle().Which.Lead.Should().Be("市教委");
    }

    [Fact]
    public void A_UTF8_file_with_a_BOM_and_broken_bytes_is_refused_with_the_line()
    {
        byte[] bytes = [.. Encoding.UTF8.GetPreamble(), .. "chongqing,9,市教委\nchongqing,10,"u8, 0xFF, 0xFE, 0x41, .. "\n"u8];

        var document = OwnershipCsv.Parse(bytes, "broken.csv");

        document.Rows.Should().BeEmpty();
        document.Errors.Should().ContainSingle().Which.ToString().Should().StartWith("broken.csv:2: 无法识别的文本编码");
    }

    [Fact]
    public void The_template_round_trips_through_the_reader()
    {
        OwnershipCsvRow[] rows =
        [
            new(0, "chongqing", 9, "市教委", ["市财政局", "市发展改革委"]),
            new(0, "chongqing", 10, null, []),
            new(0, "national", 1, "教育部\"一\"", []),
        ];

        var bytes = OwnershipCsv.WriteUtf8WithBom(rows);
        var document = OwnershipCsv.Parse(bytes, "template.csv");

        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        document.HeaderLine.Should().Be(1);
        document.Errors.Should().BeEmpty();
        document.Rows.Should().BeEquivalentTo(
            rows.Select((r, i) => r with { Line = i + 2 }),
            options => options.WithStrictOrdering());
    }

    [Fact]
    public void A_template_cell_a_spreadsheet_would_run_is_guarded_and_reads_back_as_written()
    {
        OwnershipCsvRow[] rows = [new(0, "chongqing", 9, "=HYPERLINK(\"http://x\")", ["@SUM(A1)", "市财政局"])];

        var text = OwnershipCsv.Write(rows);
        var document = OwnershipCsv.ParseText(text, "template.csv");

        text.Split("\r\n")[1].Should().Be("chongqing,9,\"'=HYPERLINK(\"\"http://x\"\")\",'@SUM(A1)、市财政局");
        document.Errors.Should().BeEmpty();
        document.Rows.Should().ContainSingle().Which.Should().BeEquivalentTo(rows[0] with { Line = 2 });
    }
}
