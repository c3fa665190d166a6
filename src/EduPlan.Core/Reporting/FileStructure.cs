using System.Buffers.Binary;

namespace EduPlan.Core.Reporting;

/// <summary>
/// Reads an image or a legacy Office file far enough to prove it is one, not only its first bytes: a PNG's chunks
/// (the header first, with a size, each chunk's checksum, image data, the end chunk) and a JPEG's segments (a frame
/// header with a size before the scan, the scan, the end marker). A JPEG or PNG signature followed by HTML or anything
/// else is not an image. Nothing is decompressed or decoded into pixels; every length is checked against the file.
/// </summary>
public static class FileStructure
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>Whether <paramref name="content"/> is a whole PNG: IHDR first with a size, CRCs right, IDAT, IEND.</summary>
    public static bool IsPng(ReadOnlySpan<byte> content)
    {
        const int signatureLength = 8;
        var at = signatureLength;
        var first = true;
        var sawData = false;
        while (at + 12 <= content.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(content[at..]);
            if (length > int.MaxValue || at + 12L + length > content.Length)
            {
                return false;
            }

            var type = content.Slice(at + 4, 4);
            var typeAndData = content.Slice(at + 4, 4 + (int)length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(content[(at + 8 + (int)length)..]);
            if (!IsChunkType(type) || Crc32(typeAndData) != crc)
            {
                return false;
            }

            var data = typeAndData[4..];
            if (first)
            {
                // IHDR: width, height (1 … 2^31-1), bit depth, colour type, compression 0, filter 0, interlace 0 or 1.
                if (!type.SequenceEqual("IHDR"u8) || length != 13
                    || !PositiveInt31(data) || !PositiveInt31(data[4..])
                    || !ValidDepth(data[8], data[9]) || data[10] != 0 || data[11] != 0 || data[12] > 1)
                {
                    return false;
                }

                first = false;
            }
            else if (type.SequenceEqual("IDAT"u8))
            {
                sawData = true;
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                return sawData && length == 0;
            }

            at += 12 + (int)length;
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="content"/> is a whole JPEG: SOI, marker segments whose lengths fit, a frame header
    /// (SOFn) with a width and components before the first scan, the scan's entropy-coded data, and EOI. Bytes after EOI
    /// (cameras append previews there) are not read.
    /// </summary>
    public static bool IsJpeg(ReadOnlySpan<byte> content)
    {
        if (content.Length < 4 || content[0] != 0xFF || content[1] != 0xD8)
        {
            return false;
        }

        var at = 2;
        var sawFrame = false;
        var sawScan = false;
        while (at + 1 < content.Length)
        {
            if (content[at] != 0xFF)
            {
                return false;
            }

            var marker = content[at + 1];
            at += 2;
            if (marker == 0xFF)
            {
                at--; // fill byte before a marker
                continue;
            }

            if (marker == 0xD9)
            {
                return sawFrame && sawScan;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7) || marker == 0xD8 || marker == 0x00)
            {
                // Standalone markers belong inside a scan; SOI or a stuffed zero here is not a JPEG.
                return false;
            }

            if (at + 2 > content.Length)
            {
                return false;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(content[at..]);
            if (length < 2 || at + length > content.Length)
            {
                return false;
            }

            var segment = content.Slice(at + 2, length - 2);
            if (IsFrameHeader(marker))
            {
                // Precision, height, width, component count, then three bytes per component.
                if (segment.Length < 6 || BinaryPrimitives.ReadUInt16BigEndian(segment[3..]) == 0
                    || segment[5] is 0 or > 4 || segment.Length != 6 + (3 * segment[5]))
                {
                    return false;
                }

                sawFrame = true;
            }

            at += length;
            if (marker == 0xDA)
            {
                if (!sawFrame)
                {
                    return false;
                }

                sawScan = true;
                at = SkipEntropyCodedData(content, at);
                if (at < 0)
                {
                    return false;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="content"/> has a compound-file (OLE2) header as Word and Excel 97-2003 write it: version
    /// 3 with 512-byte or 4 with 4096-byte sectors, little-endian, 64-byte mini sectors, and at least one whole sector
    /// after the header.
    /// </summary>
    public static bool IsCompoundFile(ReadOnlySpan<byte> content)
    {
        if (content.Length < 512)
        {
            return false;
        }

        var major = BinaryPrimitives.ReadUInt16LittleEndian(content[0x1A..]);
        var byteOrder = BinaryPrimitives.ReadUInt16LittleEndian(content[0x1C..]);
        var sectorShift = BinaryPrimitives.ReadUInt16LittleEndian(content[0x1E..]);
        var miniShift = BinaryPrimitives.ReadUInt16LittleEndian(content[0x20..]);
        var sectorSize = 1 << Math.Min((int)sectorShift, 16);
        return byteOrder == 0xFFFE && miniShift == 6
            && ((major == 3 && sectorShift == 9) || (major == 4 && sectorShift == 12))
            && content.Length >= 2 * sectorSize;
    }

    /// <summary>Past the entropy-coded data after a scan header: the index of the next marker, or -1 when the file ends first.</summary>
    private static int SkipEntropyCodedData(ReadOnlySpan<byte> content, int at)
    {
        while (at + 1 < content.Length)
        {
            if (content[at] == 0xFF)
            {
                var next = content[at + 1];
                // A stuffed zero, a restart marker or a fill byte belongs to the data; any other marker ends it.
                if (next == 0x00 || next is >= 0xD0 and <= 0xD7)
                {
                    at += 2;
                    continue;
                }

                if (next != 0xFF)
                {
                    return at;
                }
            }

            at++;
        }

        return -1;
    }

    private static bool IsFrameHeader(byte marker) => marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;

    private static bool IsChunkType(ReadOnlySpan<byte> type)
    {
        foreach (var b in type)
        {
            if (!char.IsAsciiLetter((char)b))
            {
                return false;
            }
        }

        return true;
    }

    private static bool PositiveInt31(ReadOnlySpan<byte> bytes)
    {
        var value = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        return value is > 0 and <= int.MaxValue;
    }

    /// <summary>The bit depths each PNG colour type allows.</summary>
    private static bool ValidDepth(byte depth, byte colourType) => colourType switch
    {
        0 => depth is 1 or 2 or 4 or 8 or 16,
        3 => depth is 1 or 2 or 4 or 8,
        2 or 4 or 6 => depth is 8 or 16,
        _ => false,
    };

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
