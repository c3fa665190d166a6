using System.Text;
using EduPlan.Core.Parsing;

namespace EduPlan.Core.Tests.Parsing;

/// <summary>Documents the parser must refuse, each time naming the file and the offending line.</summary>
public class RefusalTests
{
    private const string Source = "broken-plan.txt";

    [Fact]
    public void Refuses_a_plan_whose_task_numbers_skip()
    {
        // Removing （五） makes （六） the next task line, now at line 91.
        var text = Seed.WithLine(91, null);

        var refusal = Refuse(text);

        refusal.Line.Should().Be(91);
        refusal.Message.Should().StartWith($"{Source}:91:").And.Contain("不连续").And.Contain("（五）").And.Contain("（六）");
    }

    [Fact]
    public void Refuses_a_plan_whose_task_numbers_repeat()
    {
        var text = Seed.WithLine(91, Seed.Line(91).Replace("（五）", "（四）", StringComparison.Ordinal));

        var refusal = Refuse(text);

        refusal.Line.Should().Be(91);
        refusal.Message.Should().StartWith($"{Source}:91:").And.Contain("重复");
    }

    [Fact]
    public void Refuses_a_chongqing_task_number_that_skips_even_though_the_national_plan_is_fine()
    {
        var text = Seed.WithLine(190, Seed.Line(190).Replace("（三十三）", "（三十四）", StringComparison.Ordinal));

        var refusal = Refuse(text);

        refusal.Line.Should().Be(190);
        refusal.Message.Should().StartWith($"{Source}:190:").And.Contain("重庆");
    }

    [Fact]
    public void Refuses_a_section_heading_without_a_title()
    {
        var refusal = Refuse(Seed.WithLine(93, "三、"));

        refusal.Line.Should().Be(93);
        refusal.Message.Should().StartWith($"{Source}:93:").And.Contain("章节标题为空");
    }

    [Fact]
    public void Refuses_section_numbers_that_skip()
    {
        var refusal = Refuse(Seed.WithLine(93, Seed.Line(93).Replace("三、", "四、", StringComparison.Ordinal)));

        refusal.Line.Should().Be(93);
        refusal.Message.Should().StartWith($"{Source}:93:").And.Contain("章节编号不连续");
    }

    [Fact]
    public void Refuses_a_task_heading_without_a_title()
    {
        var refusal = Refuse(Seed.WithLine(96, "（九）"));

        refusal.Line.Should().Be(96);
        refusal.Message.Should().StartWith($"{Source}:96:").And.Contain("重点任务标题为空");
    }

    [Fact]
    public void Refuses_a_half_width_task_heading_without_a_title()
    {
        var refusal = Refuse(Seed.WithLine(96, "( 九 )  "));

        refusal.Line.Should().Be(96);
        refusal.Message.Should().StartWith($"{Source}:96:");
    }

    [Fact]
    public void Refuses_a_task_heading_whose_first_sentence_is_empty()
    {
        var refusal = Refuse(Seed.WithLine(96, "（九）。" + Seed.Line(96)["（九）".Length..]));

        refusal.Line.Should().Be(96);
        refusal.Message.Should().StartWith($"{Source}:96:").And.Contain("重点任务标题为空").And.Contain("（九）");
    }

    [Fact]
    public void Refuses_a_section_heading_that_is_only_punctuation()
    {
        var refusal = Refuse(Seed.WithLine(93, "三、。"));

        refusal.Line.Should().Be(93);
        refusal.Message.Should().StartWith($"{Source}:93:").And.Contain("章节标题为空");
    }

    [Fact]
    public void Refuses_a_goal_line_whose_first_sentence_is_empty()
    {
        var refusal = Refuse(Seed.WithLine(143, "——。" + Seed.Line(143)["——".Length..]));

        refusal.Line.Should().Be(143);
        refusal.Message.Should().StartWith($"{Source}:143:").And.Contain("目标标题为空");
    }

    [Fact]
    public void Refuses_a_task_whose_title_is_longer_than_the_title_column()
    {
        var refusal = Refuse(Seed.WithLine(96, "（九）" + new string('教', 600)));

        refusal.Line.Should().Be(96);
        refusal.Message.Should().StartWith($"{Source}:96:").And.Contain("重点任务标题超过500个字符").And.Contain("600");
    }

