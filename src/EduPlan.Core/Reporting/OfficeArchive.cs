using System.IO.Compression;
using System.Xml;
using EduPlan.Core.Messages;

namespace EduPlan.Core.Reporting;

/// <summary>
/// Looks inside an upload that starts like a zip and claims to be a .docx or .xlsx, within fixed bounds of memory and
/// time: no more than <see cref="MaxEntries"/> parts, <see cref="MaxExpandedBytes"/> expanded in all and
/// <see cref="MaxRatio"/> times its own size (a zip bomb is refused from its directory, before anything is inflated);
/// no part may hold more compressed bytes than its declared size allows (a zip that lies about its sizes), and every
/// part is inflated through a small buffer that stops at that size; every XML part is read with DTDs forbidden (an XML bomb, an external entity); and
/// [Content_Types].xml must name the main part as a Word document or an Excel workbook (not a macro-enabled one, a
/// template, or anything else wearing the extension).
/// </summary>
public static class OfficeArchive
{
    public const int MaxEntries = 5_000;

    /// <summary>100 MB: a real 10 MB .docx full of text expands to a few tens of MB.</summary>
    public const long MaxExpandedBytes = 100L * 1024 * 1024;

    /// <summary>Office XML compresses about ten to one; images not at all. A hundred to one is a bomb.</summary>
    public const int MaxRatio = 100;

    private const string WordMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    private const string ExcelMain = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

    /// <summary>What was found: the type (Word or Excel), nothing recognisable (both null), or a refusal that says why.</summary>
    public readonly record struct Inspection(EvidenceFileType? Type, Message? Refusal);

    public static Inspection Inspect(string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries)
            {
                return Refuse(new Message("Evidence_ArchiveTooManyParts", fileName, MaxEntries));
            }

            // Deflate never makes data much bigger, so a part whose compressed bytes outnumber its declared size lies
            // about that size (a reader that trusts the data rather than the directory would inflate far more).
            var declared = zip.Entries.Sum(e => e.Length);
            if (declared > MaxExpandedBytes || declared > (long)MaxRatio * Math.Max(content.Length, 1024)
                || zip.Entries.Any(e => e.CompressedLength > e.Length + (e.Length / 100) + 1024))
            {
                return Refuse(Bomb(fileName));
            }

            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var main = names.Contains("word/document.xml") ? (Part: "/word/document.xml", Type: EvidenceFileTypes.Docx, ContentType: WordMain)
                : names.Contains("xl/workbook.xml") ? (Part: "/xl/workbook.xml", Type: EvidenceFileTypes.Xlsx, ContentType: ExcelMain)
                : default;
            // A .docx/.xlsx never carries macros; one that does is a renamed .docm/.xlsm.
            if (main.Type is null || !names.Contains("[Content_Types].xml") || names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
            {
                return default;
            }

            string? mainContentType = null;
            long expanded = 0;
            foreach (var entry in zip.Entries)
            {
                using var stream = new BoundedStream(entry.Open(), entry.Length, MaxExpandedBytes - expanded) { Name = entry.FullName };
                if (IsXml(entry.FullName))
                {
                    var declaredType = ReadXml(stream, entry.FullName == "[Content_Types].xml" ? main.Part : null);
                    if (entry.FullName == "[Content_Types].xml")
                    {
                        mainContentType = declaredType;
                    }
                }

                stream.Drain();
                expanded += stream.BytesRead;
            }

            return mainContentType == main.ContentType
                ? new Inspection(main.Type, null)
                : Refuse(new Message("Evidence_ArchiveTypeMismatch", fileName, main.Type.Label));
        }
        catch (BoundedStream.TooLongException)
        {
            return Refuse(Bomb(fileName));
        }
        catch (XmlPartException e)
        {
            return Refuse(new Message("Evidence_ArchiveXmlRefused", fileName, e.Part));
        }
        catch (MacroPartException e)
        {
            return Refuse(new Message("Evidence_ArchiveHasMacros", fileName, e.Part));
        }
        catch (InvalidDataException)
        {
            return default;
        }
    }

    private static Message Bomb(string fileName) => new("Evidence_ArchiveTooLarge", fileName, MaxExpandedBytes / (1024 * 1024));

    private static Inspection Refuse(Message reason) => new(null, reason);

    private static bool IsXml(string name) =>
        name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a whole XML part with DTDs forbidden; for [Content_Types].xml returns the content type declared for <paramref name="mainPart"/>.</summary>
    private static string? ReadXml(Stream stream, string? mainPart)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreWhitespace = true,
        };
        string? contentType = null;
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                // A macro part is one whatever it is named: by the content type declared for it (vbaProject.bin renamed
                // x.bin, or every .bin by a Default), or by a relationship of the macro kind pointing at it.
                if (IsMacro(reader.GetAttribute("ContentType")) || (reader.LocalName == "Relationship" && IsMacro(reader.GetAttribute("Type"))))
                {
                    throw new MacroPartException(stream is BoundedStream named ? named.Name : "?");
                }

                if (mainPart is not null && reader.LocalName == "Override"
                    && string.Equals(reader.GetAttribute("PartName"), mainPart, StringComparison.OrdinalIgnoreCase))
                {
                    contentType = reader.GetAttribute("ContentType");
                }
            }
        }
        catch (XmlException)
        {
            throw new XmlPartException(stream is BoundedStream bounded ? bounded.Name : "?");
        }

        return contentType;
    }

    /// <summary>
    /// Content types and relationship types of macros: VBA projects and their data (vbaProject, vbaData), Excel 4
    /// macro sheets, and any macro-enabled main part (.docm, .xlsm, .dotm … renamed).
    /// </summary>
    private static bool IsMacro(string? type) => type is not null
        && (type.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase)
            || type.Contains("vbaProject", StringComparison.OrdinalIgnoreCase)
            || type.Contains("vbaData", StringComparison.OrdinalIgnoreCase)
            || type.Contains("macrosheet", StringComparison.OrdinalIgnoreCase));

    private sealed class MacroPartException(string part) : Exception(part)
    {
        public string Part { get; } = part;
    }

    private sealed class XmlPartException(string part) : Exception(part)
    {
        public string Part { get; } = part;
    }

    /// <summary>Inflates a part no further than the size its directory entry declares, nor past what is left of the total.</summary>
    private sealed class BoundedStream(Stream inner, long declared, long remaining) : Stream
    {
        public string Name { get; init; } = "";

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => BytesRead;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            BytesRead += read;
            if (BytesRead > declared || BytesRead > remaining)
            {
                throw new TooLongException();
            }

            return read;
        }

        /// <summary>Reads the rest (a part that is not XML is still inflated, so a lie about its size is caught).</summary>
        public void Drain()
        {
            var buffer = new byte[16 * 1024];
            while (Read(buffer, 0, buffer.Length) > 0)
            {
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public sealed class TooLongException : Exception;
    }
}
