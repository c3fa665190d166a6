using System.Buffers;
using System.Text;
using System.Text.Unicode;
using EduPlan.Core.Messages;

namespace EduPlan.Core.Parsing.Internal;

/// <summary>
/// Turns the bytes of a plan file into text: BOM first (UTF-8, UTF-16 LE/BE), then UTF-16 without a BOM, then strict
/// UTF-8, then GB18030, which is what government offices often save. Anything that still does not decode cleanly is refused.
/// </summary>
internal static class PlanTextDecoder
{
    private const int SampleBytes = 4096;

    // Below this the share of readable characters says little: a few junk bytes can look like text by chance.
    private const int MinimumSampleChars = 16;

    private const double MinimumReadableShare = 0.95;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UnicodeEncoding StrictUtf16Le = new(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly UnicodeEncoding StrictUtf16Be = new(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);

    // The replacement character makes undecodable bytes visible, so SourceLines can refuse them with a line number.
    private static readonly Lazy<Encoding> Gb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ReplacementFallback, new DecoderReplacementFallback("\uFFFD"));
    });

    public static string Decode(ReadOnlySpan<byte> content, string sourceName)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return DecodeUtf8(content[3..], sourceName, new Message("Parse_Utf8WithBom"));
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return DecodeUtf16(StrictUtf16Le, content[2..], sourceName, "UTF-16 LE", hasBom: true);
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return DecodeUtf16(StrictUtf16Be, content[2..], sourceName, "UTF-16 BE", hasBom: true);
        }

        if (DetectUtf16WithoutBom(content) is { } utf16)
        {
            return DecodeUtf16(utf16.Encoding, content, sourceName, utf16.Label, hasBom: false);
        }

        return Utf8.IsValid(content) ? StrictUtf8.GetString(content) : Gb18030.Value.GetString(content);
    }

    /// <summary>
    /// UTF-8 and GB18030 text never holds a NUL byte, UTF-16 has one in every ASCII character (line breaks, digits).
    /// Where the NULs sit does not tell LE from BE for Chinese, since ideographs such as 一 (U+4E00) and the ideographic
    /// space put them on the other side too; so both byte orders are tried on the first 4 KB, and the one that reads as
    /// ordinary Chinese and ASCII text wins. The wrong order of Chinese text reads as about half junk. ASCII bytes read in
    /// pairs look like ideographs, so a stray NUL in other text could pass that test: the file must also hold a UTF-16
    /// line break in the chosen order, which such text has only by rare chance.
    /// </summary>
    private static (UnicodeEncoding Encoding, string Label)? DetectUtf16WithoutBom(ReadOnlySpan<byte> content)
    {
        var sample = content[..(Math.Min(content.Length, SampleBytes) & ~1)];
        if (sample.Length < MinimumSampleChars * 2 || !sample.Contains((byte)0))
        {
            return null;
        }

        var littleEndian = ReadableShare(sample, bigEndian: false);
        var bigEndian = ReadableShare(sample, bigEndian: true);
        if (Math.Max(littleEndian, bigEndian) < MinimumReadableShare || littleEndian == bigEndian)
        {
            return null;
        }

        var isBigEndian = bigEndian > littleEndian;
        if (!HasLineBreak(content, isBigEndian))
        {
            return null;
        }

        return isBigEndian ? (StrictUtf16Be, "UTF-16 BE") : (StrictUtf16Le, "UTF-16 LE");
    }

    private static bool HasLineBreak(ReadOnlySpan<byte> content, bool bigEndian)
    {
        var (high, low) = bigEndian ? (0, 1) : (1, 0);
        for (var i = 0; i + 1 < content.Length; i += 2)
        {
            if (content[i + high] == 0 && content[i + low] is (byte)'\n' or (byte)'\r')
            {
                return true;
            }
        }

        return false;
    }

    private static double ReadableShare(ReadOnlySpan<byte> sample, bool bigEndian)
    {
        var readable = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            var unit = bigEndian ? (sample[i] << 8) | sample[i + 1] : sample[i] | (sample[i + 1] << 8);
            if (IsCommonInPlans(unit))
            {
                readable++;
            }
        }

        return readable / (sample.Length / 2.0);
    }

    /// <summary>Line breaks, ASCII, Latin, Greek and Cyrillic letters, punctuation and symbols, CJK and full-width forms.</summary>
    private static bool IsCommonInPlans(int unit) => unit is
        '\t' or '\n' or '\r'
        or >= 0x20 and <= 0x7E
        or >= 0xA0 and <= 0x24F
        or >= 0x370 and <= 0x4FF
        or >= 0x2000 and <= 0x2BFF
        or >= 0x3000 and <= 0x33FF
        or >= 0x3400 and <= 0x4DBF
        or >= 0x4E00 and <= 0x9FFF
        or >= 0xF900 and <= 0xFAFF
        or >= 0xFE30 and <= 0xFE4F
        or >= 0xFF00 and <= 0xFFEF;

    private static string DecodeUtf8(ReadOnlySpan<byte> content, string sourceName, object label)
    {
        if (Utf8.IsValid(content))
        {
            return StrictUtf8.GetString(content);
        }

        // Find where the bad bytes are so the message can point at a line.
        var buffer = ArrayPool<char>.Shared.Rent(content.Length + 1);
        try
        {
            Utf8.ToUtf16(content, buffer, out var bytesRead, out _, replaceInvalidSequences: false);
            var line = content[..bytesRead].Count((byte)'\n') + 1;
            throw new PlanFormatException(sourceName, line, "Parse_InvalidUtf8", label, line);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static string DecodeUtf16(UnicodeEncoding encoding, ReadOnlySpan<byte> content, string sourceName, string label, bool hasBom)
    {
        try
        {
            return encoding.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw new PlanFormatException(sourceName, 0, hasBom ? "Parse_InvalidUtf16WithBom" : "Parse_InvalidUtf16", label);
        }
    }
}
