using System.Buffers;

namespace EduPlan.Core.Parsing.Internal;

/// <summary>
/// The copy of a line that the grammar is matched against: full-width digits and ％ become ASCII, a ． between
/// digits a decimal point and any other ． a 。. The mapping is one character for one, so an index into the copy is
/// an index into the line as written, and stored texts can be cut from the original.
/// </summary>
internal static class FullWidth
{
    private const char FullStop = '．';

    private static readonly SearchValues<char> Mapped = SearchValues.Create("０１２３４５６７８９％．");

    public static string ForMatching(string text)
    {
        if (!text.AsSpan().ContainsAny(Mapped))
        {
            return text;
        }

        return string.Create(text.Length, text, static (buffer, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                buffer[i] = Map(source[i]);
            }

            for (var i = 0; i < buffer.Length; i++)
            {
                if (buffer[i] == FullStop)
                {
                    var between = i > 0 && char.IsAsciiDigit(buffer[i - 1]) && i + 1 < buffer.Length && char.IsAsciiDigit(buffer[i + 1]);
                    buffer[i] = between ? '.' : '。';
                }
            }
        });
    }

    private static char Map(char c) => c switch
    {
        >= '０' and <= '９' => (char)('0' + (c - '０')),
        '％' => '%',
        _ => c,
    };
}
