using System.Text;
using EduPlan.Core.Reporting;
using EduPlan.Tests.Shared;

namespace EduPlan.Core.Tests.Reporting.Evidence;

public class EvidenceFileTypesTests
{
    public static TheoryData<string, string, string> AllowedFiles() => new()
    {
        { "pdf", "年度总结.pdf", "application/pdf" },
        { "png", "现场照片.png", "image/png" },
        { "jpeg", "现场照片.jpg", "image/jpeg" },
        { "jpeg", "现场照片.JPEG", "image/jpeg" },
        { "docx", "工作方案.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "xlsx", "统计表.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        { "ole2", "旧版方案.doc", "application/msword" },
        { "ole2", "旧版统计.XLS", "application/vnd.ms-excel" },
    };

    [Theory]
    [MemberData(nameof(AllowedFiles))]
    public void Accepts_each_allowed_kind_and_names_its_canonical_media_type(string sample, string fileName, string mediaType)
    {
        var check = EvidenceFileTypes.Check(fileName, Sample(sample));

        check.Error.Should().BeNull();
        check.IsAllowed.Should().BeTrue();
        check.Type!.MediaType.Should().Be(mediaType);
    }

    [Fact]
    public void Refuses_a_program_renamed_report_pdf_naming_the_file_and_the_allowed_kinds()
    {
        var check = EvidenceFileTypes.Check("report.pdf", EvidenceSamples.Executable());

        check.IsAllowed.Should().BeFalse();
        check.Type.Should().BeNull();
        check.Error.Should().Be("文件“report.pdf”不是允许的类型（PDF、Word、Excel、JPEG、PNG）");
    }

    [Fact]
    public void Refuses_a_zip_renamed_docx()
    {
        var check = EvidenceFileTypes.Check("方案.docx", EvidenceSamples.PlainZip());

        check.Error.Should().Be("文件“方案.docx”不是允许的类型（PDF、Word、Excel、JPEG、PNG）");
    }

    [Fact]
    public void Refuses_an_office_package_that_is_neither_a_document_nor_a_workbook()
    {
        var presentation = EvidenceSamples.Zip(new Dictionary<string, string>
        {
            ["[Content_Types].xml"] = "<Types/>",
            ["ppt/presentation.xml"] = "<presentation/>",
        });

        EvidenceFileTypes.Check("汇报.docx", presentation).IsAllowed.Should().BeFalse();
    }

    [Fact]
    public void Refuses_a_docx_whose_package_lacks_content_types()
    {
        var bare = EvidenceSamples.Zip(new Dictionary<string, string> { ["word/document.xml"] = "<document/>" });

        EvidenceFileTypes.Check("方案.docx", bare).IsAllowed.Should().BeFalse();
    }

    [Fact]
    public void Refuses_a_macro_enabled_document_renamed_docx()
    {
        EvidenceFileTypes.Check("方案.docx", EvidenceSamples.Docx(withMacros: true)).IsAllowed.Should().BeFalse();
    }

    [Fact]
    public void Refuses_a_broken_zip_without_throwing()
    {
        var broken = "PK\u0003\u0004 this is not really a zip archive"u8.ToArray();

        EvidenceFileTypes.Check("方案.docx", broken).Error.Should().Be("文件“方案.docx”不是允许的类型（PDF、Word、Excel、JPEG、PNG）");
    }

    [Fact]
    public void Refuses_an_empty_file_saying_it_is_empty()
    {
        EvidenceFileTypes.Check("空白.pdf", []).Error.Should().Be("文件“空白.pdf”是空文件，不能上传");
    }

    [Fact]
    public void Refuses_a_png_named_pdf_naming_the_real_type_and_extension()
    {
        var check = EvidenceFileTypes.Check("照片.pdf", EvidenceSamples.Png());

        check.IsAllowed.Should().BeFalse();
        check.Error.Should().Be("文件“照片.pdf”的内容是PNG图片，与扩展名不符，请改为.png后再上传");
    }

    [Fact]
    public void Refuses_a_docx_named_xlsx_and_a_pdf_without_an_extension()
    {
        EvidenceFileTypes.Check("统计表.xlsx", EvidenceSamples.Docx()).Error.Should().Contain("Word文档").And.Contain(".docx");
        EvidenceFileTypes.Check("扫描件", EvidenceSamples.Pdf()).Error.Should().Contain("PDF文档").And.Contain(".pdf");
    }

    [Theory]
    [InlineData("汇报.ppt")]
    [InlineData("安装包.msi")]
    [InlineData("方案.pdf")]
    [InlineData("方案.docx")]
    public void Refuses_a_compound_office_file_unless_named_doc_or_xls(string fileName)
    {
        EvidenceFileTypes.Check(fileName, EvidenceSamples.Ole2()).Error.Should().Be(EvidenceFileTypes.NotAllowed(fileName).ToString());
    }

    [Theory]
    [InlineData("page.pdf", "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>")]
    [InlineData("logo.png", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")]
    [InlineData("run.pdf", "#!/bin/sh\nrm -rf /\n")]
    [InlineData("notes.pdf", "just some text that mentions %PDF- later on")]
    [InlineData("script.jpg", "MZ")]
    public void Refuses_markup_scripts_and_text_whatever_their_name(string fileName, string content)
    {
        EvidenceFileTypes.Check(fileName, Encoding.UTF8.GetBytes(content)).Error.Should().Be(EvidenceFileTypes.NotAllowed(fileName).ToString());
    }

    [Fact]
    public void Offers_every_allowed_extension_for_the_upload_field()
    {
        EvidenceFileTypes.AcceptAttribute.Split(',').Should().BeEquivalentTo([".pdf", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".jpeg", ".png"]);
    }

    private static byte[] Sample(string kind) => kind switch
    {
        "pdf" => EvidenceSamples.Pdf(),
        "png" => EvidenceSamples.Png(),
        "jpeg" => EvidenceSamples.Jpeg(),
        "docx" => EvidenceSamples.Docx(),
        "xlsx" => EvidenceSamples.Xlsx(),
        "ole2" => EvidenceSamples.Ole2(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