    [Fact]
    public void Refuses_a_section_whose_title_is_longer_than_the_title_column()
    {
        var refusal = Refuse(Seed.WithLine(93, "三、" + new string('育', 501)));

        refusal.Line.Should().Be(93);
        refusal.Message.Should().StartWith($"{Source}:93:").And.Contain("章节标题超过500个字符");
    }

    [Fact]
    public void Accepts_titles_exactly_as_long_as_the_title_column()
    {
        var title = new string('育', 500);

        var document = new PlanDocumentParser().ParseText(
            Seed.WithLine(93, "三、" + title).Replace(Seed.Line(96), "（九）" + title + "。正文。", StringComparison.Ordinal), Source);

        document.Plans[0].Sections[2].Title.Should().Be(title);
        document.Plans[0].Tasks.Single(t => t.Number == 9).Title.Should().Be(title);
    }

    [Fact]
    public void Refuses_a_goal_whose_title_is_longer_than_the_title_column()
    {
        var refusal = Refuse(Seed.WithLine(143, "——" + new string('标', 501) + "。正文。"));

        refusal.Line.Should().Be(143);
        refusal.Message.Should().StartWith($"{Source}:143:").And.Contain("目标标题超过500个字符");
    }

    [Fact]
    public void Refuses_a_plan_title_longer_than_the_title_column()
    {
        var title = new string('规', 490) + "（2024—2035年）";

        var refusal = Refuse($"说明。\n《{title}》主要内容如下。\n一、总体要求\n正文。");

        refusal.Line.Should().Be(2);
        refusal.Message.Should().StartWith($"{Source}:2:").And.Contain("规划标题超过500个字符");
    }

    [Fact]
    public void Refuses_an_issuer_longer_than_the_issuer_column()
    {
        var issuer = new string('委', 201);

        var refusal = Refuse(Seed.WithLine(135, $"2024年12月，{issuer}印发了《重庆加快建设教育强市推进教育现代化规划（2024—2035年）》。"));

        refusal.Line.Should().Be(135);
        refusal.Message.Should().StartWith($"{Source}:135:").And.Contain("印发机关超过200个字符");
    }

    [Fact]
    public void Refuses_an_indicator_name_longer_than_the_name_column()
    {
        var name = new string('率', 201);

        var refusal = Refuse(Seed.WithLine(96, $"（九）促进学前教育普及普惠。{name}达到90%。"));

        refusal.Line.Should().Be(96);
        refusal.Message.Should().StartWith($"{Source}:96:").And.Contain("指标名称超过200个字符");
    }

    [Fact]
    public void Accepts_an_indicator_name_exactly_as_long_as_the_name_column()
    {
        var name = new string('率', 200);

        var document = new PlanDocumentParser().ParseText(Seed.WithLine(96, $"（九）促进学前教育普及普惠。{name}达到90%。"), Source);

        document.Plans[0].Indicators.Should().ContainSingle(i => i.Name == name)
            .Which.Key.Should().Be(name + "@standing").And.HaveLength(209);
    }

    [Fact]
    public void Refuses_a_file_with_only_the_speeches()
    {
        var speeches = string.Join('\n', Seed.Lines.Take(79));

        var refusal = Refuse(speeches);

        refusal.Line.Should().Be(0, "no line is at fault, the file as a whole has no plan");
        refusal.Message.Should().StartWith($"{Source}: ").And.Contain("未找到可识别的规划");
    }

    [Fact]
    public void Refuses_an_empty_file()
    {
        var refusal = Assert.Throws<PlanFormatException>(() => new PlanDocumentParser().Parse([], Source));

        refusal.Line.Should().Be(0);
        refusal.Message.Should().StartWith(Source);
    }

    [Fact]
    public void Refuses_a_plan_announcement_without_any_section()
    {
        var text = "中共中央 国务院印发《教育强国建设规划纲要（2024—2035年）》\n为深入贯彻…，制定本规划纲要。\n";

        var refusal = Refuse(text);

        refusal.Line.Should().Be(1);
        refusal.Message.Should().StartWith($"{Source}:1:").And.Contain("没有任何章节");
    }

