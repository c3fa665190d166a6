namespace EduPlan.Core.Plans;

/// <summary>Reads and writes the Chinese numerals that number sections and tasks (一 … 九十九): 三、 （四十三）.</summary>
public static class ChineseNumerals
{
    private const string Digits = "一二三四五六七八九";

    /// <summary>
    /// Returns 1–999, or null when the text is not a well-formed numeral (e.g. 十十, 二二). Hundreds are written
    /// 一百, 一百零五, 一百一十, 二百三十八 (〇 and 两 accepted), as long plans and their parts occasionally need them.
    /// </summary>
    public static int? Parse(ReadOnlySpan<char> text)
    {
        var hundred = text.IndexOf('百');
        if (hundred < 0)
        {
            return ParseBelowHundred(text);
        }

        if (hundred != 1 || HundredsDigit(text[0]) is not { } hundreds)
        {
            return null;
        }

        var rest = text[2..];
        if (rest.IsEmpty)
        {
            return hundreds * 100;
        }

        if (rest[0] is '零' or '〇')
        {
            // 一百零五: only a single digit may follow the zero.
            return rest.Length == 2 && DigitOrNull(rest[1]) is { } ones ? hundreds * 100 + ones : null;
        }

        // 一百一十 and 一百二十三; 一百五 (150 in speech) and 一百十 are not how documents number, so refused.
        if (rest.Length == 1)
        {
            return null;
        }

        return ParseBelowHundred(rest[0] == '一' && rest.Length >= 2 && rest[1] == '十' ? rest[1..] : rest) is { } below and >= 10
            ? hundreds * 100 + below
            : null;
    }

    private static int? ParseBelowHundred(ReadOnlySpan<char> text)
    {
        switch (text.Length)
        {
            case 1:
                return text[0] == '十' ? 10 : DigitOrNull(text[0]);
            case 2 when text[0] == '十':
                return DigitOrNull(text[1]) is { } ones ? 10 + ones : null;
            case 2 when text[1] == '十':
                return DigitOrNull(text[0]) is { } tens ? tens * 10 : null;
            case 3 when text[1] == '十':
                return DigitOrNull(text[0]) is { } t && DigitOrNull(text[2]) is { } o ? t * 10 + o : null;
            default:
                return null;
        }
    }

    private static int? HundredsDigit(char c) => c == '两' ? 2 : DigitOrNull(c);

    /// <summary>1–99 as Chinese numerals; any other number in Arabic digits.</summary>
    public static string Format(int value)
    {
        if (value is < 1 or > 99)
        {
            return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        int tens = value / 10, ones = value % 10;
        var tensPart = tens switch { 0 => "", 1 => "十", _ => $"{Digits[tens - 1]}十" };
        return ones == 0 ? tensPart : tensPart + Digits[ones - 1];
    }

    /// <summary>A key task's marker: （九）.</summary>
    public static string TaskMarker(int number) => TaskMarker(Format(number));

    /// <summary>A key task's marker around a numeral as written: （九）.</summary>
    public static string TaskMarker(string numeral) => "（" + numeral + "）";

    /// <summary>A section's marker: 三、.</summary>
    public static string SectionMarker(int number) => SectionMarker(Format(number));

    /// <summary>A section's marker after a numeral as written: 三、.</summary>
    public static string SectionMarker(string numeral) => numeral + "、";

    private static int? DigitOrNull(char c)
    {
        var index = Digits.IndexOf(c);
        return index < 0 ? null : index + 1;
    }
}
