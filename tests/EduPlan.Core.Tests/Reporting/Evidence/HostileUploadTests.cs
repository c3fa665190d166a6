using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using EduPlan.Core.Reporting;
using EduPlan.Tests.Shared;

namespace EduPlan.Core.Tests.Reporting.Evidence;

/// <summary>
/// Uploads built to hurt the server or the reader: a zip bomb and an XML bomb dressed as Office files, a zip that lies
/// about its sizes, files whose declared type is not what they are. Each is refused, within bounded memory and time.
/// </summary>
public sealed class HostileUploadTests
{
    /// <summary>Well above what checking a 10 MB upload needs; far below what any bomb here would take.</summary>
    private const long MemoryBound = 32L * 1024 * 1024;

    private static readonly Lazy<byte[]> ZipBomb = new(() => OfficeFile(
        "/word/document.xml", WordMain, "word/document.xml",
        extra: zip =>
        {
            // 512 MB of zeros: about half a megabyte compressed.
            using var stream = zip.CreateEntry("word/media/image1.png", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 512; i++)
            {
                stream.Write(zeros);
            }
        }));

    private const string WordMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    private const string ExcelMain = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

    [Theory]
    [InlineData("工作总结.docx")]
    [InlineData("统计表.xlsx")]
    public void A_zip_bomb_dressed_as_an_office_file_is_refused_from_its_directory(string name)
    {
        var bomb = ZipBomb.Value;
        bomb.Length.Should().BeLessThan(EvidenceLimit, "it fits in an upload");

        var (check, allocated, elapsed) = Measure(() => EvidenceFileTypes.Check(name, bomb));

        check.IsAllowed.Should().BeFalse();
        check.Error.Should().Contain("压缩炸弹").And.Contain(name);
        allocated.Should().BeLessThan(MemoryBound);
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void A_zip_that_declares_small_parts_but_inflates_to_much_more_is_refused_while_inflating()
    {
        var honest = OfficeFile("/word/document.xml", WordMain, "word/document.xml", extra: zip =>
        {
            using var stream = zip.CreateEntry("word/media/image1.png", CompressionLevel.SmallestSize).Open();
            stream.Write(new byte[20 * 1024 * 1024]);
        });
        var lying = DeclareSize(honest, "word/media/image1.png", 1000);

        var (check, allocated, elapsed) = Measure(() => EvidenceFileTypes.Check("汇报.docx", lying));

        check.IsAllowed.Should().BeFalse("a part inflates past the size its directory entry declares");
        allocated.Should().BeLessThan(MemoryBound);
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void An_xml_bomb_inside_a_docx_is_refused_without_expanding_it()
    {
        var laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            laughs.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat(i == 1 ? "&lol;" : $"&lol{i - 1};", 10))}\">");
        }

        laughs.Append("]><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>&lol9;</w:body></w:document>");
        var bomb = OfficeFile("/word/document.xml", WordMain, "word/document.xml", document: laughs.ToString());

        var (check, allocated, elapsed) = Measure(() => EvidenceFileTypes.Check("通知.docx", bomb));

        check.IsAllowed.Should().BeFalse();
        check.Error.Should().Contain("DTD").And.Contain("word/document.xml");
        allocated.Should().BeLessThan(MemoryBound);
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void An_external_entity_in_the_content_types_is_refused()
    {
        var types = "<?xml version=\"1.0\"?><!DOCTYPE Types [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" +
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/xl/workbook.xml\" ContentType=\"&xxe;\"/></Types>";
        var file = EvidenceSamples.Zip(new Dictionary<string, string>
        {
            ["[Content_Types].xml"] = types,
            ["xl/workbook.xml"] = "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>",
        });

        var check = EvidenceFileTypes.Check("统计表.xlsx", file);

        check.IsAllowed.Should().BeFalse();
        check.Error.Should().Contain("[Content_Types].xml").And.Contain("DTD");
    }

    [Theory]
    [InlineData("application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml", "a template renamed .docx")]
    [InlineData("text/html", "a web page in Word's clothes")]
    public void A_docx_whose_content_types_say_it_is_something_else_is_refused(string contentType, string what)
    {
        var file = OfficeFile("/word/document.xml", contentType, "word/document.xml");

        var check = EvidenceFileTypes.Check("汇报.docx", file);

        check.IsAllowed.Should().BeFalse(what);
        check.Error.Should().Contain("内容类型").And.Contain("Word");
    }

    public static TheoryData<string, string, string?> MacroParts() => new()
    {
        // what, an extra content-type declaration, a relationship of document.xml
        { "a VBA project renamed image9.bin", "<Override PartName=\"/word/media/image9.bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>", null },
        { "every .bin declared a VBA project", "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>", null },
        { "a .docm's main part renamed .docx", "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.ms-word.document.macroEnabled.main+xml\"/>", null },
        { "a relationship to a VBA project", "", "http://schemas.microsoft.com/office/2006/relationships/vbaProject" },
    };

    [Theory]
    [MemberData(nameof(MacroParts))]
    public void A_macro_part_under_any_name_is_refused(string what, string declaration, string? relationship)
    {
        var file = EvidenceSamples.Zip(new Dictionary<string, string>
        {
            ["[Content_Types].xml"] = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" + declaration
                + $"<Override PartName=\"/word/document.xml\" ContentType=\"{WordMain}\"/></Types>",
            ["_rels/.rels"] = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>",
            ["word/document.xml"] = "<?xml version=\"1.0\"?><root xmlns=\"urn:x\"/>",
            ["word/_rels/document.xml.rels"] = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + (relationship is null ? "" : $"<Relationship Id=\"rId9\" Type=\"{relationship}\" Target=\"media/image9.bin\"/>") + "</Relationships>",
            ["word/media/image9.bin"] = "not really VBA, but declared so",
        });

        var check = EvidenceFileTypes.Check("汇报.docx", file);

        check.IsAllowed.Should().BeFalse(what);
        check.Error!.Key.Should().Be("Evidence_ArchiveHasMacros", what);
        check.Error.ToString().Should().StartWith("文件“汇报.docx”含有宏");
    }

    [Fact]
    public void A_docx_named_xlsx_an_html_page_named_docx_and_a_zip_without_office_parts_are_refused()
    {
        EvidenceFileTypes.Check("统计表.xlsx", OfficeFile("/word/document.xml", WordMain, "word/document.xml")).Error.Should().Contain("Word文档");
        EvidenceFileTypes.Check("报告.docx", Encoding.UTF8.GetBytes("<html><body>PK</body></html>")).IsAllowed.Should().BeFalse();
        EvidenceFileTypes.Check("报告.docx", EvidenceSamples.PlainZip()).IsAllowed.Should().BeFalse();
        EvidenceFileTypes.Check("统计表.xlsx", OfficeFile("/xl/workbook.xml", ExcelMain, "xl/workbook.xml")).IsAllowed.Should().BeTrue("the genuine article still passes");
    }

    [Fact]
    public void A_zip_of_thousands_of_empty_parts_is_refused()
    {
        var file = OfficeFile("/xl/workbook.xml", ExcelMain, "xl/workbook.xml", extra: zip =>
        {
            for (var i = 0; i <= OfficeArchive.MaxEntries; i++)
            {
                zip.CreateEntry($"xl/parts/{i}.bin", CompressionLevel.NoCompression);
            }
        });

        var check = EvidenceFileTypes.Check("统计表.xlsx", file);

        check.IsAllowed.Should().BeFalse();
        check.Error.Should().Contain(OfficeArchive.MaxEntries.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private const int EvidenceLimit = 10 * 1024 * 1024;

    private static (T Result, long Allocated, TimeSpan Elapsed) Measure<T>(Func<T> work)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var result = work();
        return (result, GC.GetAllocatedBytesForCurrentThread() - before, watch.Elapsed);
    }

    private static byte[] OfficeFile(string mainPart, string mainType, string mainEntry, string? document = null, Action<ZipArchive>? extra = null)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", EvidenceSamples.ContentTypes(mainPart, mainType));
            Write(zip, "_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>");
            Write(zip, mainEntry, document ?? "<?xml version=\"1.0\"?><root xmlns=\"urn:x\"/>");
            extra?.Invoke(zip);
        }

        return stream.ToArray();
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }

    /// <summary>Rewrites the uncompressed size of <paramref name="entry"/> in its local header and central directory record.</summary>
    private static byte[] DeclareSize(byte[] zip, string entry, uint size)
    {
        var bytes = (byte[])zip.Clone();
        var name = Encoding.UTF8.GetBytes(entry);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            if (signature == 0x04034b50 && bytes.AsSpan(i + 30, name.Length).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 22), size);
            }
            else if (signature == 0x02014b50 && bytes.AsSpan(i + 46, Math.Min(name.Length, bytes.Length - i - 46)).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), size);
            }
        }

        return bytes;
    }
}
