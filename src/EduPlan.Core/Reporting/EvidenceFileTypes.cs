using System.IO.Compression;

namespace EduPlan.Core.Reporting;

/// <summary>A kind of file accepted as evidence: its Chinese label, its media type and the extensions it may carry.</summary>
public sealed record EvidenceFileType(string Label, string MediaType, IReadOnlyList<string> Extensions);

/// <summary>The outcome of checking an evidence file: the type found in its content, or why it is refused (Chinese).</summary>
public sealed record EvidenceFileCheck(EvidenceFileType? Type, string? Error)
{
    public bool IsAllowed => Type is not null;
}

/// <summary>
/// Which files may be evidence (PDF, Word, Excel, JPEG, PNG), decided from the content's first bytes; the name's
/// extension must then agree, so a program renamed report.pdf or a PNG named .pdf is refused with the real type named.
/// </summary>
public static class EvidenceFileTypes
{
    /// <summary>The allowed kinds, as users are told them.</summary>
    public const string AllowedKindsText = "PDF、Word、Excel、JPEG、PNG";

    public static EvidenceFileType Pdf { get; } = new("PDF文档", "application/pdf", [".pdf"]);
    public static EvidenceFileType Jpeg { get; } = new("JPEG图片", "image/jpeg", [".jpg", ".jpeg"]);
    public static EvidenceFileType Png { get; } = new("PNG图片", "image/png", [".png"]);
    public static EvidenceFileType Doc { get; } = new("Word 97-2003文档", "application/msword", [".doc"]);
    public static EvidenceFileType Xls { get; } = new("Excel 97-2003工作簿", "application/vnd.ms-excel", [".xls"]);
    public static EvidenceFileType Docx { get; } = new("Word文档", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx"]);
    public static EvidenceFileType Xlsx { get; } = new("Excel工作簿", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".xlsx"]);

    public static IReadOnlyList<EvidenceFileType> All { get; } = [Pdf, Doc, Docx, Xls, Xlsx, Jpeg, Png];

    /// <summary>For an upload field's accept attribute: ".pdf,.doc,…" (a hint to the browser only; the server decides).</summary>
    public static string AcceptAttribute { get; } = string.Join(",", All.SelectMany(t => t.Extensions));

    private static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;
    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> Ole2Magic => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static ReadOnlySpan<byte> ZipMagic => "PK\u0003\u0004"u8;

    /// <summary>
    /// Checks a whole file. <paramref name="fileName"/> is the cleaned name (no directories) used for the extension
    /// and in the messages.
    /// </summary>
    public static EvidenceFileCheck Check(string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0)
        {
            return new(null, $"文件“{fileName}”是空文件，不能上传");
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var detected = Detect(content, extension);
        if (detected is null)
        {
            return new(null, NotAllowed(fileName));
        }

        if (!detected.Extensions.Contains(extension))
        {
            return new(null, $"文件“{fileName}”的内容是{detected.Label}，与扩展名不符，请改为{string.Join("或", detected.Extensions)}后再上传");
        }

        return new(detected, null);
    }

    /// <summary>The refusal of a file whose content is not an allowed kind.</summary>
    public static string NotAllowed(string fileName) => $"文件“{fileName}”不是允许的类型（{AllowedKindsText}）";

    private static EvidenceFileType? Detect(byte[] content, string extension)
    {
        var head = content.AsSpan();
        if (head.StartsWith(PdfMagic))
        {
            return Pdf;
        }

        if (head.StartsWith(PngMagic))
        {
            return Png;
        }

        if (head.StartsWith(JpegMagic))
        {
            return Jpeg;
        }

        if (head.StartsWith(Ole2Magic))
        {
            // The compound-file container is shared by Word, Excel, PowerPoint and installers; the extension
            // chooses between the two kinds allowed, anything else in that container is refused.
            return extension switch
            {
                ".doc" => Doc,
                ".xls" => Xls,
                _ => null,
            };
        }

        if (head.StartsWith(ZipMagic))
        {
            return DetectOpenXml(content);
        }

        return null;
    }

    private static EvidenceFileType? DetectOpenXml(byte[] content)
    {
        try
        {
            // Only the central directory is read (the entry names); nothing is decompressed.
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!names.Contains("[Content_Types].xml"))
            {
                return null;
            }

            // A .docx/.xlsx never carries macros; one that does is a renamed .docm/.xlsm.
            if (names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }

            if (names.Contains("word/document.xml"))
            {
                return Docx;
            }

            if (names.Contains("xl/workbook.xml"))
            {
                return Xlsx;
            }

            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
