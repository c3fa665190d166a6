using System.Text;
using EduPlan.Core.Text;

namespace EduPlan.Core.Tests.Text;

public sealed class TextSanitiserTests
{
    [Theory]
    [InlineData("市教委\u200B", "U+200B")]
    [InlineData("\u202E张三", "U+202E")]
    [InlineData("王\u2066五\u2069", "U+2066")]
    [InlineData("\uFEFF市财政局", "U+FEFF")]
    [InlineData("渝中区\u00AD教委", "U+00AD")]
    [InlineData("tag\U000E0041", "U+E0041")]
    public void A_name_with_a_format_character_is_found_with_its_code_point(string name, string expected) =>
        TextSanitiser.FindFormatCharacter(TextSanitiser.Name(name)).Should().Be(expected);

    [Theory]
    [InlineData("重庆市教育委员会")]
    [InlineData("Chongqing Education Commission")]
    [InlineData("渝中区教委（二）")]
    public void An_ordinary_name_has_no_format_character(string name) =>
        TextSanitiser.FindFormatCharacter(name).Should().BeNull();

    [Fact]
    public void A_name_is_trimmed_and_stored_in_NFC()
    {
        var decomposed = "Cafe\u0301 ";

        TextSanitiser.Name(decomposed).Should().Be("Caf\u00E9");
        TextSanitiser.Name(null).Should().BeEmpty();
    }

    [Theory]
    [InlineData("市教委", "市教委\u200B")]
    [InlineData("Caf\u00E9", "Cafe\u0301")]
    [InlineData("ＡＢＣ教委", "abc教委")]
    [InlineData("市教委", "\u2066市教委\u2069")]
    public void Names_that_look_alike_have_the_same_key(string one, string other) =>
        TextSanitiser.LookAlikeKey(one).Should().Be(TextSanitiser.LookAlikeKey(other));

    [Fact]
    public void Names_that_differ_have_different_keys() =>
        TextSanitiser.LookAlikeKey("市教委").Should().NotBe(TextSanitiser.LookAlikeKey("市财政局"));

    [Fact]
    public void A_free_text_loses_direction_controls_zero_width_characters_and_NUL_but_keeps_line_breaks_and_tabs()
    {
        var typed = "第一\u202E段\u200B\r\n第\u200C二\u200D段\t\u2060结束\uFEFF\u2066隔离\u2069\u200E\u200F\u061C\u202A\u202B\u202C\u202D\u2067\u2068\0\u0007。";

        TextSanitiser.FreeText(typed).Should().Be("第一段\r\n第二段\t结束隔离。");
    }

    [Fact]
    public void A_free_text_without_anything_to_drop_is_returned_as_it_is()
    {
        const string text = "完成督导评估，12个区县通过复核。\n下一步：\t推广。";

        TextSanitiser.FreeText(text).Should().BeSameAs(text);
        TextSanitiser.FreeText(null).Should().BeNull();
    }

    [Fact]
    public void Chinese_text_and_characters_outside_the_BMP_survive_untouched()
    {
        const string text = "𠀀𪚥 教育强国 😀 ＡＢＣ";

        TextSanitiser.FreeText(text).Should().Be(text);
    }

    [Fact]
    public void A_single_line_loses_every_control_format_and_line_separator_character_and_is_NFC()
    {
        TextSanitiser.SingleLine(" re\u202Eport\u2028.pdf\n ").Should().Be("report.pdf");
        TextSanitiser.SingleLine("Cafe\u0301").Should().Be("Caf\u00E9".Normalize(NormalizationForm.FormC));
    }
}
