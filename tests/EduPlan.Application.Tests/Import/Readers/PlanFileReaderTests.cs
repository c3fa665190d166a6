using System.Text;
using EduPlan.Application.Import.Readers;
using EduPlan.Core.Messages;
using EduPlan.Core.Parsing;
using EduPlan.Tests.Shared;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Writer;

namespace EduPlan.Application.Tests.Import.Readers;

/// <summary>Word, PDF and the .xlsx template arrive at the same plans as the text they hold; other files are refused clearly.</summary>
public sealed class PlanFileReaderTests
{
    private static readonly PlanFileReader Reader = new(new PlanDocumentParser());

    public static TheoryData<string> Fixtures => new(PlanFixtures.Names.Where(n => PlanFixtures.Expected(n, ".tree") is not null));

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void A_fixture_written_as_a_Word_document_gives_the_tree_it_is_labelled_with(string name)
    {
        var content = Reader.Read(PlanDocx.FromText(PlanFixtures.Text(name)), name + ".txt");

        content.Format.Should().Be("docx");
        PlanTree.Render(content.Document, MessageTexts.English).Should().Be(PlanFixtures.Expected(name, ".tree"));
    }

    [Fact]
    public void The_seed_as_a_Word_document_with_automatic_numbering_gives_exactly_the_plans_of_the_text()
    {
        var text = Reader.Read(Encoding.UTF8.GetBytes(Seeds.Text), Seeds.FileName).Document;

        var word = Reader.Read(PlanDocx.FromText(Seeds.Text, wordNumbering: true), Seeds.FileName);

        word.Source!.Lines.Should().Contain(l => l.Text.StartsWith("（三十八）积极参与全球教育治理", StringComparison.Ordinal),
            "Word draws the （三十八） that the paragraph's text does not hold");
        word.Document.Plans.Should().BeEquivalentTo(text.Plans, options => options.ComparingRecordsByMembers().WithStrictOrdering());
    }

    [Fact]
    public void Word_numbering_that_restarts_in_each_section_is_written_out_as_restarting()
    {
        var word = Reader.Read(PlanDocx.FromText(PlanFixtures.Text("city-fyp-contents-table"), wordNumbering: true), "city.docx");

        PlanTree.Render(word.Document, MessageTexts.English).Should().Be(PlanFixtures.Expected("city-fyp-contents-table", ".tree"));
    }

    [Fact]
    public void A_target_table_in_a_Word_document_comes_through_as_a_table()
    {
        var word = Reader.Read(PlanDocx.FromText(PlanFixtures.Text("city-fyp-contents-table")), "city.docx");

        var rows = word.Source!.Lines.Where(l => l.IsTableRow).ToList();
        rows.Should().HaveCount(7);
        rows[0].Cells.Should().Equal("指标", "单位", "2020年", "2025年", "属性");
        word.Document.Plans.Single().Indicators.Should().Contain(i => i.Name == "义务教育优质均衡区县" && i.Target == 5m && i.Baseline == 2m);
    }

    [Fact]
    public void A_text_PDF_gives_the_same_tree_as_the_text_it_was_printed_from()
    {
        var content = Reader.Read(PdfFixture("district-draft-title-two-lines.pdf"), "district.pdf");

        content.Format.Should().Be("pdf");
        PlanTree.Render(content.Document, MessageTexts.English).Should().Be(PlanFixtures.Expected("district-draft-title-two-lines", ".tree"));
        content.Source!.Lines.Should().OnlyContain(l => l.Page == 1);
    }

    [Fact]
    public void The_chongqing_plan_printed_to_a_multi_page_PDF_is_the_seed_plan_to_the_last_character()
    {
        var seed = Seeds.Parse().Plans[1];

        var pdf = Reader.Read(PdfFixture("seed-chongqing.pdf"), "chongqing.pdf");

        pdf.Source!.Lines.Max(l => l.Page).Should().BeGreaterThan(5, "paragraphs run over page breaks");
        var plan = pdf.Document.Plans.Single();
        plan.ContentHash.Should().Be(seed.ContentHash, "wrapped lines are joined back into the paragraphs they were printed from");
        plan.Tasks.Should().HaveCount(43);
    }

    [Fact]
    public void A_scanned_PDF_is_refused_saying_it_holds_pictures_and_the_portal_does_no_OCR()
    {
        var builder = new PdfDocumentBuilder();
        for (var i = 0; i < 2; i++)
        {
            builder.AddPage(PageSize.A4).AddPng(EvidenceSamples.Png(), new UglyToad.PdfPig.Core.PdfRectangle(0, 0, 595, 842));
        }

        var refusal = Assert.Throws<PlanFormatException>(() => Reader.Read(builder.Build(), "scan.pdf"));

        refusal.Message.Should().StartWith("scan.pdf: ").And.Contain("扫描件").And.Contain("2 页").And.Contain("OCR");
        refusal.ToString(MessageTexts.English).Should().Contain("scan").And.Contain("character recognition");
    }

