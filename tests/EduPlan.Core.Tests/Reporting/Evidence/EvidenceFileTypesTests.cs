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
        var check = EvidenceFileTypes.Check(fileName, Sample(sample), allowLegacyOffice: true);

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
        EvidenceFileTypes.Check(fileName, EvidenceSamples.Ole2(), allowLegacyOffice: true).Error.Should().Be(EvidenceFileTypes.NotAllowed(fileName).ToString());
    }

    [Theory]
    [InlineData("旧版方案.doc", "文件“旧版方案.doc”是Word 97-2003文档（旧版Office格式），不能上传；请在Word或Excel中另存为.docx或.xlsx后再上传")]
    [InlineData("旧版统计.xls", "文件“旧版统计.xls”是Excel 97-2003工作簿（旧版Office格式），不能上传；请在Word或Excel中另存为.docx或.xlsx后再上传")]
    public void Refuses_an_old_office_file_by_default_saying_how_to_save_it(string fileName, string message)
    {
        EvidenceFileTypes.Check(fileName, EvidenceSamples.Ole2()).Error.Should().Be(message);
    }

    [Fact]
    public void Refuses_random_bytes_behind_a_compound_file_signature_even_when_old_office_files_are_allowed()
    {
        var random = new byte[4096];
        new Random(13).NextBytes(random);
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(random, 0);

        EvidenceFileTypes.Check("方案.doc", random, allowLegacyOffice: true).Error.Should().Be(EvidenceFileTypes.NotAllowed("方案.doc").ToString());
    }

    [Fact]
    public void A_real_jpeg_is_accepted_with_a_cameras_trailer_after_its_end()
    {
        byte[] withTrailer = [.. EvidenceSamples.Jpeg(), .. "MPF trailer"u8.ToArray()];

        EvidenceFileTypes.Check("现场.jpg", withTrailer).IsAllowed.Should().BeTrue();
    }

    public static TheoryData<string, byte[]> DamagedImages()
    {
        var html = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"u8.ToArray();
        var jpeg = EvidenceSamples.Jpeg();
        var png = EvidenceSamples.Png();
        var badCrc = (byte[])png.Clone();
        badCrc[29] ^= 0xFF;
        byte[] zeroWidth = (byte[])png.Clone();
        zeroWidth[16] = zeroWidth[17] = zeroWidth[18] = zeroWidth[19] = 0;
        return new()
        {
            { "照片.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF\0"u8.ToArray(), 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, .. html] },
            { "照片.jpg", [0xFF, 0xD8, 0xFF, .. html] },
            { "照片.jpg", jpeg[..^2] },
            { "照片.jpg", RemoveFrame(jpeg) },
            { "照片.png", [.. png[..8], .. html] },
            { "照片.png", png[..^12] },
            { "照片.png", badCrc },
            { "照片.png", zeroWidth },
        };
    }

    [Theory]
    [MemberData(nameof(DamagedImages))]
    public void Refuses_an_image_signature_that_is_not_followed_by_a_whole_image(string fileName, byte[] content)
    {
        var check = EvidenceFileTypes.Check(fileName, content);

        check.IsAllowed.Should().BeFalse();
        check.Error!.Key.Should().Be("Evidence_ImageDamaged");
        check.Error.ToString().Should().StartWith($"文件“{fileName}”开头像");
    }

    /// <summary>The sample JPEG without its frame header (SOF0): a scan with no size.</summary>
    private static byte[] RemoveFrame(byte[] jpeg)
    {
        var sof = jpeg.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xC0]);
        return [.. jpeg[..sof], .. jpeg[(sof + 13)..]];
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