    [Fact]
    public void Refuses_junk_bytes_naming_the_line_where_they_start()
    {
        byte[] content = [.. "plan\nnotes\n"u8, 0x00, 0x13, 0xFF, 0xFE, 0x00, 0x80, 0x9F, 0x01, (byte)'x'];

        var refusal = Assert.Throws<PlanFormatException>(() => new PlanDocumentParser().Parse(content, Source));

        refusal.Line.Should().Be(3);
        refusal.Message.Should().StartWith($"{Source}:3:").And.Contain("无法识别的文本编码");
    }

    [Fact]
    public void Refuses_ASCII_text_with_a_stray_NUL_instead_of_reading_its_byte_pairs_as_UTF16_ideographs()
    {
        byte[] content = [.. "planningnotesforthecomingschoolyearwithmorewordshere\nsecondlineofnotes\n"u8];
        content[20] = 0;

        var refusal = Assert.Throws<PlanFormatException>(() => new PlanDocumentParser().Parse(content, Source));

        refusal.Line.Should().Be(1);
        refusal.Message.Should().StartWith($"{Source}:1:").And.Contain("U+0000");
    }

    [Fact]
    public void Refuses_random_binary_content()
    {
        var random = new Random(20241231);
        var content = new byte[4096];
        random.NextBytes(content);
        content[0] = 0x42; // not a byte order mark
        for (var i = 0; i < content.Length; i += 97)
        {
            content[i] = 0;
        }

        var refusal = Assert.Throws<PlanFormatException>(() => new PlanDocumentParser().Parse(content, Source));

        refusal.SourceName.Should().Be(Source);
        refusal.Line.Should().BePositive();
        refusal.Message.Should().StartWith($"{Source}:{refusal.Line}:");
    }

    [Fact]
    public void Refuses_bytes_that_are_neither_UTF8_nor_GB18030()
    {
        // 0x81 is a GB18030 lead byte that needs a trail byte; a newline cannot be one.
        byte[] content = [.. "first line\n"u8, 0x81, (byte)'\n', .. "third\n"u8];

        var refusal = Assert.Throws<PlanFormatException>(() => new PlanDocumentParser().Parse(content, Source));

        refusal.Line.Should().Be(2);
        refusal.Message.Should().StartWith($"{Source}:2:").And.Contain("无法识别的文本编码");
    }

    [Fact]
    public void Refuses_a_UTF8_BOM_followed_by_invalid_UTF8_naming_the_line()
    {
        byte[] content = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("第一行\n第二行\n"), 0xC3, 0x28];

        var refusal = Assert.Throws<PlanFormatException>(() => new PlanDocumentParser().Parse(content, Source));

        refusal.Line.Should().Be(3);
        refusal.Message.Should().StartWith($"{Source}:3:").And.Contain("UTF-8");
    }

    [Fact]
    public void Refuses_UTF16_with_a_BOM_but_broken_content()
    {
        byte[] content = [0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8, 0x41, 0x00]; // lone high surrogate

        var refusal = Assert.Throws<PlanFormatException>(() => new PlanDocumentParser().Parse(content, Source));

        refusal.Message.Should().StartWith(Source).And.Contain("UTF-16");
    }

    [Fact]
    public void Refuses_text_with_control_characters()
    {
        var refusal = Refuse(Seed.WithLine(100, Seed.Line(100) + "\u0007"));

        refusal.Line.Should().Be(100);
        refusal.Message.Should().StartWith($"{Source}:100:").And.Contain("U+0007");
    }

    [Fact]
    public void Refuses_a_milestone_year_stated_twice_in_the_general_section()
    {
        var text = Seed.WithLine(148, Seed.Line(148) + "\n到2029年，再说一次。");

        var refusal = Refuse(text);

        refusal.Line.Should().Be(149);
        refusal.Message.Should().StartWith($"{Source}:149:").And.Contain("到2029年");
    }

    private static PlanFormatException Refuse(string text)
    {
        var refusal = Assert.Throws<PlanFormatException>(() => new PlanDocumentParser().ParseText(text, Source));
        refusal.SourceName.Should().Be(Source);
        return refusal;
    }
}