    [Fact]
    public void Refusals_from_a_Word_document_quote_the_paragraph_they_name()
    {
        var text = PlanFixtures.Text("numbering-widths-and-spaces").Replace("（十三）", "（十四）", StringComparison.Ordinal);

        var refusal = Assert.Throws<PlanFormatException>(() => Reader.Read(PlanDocx.FromText(text), "skip.docx"));

        refusal.Line.Should().Be(18);
        refusal.LineText.Should().StartWith("（十四）营造良好氛围");
        refusal.Message.Should().StartWith("skip.docx:18:").And.Contain("不连续").And.Contain("（十三）").And.Contain("“（十四）营造良好氛围");
    }

    [Fact]
    public void The_xlsx_template_filled_from_a_plan_reads_back_as_the_same_plan()
    {
        var plan = Reader.Read(PlanFixtures.Bytes("outline-2010-consultation-draft"), "outline.txt").Document.Plans.Single();

        var content = Reader.Read(XlsxPlanTemplate.Write(plan), "outline.xlsx");

        content.Format.Should().Be("xlsx");
        var read = content.Document.Plans.Single();
        read.Should().BeEquivalentTo(plan, options => options
            .ComparingRecordsByMembers()
            .Excluding(p => p.Line).Excluding(p => p.Preamble).Excluding(p => p.ParentTitle).Excluding(p => p.ContentHash)
            .Excluding(p => p.Path.EndsWith("Line", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_filled_template_with_a_task_in_a_missing_section_is_refused_naming_sheet_and_row()
    {
        var plan = Reader.Read(PlanFixtures.Bytes("provincial-section-sign-key-tasks"), "p.txt").Document.Plans.Single();
        var withoutSection2 = plan with { Sections = [plan.Sections[0], plan.Sections[2]], Indicators = [] };
        var template = XlsxPlanTemplate.Write(withoutSection2);
        var withTasks = XlsxPlanTemplate.Write(plan);

        Reader.Read(template, "ok.xlsx").Document.Plans.Single().Tasks.Should().BeEmpty();
        var refusal = Assert.Throws<PlanFormatException>(() => Reader.Read(ReplaceSheet(withTasks, template, XlsxPlanTemplate.TaskSheet), "broken.xlsx"));

        refusal.Message.Should().StartWith("broken.xlsx: ").And.Contain("工作表“任务”第 2 行").And.Contain("章节 2 不在“章节”表中");
    }

    [Fact]
    public void The_blank_template_explains_every_sheet_and_is_refused_as_empty_until_filled()
    {
        var blank = XlsxPlanTemplate.Write(null);

        var refusal = Assert.Throws<PlanFormatException>(() => Reader.Read(blank, "blank.xlsx"));

        refusal.Message.Should().Contain("工作表“规划”").And.Contain("“标题”不能为空");
    }

    [Theory]
    [InlineData("legacy.doc")]
    [InlineData("archive.zip")]
    [InlineData("sheet.xlsx")]
    public void Other_files_are_refused_saying_what_they_are_and_what_the_portal_reads(string name)
    {
        var content = name switch
        {
            "legacy.doc" => EvidenceSamples.Ole2(),
            "archive.zip" => EvidenceSamples.PlainZip(),
            _ => EvidenceSamples.Xlsx(),
        };

        var refusal = Assert.Throws<PlanFormatException>(() => Reader.Read(content, name));

        refusal.Line.Should().Be(0);
        refusal.Message.Should().StartWith(name + ": ");
        refusal.ToString(MessageTexts.English).Should().NotMatchRegex(@"[\u4e00-\u9fff]{3}(?![^“]*”)", "the English refusal has no Chinese outside quoted names");
    }

    [Fact]
    public void A_Word_document_renamed_to_txt_is_still_read_as_Word()
    {
        var content = Reader.Read(PlanDocx.FromText(PlanFixtures.Text("school-three-year-plan")), "plan.txt");

        content.Format.Should().Be("docx");
        content.Document.Plans.Single().Title.Should().Be("重庆市某某中学校三年发展规划（2021—2023年）");
    }

    private static byte[] PdfFixture(string name) => File.ReadAllBytes(Path.Combine(PlanFixtures.Folder, "pdf", name));

    /// <summary>The workbook <paramref name="target"/> with one sheet's rows taken from <paramref name="source"/>.</summary>
    private static byte[] ReplaceSheet(byte[] source, byte[] target, string sheet)
    {
        using var sourceStream = new MemoryStream(source);
        using var from = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(sourceStream, false);
        var rows = SheetData(from, sheet).CloneNode(true);
        using var targetStream = new MemoryStream();
        targetStream.Write(target);
        using (var to = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(targetStream, true))
        {
            var data = SheetData(to, sheet);
            data.Parent!.ReplaceChild(rows, data);
        }

        return targetStream.ToArray();
    }

    private static DocumentFormat.OpenXml.Spreadsheet.SheetData SheetData(DocumentFormat.OpenXml.Packaging.SpreadsheetDocument document, string sheet)
    {
        var workbook = document.WorkbookPart!;
        var entry = workbook.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single(s => s.Name == sheet);
        var part = (DocumentFormat.OpenXml.Packaging.WorksheetPart)workbook.GetPartById(entry.Id!);
        return part.Worksheet.GetFirstChild<DocumentFormat.OpenXml.Spreadsheet.SheetData>()!;
    }
}
