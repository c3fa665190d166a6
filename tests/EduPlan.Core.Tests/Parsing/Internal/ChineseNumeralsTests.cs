using EduPlan.Core.Parsing.Internal;

namespace EduPlan.Core.Tests.Parsing.Internal;

/// <summary>Exposes the internal numeral writer to other tests in this assembly.</summary>
internal static class ChineseNumeralsProbe
{
    public static string Format(int value) => ChineseNumerals.Format(value);
}

public class ChineseNumeralsTests
{
    [Theory]
    [InlineData("一", 1)]
    [InlineData("九", 9)]
    [InlineData("十", 10)]
    [InlineData("十一", 11)]
    [InlineData("十九", 19)]
    [InlineData("二十", 20)]
    [InlineData("三十八", 38)]
    [InlineData("四十三", 43)]
    [InlineData("九十九", 99)]
    public void Parses_numerals_up_to_ninety_nine(string numeral, int value)
    {
        ChineseNumerals.Parse(numeral).Should().Be(value);
        ChineseNumerals.Format(value).Should().Be(numeral);
    }

    [Theory]
    [InlineData("十十")]
    [InlineData("二二")]
    [InlineData("十二十")]
    [InlineData("")]
    public void Rejects_malformed_numerals(string numeral)
    {
        ChineseNumerals.Parse(numeral).Should().BeNull();
    }
}
