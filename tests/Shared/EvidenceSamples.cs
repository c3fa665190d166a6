using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace EduPlan.Tests.Shared;

/// <summary>Tiny but well-formed files of every kind the evidence check meets (compiled into the Core and Data tests).</summary>
public static class EvidenceSamples
{
    public static byte[] Pdf() => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    /// <summary>A 1×1 RGB PNG: signature, IHDR (with its CRC), IDAT, IEND.</summary>
    public static byte[] Png()
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, 1);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 1);
        header[8] = 8;
        header[9] = 2;
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", [0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00]);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>
    /// A whole baseline JPEG of one grey pixel: SOI, APP0 (JFIF), a quantisation table, the frame header (1 × 1, one
    /// component), one-code DC and AC Huffman tables, the scan (DC difference 0, end of block: bits 00, padded with ones)
    /// and EOI. Decoders show it.
    /// </summary>
    public static byte[] Jpeg()
    {
        var bytes = new List<byte> { 0xFF, 0xD8 };
        bytes.AddRange([0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
        bytes.AddRange([0xFF, 0xDB, 0x00, 0x43, 0x00]);
        bytes.AddRange(Enumerable.Repeat((byte)1, 64));
        bytes.AddRange([0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00]);
        foreach (var tableClass in new byte[] { 0x00, 0x10 })
        {
            bytes.AddRange([0xFF, 0xC4, 0x00, 0x14, tableClass, 0x01]);
            bytes.AddRange(Enumerable.Repeat((byte)0, 15));
            bytes.Add(0x00);
        }

        bytes.AddRange([0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
        bytes.AddRange([0x3F, 0xFF, 0xD9]);
        return bytes.ToArray();
    }

    /// <summary>A compound-file (OLE2) header as Word 97-2003 and Excel 97-2003 write it, padded to one sector.</summary>
    public static byte[] Ole2()
    {
        var bytes = new byte[1024];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x18), 0x003E);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x1A), 0x0003);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x1C), 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x1E), 9);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x20), 6);
        return bytes;
    }

    public static byte[] Docx(bool withMacros = false)
    {
        var entries = new Dictionary<string, string>
        {
            ["[Content_Types].xml"] = ContentTypes("/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
            ["_rels/.rels"] = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>",
            ["word/document.xml"] = "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>教共体覆盖率</w:t></w:r></w:p></w:body></w:document>",
        };
        if (withMacros)
        {
            entries["word/vbaProject.bin"] = "macro";
        }

        return Zip(entries);
    }

    public static byte[] Xlsx() => Zip(new Dictionary<string, string>
    {
        ["[Content_Types].xml"] = ContentTypes("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
        ["_rels/.rels"] = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>",
        ["xl/workbook.xml"] = "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>",
    });

    /// <summary>[Content_Types].xml as Office writes it: the defaults and the main part's type.</summary>
    public static string ContentTypes(string mainPart, string mainType) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
        $"<Override PartName=\"{mainPart}\" ContentType=\"{mainType}\"/></Types>";

    /// <summary>An ordinary zip of a text file.</summary>
    public static byte[] PlainZip() => Zip(new Dictionary<string, string> { ["readme.txt"] = "hello" });

    /// <summary>The DOS header of a Windows program.</summary>
    public static byte[] Executable()
    {
        var bytes = new byte[256];
        bytes[0] = (byte)'M';
        bytes[1] = (byte)'Z';
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(0x3C), 0x80);
        "PE\0\0"u8.CopyTo(bytes.AsSpan(0x80));
        return bytes;
    }

    public static byte[] Zip(IReadOnlyDictionary<string, string> entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }

        return stream.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
