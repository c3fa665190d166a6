using EduPlan.Core.Messages;
using EduPlan.Core.Reporting;

namespace EduPlan.Core.Tests.Messages;

public sealed class MessageTextsTests
{
    [Fact]
    public void A_quarter_reads_as_Chinese_by_default_and_as_English_for_English_readers()
    {
        var quarter = new Quarter(2026, 3);

        quarter.ToMessage().ToString().Should().Be("2026年第三季度");
        quarter.ToMessage().ToString(MessageTexts.English).Should().Be("2026 Q3");
        // Any language other than English reads Chinese, the portal's default.
        quarter.ToMessage().ToString(System.Globalization.CultureInfo.GetCultureInfo("fr")).Should().Be("2026年第三季度");
    }

    [Fact]
    public void Arguments_that_are_messages_or_quarters_are_rendered_in_the_same_language()
    {
        var outer = new Message("Quarter_Name", 2026, new Message("Quarter_Name", 2027, "一", 1), 4);

        outer.ToString(MessageTexts.English).Should().Be("2026 Q4");
        outer.ToString().Should().Be("2026年第2027年第一季度季度");
    }

    [Fact]
    public void An_unknown_key_is_an_error_not_an_empty_text()
    {
        var act = () => new Message("No_Such_Key").ToString();

        act.Should().Throw<System.Resources.MissingManifestResourceException>().WithMessage("*No_Such_Key*");
    }

    [Fact]
    public void Messages_with_the_same_key_and_arguments_are_equal()
    {
        // Compared as objects: Should() on a Message asserts on its Chinese text (tests/Shared/ChineseMessageAssertions).
        ((object)new Message("Quarter_Name", 2026, "三", 3)).Should().Be(new Message("Quarter_Name", 2026, "三", 3));
        ((object)new Message("Quarter_Name", 2026, "三", 3)).Should().NotBe(new Message("Quarter_Name", 2026, "四", 4));
    }
}
