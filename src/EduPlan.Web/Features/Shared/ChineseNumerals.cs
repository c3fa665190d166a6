namespace EduPlan.Web.Features.Shared;

/// <summary>Writes 1–99 as Chinese numerals, the way plan documents number their parts: 一、 （九） （四十三）.</summary>
public static class ChineseNumerals
{
    private const string Digits = "〇一二三四五六七八九";

    public static string Format(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 99);

        var tens = number / 10;
        var units = number % 10;
        var text = tens switch
        {
            0 => "",
            1 => "十",
            _ => Digits[tens] + "十",
        };
        return units == 0 ? text : text + Digits[units];
    }

    /// <summary>A key task's marker: （九）.</summary>
    public static string TaskMarker(int number) => "（" + Format(number) + "）";

    /// <summary>A section's marker: 三、.</summary>
    public static string SectionMarker(int number) => Format(number) + "、";
}
