using System.IO.Compression;
using EduPlan.Core.Messages;
using EduPlan.Core.Parsing;

namespace EduPlan.Application.Import.Readers;

/// <summary>What a plan file held: the plans read from it, and the lines they were read from (for the preview).</summary>
/// <param name="Format">"text", "docx", "pdf" or "xlsx".</param>
/// <param name="Source">The lines the parser read; null for the .xlsx template, which is read cell by cell.</param>
public sealed record PlanFileContent(string Format, ParsedDocument Document, PlanSource? Source);

/// <summary>
/// Reads a plan file of any supported kind, told apart by its content rather than its name: text (UTF-8, UTF-16,
/// GB18030), Word (.docx), PDF with a text layer, or the .xlsx template. Every kind but the template goes through
/// the same parser; the template is read by <see cref="XlsxPlanTemplate"/>.
/// </summary>
public sealed class PlanFileReader(IPlanDocumentParser parser)
{
    /// <summary>The largest file accepted: a 500-page plan as a PDF with embedded fonts stays well below.</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    public PlanFileContent Read(byte[] content, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (content.Length > MaxBytes)
        {
            throw new PlanFormatException(sourceName, 0, new Message("PlanImport_TooLarge", MaxBytes / (1024 * 1024)));
        }

        var span = content.AsSpan();
        if (span[..Math.Min(span.Length, 1024)].IndexOf("%PDF-"u8) >= 0)
        {
            var pdf = PdfPlanReader.Read(content, sourceName);
            return new PlanFileContent("pdf", parser.Parse(pdf), pdf);
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            throw new PlanFormatException(sourceName, 0, new Message("PlanImport_LegacyOffice"));
        }

        if (span.StartsWith("PK\u0003\u0004"u8))
        {
            return ReadPackage(content, sourceName);
        }

        var text = PlanSource.FromBytes(content, sourceName);
        return new PlanFileContent("text", parser.Parse(text), text);
    }

    private PlanFileContent ReadPackage(byte[] content, string sourceName)
    {
        bool isWord, isWorkbook;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            isWord = zip.GetEntry("word/document.xml") is not null;
            isWorkbook = zip.GetEntry("xl/workbook.xml") is not null;
        }
        catch (InvalidDataException)
        {
            throw new PlanFormatException(sourceName, 0, new Message("PlanImport_UnknownFormat"));
        }

        if (isWord)
        {
            var docx = DocxPlanReader.Read(content, sourceName);
            return new PlanFileContent("docx", parser.Parse(docx), docx);
        }

        if (isWorkbook)
        {
            if (!XlsxPlanTemplate.IsTemplate(content))
            {
                throw new PlanFormatException(sourceName, 0, new Message("PlanImport_XlsxNotTemplate", XlsxPlanTemplate.PlanSheet));
            }

            return new PlanFileContent("xlsx", XlsxPlanTemplate.Read(content, sourceName), null);
        }

        throw new PlanFormatException(sourceName, 0, new Message("PlanImport_UnknownFormat"));
    }
}
