using EduPlan.Core.Messages;

namespace EduPlan.Core.Reporting;

/// <summary>A kind of file accepted as evidence: its name for readers ("PDF文档"), its media type and the extensions it may carry.</summary>
public sealed record EvidenceFileType(Message Label, string MediaType, IReadOnlyList<string> Extensions);

/// <summary>The outcome of checking an evidence file: the type found in its content, or why it is refused.</summary>
public sealed record EvidenceFileCheck(EvidenceFileType? Type, Message? Error)
{
    public bool IsAllowed => Type is not null;
}

/// <summary>
/// Which files may be evidence (PDF, Word, Excel, JPEG, PNG), decided from the content's first bytes; the name's
/// extension must then agree, so a program renamed report.pdf or a PNG named .pdf is refused with the real type named.
/// </summary>
public static class EvidenceFileTypes
{
    /// <summary>The allowed kinds, as users are told them: "PDF、Word、Excel、JPEG、PNG".</summary>
    public static MessageList AllowedKinds { get; } = MessageList.Of(["PDF", "Word", "Excel", "JPEG", "PNG"]);

    public static EvidenceFileType Pdf { get; } = new(new("EvidenceType_Pdf"), "application/pdf", [".pdf"]);
    public static EvidenceFileType Jpeg { get; } = new(new("EvidenceType_Jpeg"), "image/jpeg", [".jpg", ".jpeg"]);
    public static EvidenceFileType Png { get; } = new(new("EvidenceType_Png"), "image/png", [".png"]);
    public static EvidenceFileType Doc { get; } = new(new("EvidenceType_Doc"), "application/msword", [".doc"]);
    public static EvidenceFileType Xls { get; } = new(new("EvidenceType_Xls"), "application/vnd.ms-excel", [".xls"]);
    public static EvidenceFileType Docx { get; } = new(new("EvidenceType_Docx"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx"]);
    public static EvidenceFileType Xlsx { get; } = new(new("EvidenceType_Xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".xlsx"]);

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
    /// and in the messages. Old .doc/.xls files (compound files, which can carry macros and are not looked into) are
    /// refused unless <paramref name="allowLegacyOffice"/> (setting Uploads:AllowLegacyOffice).
    /// </summary>
    public static EvidenceFileCheck Check(string fileName, byte[] content, bool allowLegacyOffice = false)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0)
        {
            return new(null, new Message("Evidence_FileEmpty", fileName));
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        // A zip is looked into (within bounds): a zip bomb, an XML bomb or a part list that lies is refused with its reason.
        var office = content.AsSpan().StartsWith(ZipMagic) ? OfficeArchive.Inspect(fileName, content) : (OfficeArchive.Inspection?)null;
        if (office is { Refusal: { } refusal })
        {
            return new(null, refusal);
        }

        var detected = office is { } inspected ? inspected.Type : Detect(content, extension);
        if (detected is null)
        {
            return new(null, NotAllowed(fileName));
        }

        if (!detected.Extensions.Contains(extension))
        {
            return new(null, new Message("Evidence_ExtensionMismatch", fileName, detected.Label, MessageList.Of(detected.Extensions, MessageList.Or)));
        }

        if (StructureRefusal(fileName, detected, content, allowLegacyOffice) is { } structural)
        {
            return new(null, structural);
        }

        return new(detected, null);
    }

    /// <summary>Why a file that starts like an image or an old Office file is still refused; null when its structure holds.</summary>
    private static Message? StructureRefusal(string fileName, EvidenceFileType type, byte[] content, bool allowLegacyOffice)
    {
        if (type == Png || type == Jpeg)
        {
            var whole = type == Png ? FileStructure.IsPng(content) : FileStructure.IsJpeg(content);
            return whole ? null : new Message("Evidence_ImageDamaged", fileName, type.Label);
        }

        if (type == Doc || type == Xls)
        {
            return !allowLegacyOffice ? new Message("Evidence_LegacyOfficeRefused", fileName, type.Label)
                : !FileStructure.IsCompoundFile(content) ? NotAllowed(fileName)
                : null;
        }

        return null;
    }

    /// <summary>The refusal of a file whose content is not an allowed kind.</summary>
    public static Message NotAllowed(string fileName) => new("Evidence_TypeNotAllowed", fileName, AllowedKinds);

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

        return null;
    }
}
