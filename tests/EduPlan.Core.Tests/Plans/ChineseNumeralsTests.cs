using EduPlan.Core.Plans;

namespace EduPlan.Core.Tests.Plans;

public class ChineseNumeralsTests
{
    [Theory]
    [InlineData("一", 1)]
    [InlineData("九", 9)]
    [InlineData("十", 10)]
    [InlineData("十一", 11)]
    [InlineData("十九", 19)]
    [InlineData("二十", 20)]
    [InlineData("三十", 30)]
    [InlineData("三十八", 38)]
    [InlineData("四十三", 43)]
    [InlineData("九十九", 99)]
    public void Reads_and_writes_numerals_up_to_ninety_nine(string numeral, int value)
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

    [Theory]
    [InlineData(0, "0")]
    [InlineData(100, "100")]
    public void Numbers_outside_1_to_99_are_written_in_digits(int value, string expected)
    {
        ChineseNumerals.Format(value).Should().Be(expected);
    }

    [Fact]
    public void Task_and_section_markers_use_full_width_brackets_and_the_enumeration_comma()
    {
        ChineseNumerals.TaskMarker(43).Should().Be("（四十三）");
        ChineseNumerals.SectionMarker(13).Should().Be("十三、");
    }
}
