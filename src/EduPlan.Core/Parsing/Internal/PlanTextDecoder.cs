using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace EduPlan.Core.Parsing.Internal;

/// <summary>
/// Turns the bytes of a plan file into text: BOM first (UTF-8, UTF-16 LE/BE), then strict UTF-8, then GB18030,
/// which is what government offices often save. Anything that still does not decode cleanly is refused.
/// </summary>
internal static class PlanTextDecoder
{
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
            return DecodeUtf8(content[3..], sourceName, "UTF-8（带 BOM）");
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return DecodeUtf16(StrictUtf16Le, content[2..], sourceName, "UTF-16 LE");
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return DecodeUtf16(StrictUtf16Be, content[2..], sourceName, "UTF-16 BE");
        }

        return Utf8.IsValid(content) ? StrictUtf8.GetString(content) : Gb18030.Value.GetString(content);
    }

    private static string DecodeUtf8(ReadOnlySpan<byte> content, string sourceName, string label)
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
            throw new PlanFormatException(sourceName, line, $"无法识别的文本编码：文件声明为 {label}，但第 {line} 行含有无效的 UTF-8 字节。");
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static string DecodeUtf16(UnicodeEncoding encoding, ReadOnlySpan<byte> content, string sourceName, string label)
    {
        try
        {
            return encoding.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw new PlanFormatException(sourceName, 0, $"无法识别的文本编码：文件声明为 {label}（有 BOM），但内容不是有效的 {label} 文本。");
        }
    }
}
