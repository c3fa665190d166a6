using EduPlan.Core.Parsing;
using EduPlan.Core.Plans;

namespace EduPlan.Core.Tests.Parsing;

/// <summary>Parser rules checked on small hand-written documents.</summary>
public class PlanRuleTests
{
    private const string Source = "mini.txt";

    private static ParsedPlan ParseTask(string taskText, string generalSection = "坚持教育优先发展。") =>
        new PlanDocumentParser().ParseText(
            $"""
             中共中央 国务院印发《教育强国建设规划纲要（2024—2035年）》
             一、总体要求
             {generalSection}
             二、重点任务
             （一）测试任务。{taskText}
             """, Source).Plans.Single();

    [Theory]
    [InlineData("学生近视率低于50%。", "学生近视率", Comparator.LessThan, "50", "%")]
    [InlineData("学生体质达标率不少于90%。", "学生体质达标率", Comparator.AtLeast, "90", "%")]
    [InlineData("每班学生人数不超过45人。", "每班学生人数", Comparator.AtMost, "45", "人")]
    [InlineData("确保毛入学率达92.5%以上。", "毛入学率", Comparator.AtLeast, "92.5", "%")]
    [InlineData("力争使优质率高于60％。", "优质率", Comparator.GreaterThan, "60", "%")]
    [InlineData("作业时间控制在1.5小时以内。", "作业时间", Comparator.AtMost, "1.5", "小时")]
    [InlineData("新增20个国家级实训基地。", "国家级实训基地", Comparator.Equal, "20", "个")]
    [InlineData("加强建设，培育 5家产教融合型企业，推动发展。", "产教融合型企业", Comparator.Equal, "5", "家")]
    [InlineData("普惠性幼儿园覆盖率稳定在95%以上，持续改进。", "普惠性幼儿园覆盖率", Comparator.AtLeast, "95", "%")]
    [InlineData("学生体质达标率达到９０％。", "学生体质达标率", Comparator.AtLeast, "90", "%")]
    [InlineData("确保毛入学率达９２．５％以上。", "毛入学率", Comparator.AtLeast, "92.5", "%")]
    [InlineData("作业时间控制在１．５小时以内。", "作业时间", Comparator.AtMost, "1.5", "小时")]
    [InlineData("新增２０个国家级实训基地。", "国家级实训基地", Comparator.Equal, "20", "个")]
    public void Reads_a_target_with_its_name_comparator_value_and_unit(
        string text, string name, Comparator comparator, string target, string unit)
    {
        var indicator = ParseTask(text).Indicators.Should().ContainSingle().Subject;

        indicator.Should().Match<ParsedIndicator>(i =>
            i.Name == name && i.Comparator == comparator && i.Target == decimal.Parse(target, System.Globalization.CultureInfo.InvariantCulture)
            && i.Unit == unit && i.Year == null && i.TaskNumber == 1 && i.MilestoneYear == null && i.Line == 5);
    }

    [Theory]
    [InlineData("实施“416”科技创新布局和“33618”现代制造业集群体系建设。")]
    [InlineData("建设“135E”体系，达到“90%”目标。")]
    [InlineData("到2027年，基本完成。")]
    [InlineData("支持有条件的幼儿园招收2至3岁幼儿。")]
    [InlineData("帮助学生掌握1—2项运动技能。")]
    [InlineData("支持人口20万以上县（市、区、旗）办好一所特殊教育学校。")]
    [InlineData("迭代赛马比拼、评价晾晒、培训赋能3项机制。")]
    [InlineData("组织学习《教育强国建设100个为什么》。")]
    [InlineData("打造一批品牌专业，建设十五年一贯制学校。")]
    public void Does_not_read_quoted_codes_years_ages_ranges_or_conditions_as_targets(string text)
    {
        ParseTask(text).Indicators.Should().BeEmpty();
    }

    [Fact]
    public void A_target_due_by_a_year_in_its_sentence_gets_that_year()
    {
        var plan = ParseTask("到2030年，县域普通高中在校生规模达到3000人。其他学校保持不变，规模不低于1000人。");

        plan.Indicators.Select(i => (i.Key, i.Year)).Should().Equal(("县域普通高中在校生规模@2030", 2030), ("规模@standing", null));
        plan.Milestones.Should().BeEmpty("到YYYY年 in a key task is not a milestone");
    }

    [Fact]
    public void Indicator_keys_are_made_unique_within_a_plan()
    {
        var plan = ParseTask("覆盖率达到50%。同时，覆盖率达到60%；此外，覆盖率达到70%。");

        plan.Indicators.Select(i => i.Key).Should().Equal("覆盖率@standing", "覆盖率@standing#2", "覆盖率@standing#3");
        plan.Indicators.Select(i => i.SourceText).Should().Equal("覆盖率达到50%", "同时，覆盖率达到60%", "此外，覆盖率达到70%");
    }

    [Fact]
    public void Abbreviation_replaces_the_full_name_of_an_indicator()
    {
        var plan = ParseTask("职业院校教师（以下简称“双师”）达标率超过75%。");

        plan.Indicators.Single().Name.Should().Be("双师达标率");
    }

    [Fact]
    public void Milestones_and_goals_are_read_from_the_general_section_with_their_indicators()
    {
        var plan = ParseTask("任务正文。", """
            工作要求如下。
            到2026年，取得进展。到2030年，全面完成，达标率达到80%。
            ——入学率稳步提高。入学率达到99%。
            ——课程体系更加完善。
            其他说明，覆盖率超过30%。
            ——这不是目标，因为它不紧跟里程碑。
            """);

        plan.Milestones.Select(m => (m.Year, m.Text, m.Line)).Should().Equal(
            (2026, "到2026年，取得进展。", 4),
            (2030, "到2030年，全面完成，达标率达到80%。", 4));
        plan.Milestones[0].Goals.Should().BeEmpty("goals belong to the last milestone of the paragraph above them");
        plan.Milestones[1].Goals.Select(g => (g.Number, g.Title, g.Text, g.Line)).Should().Equal(
            (1, "入学率稳步提高", "入学率稳步提高。入学率达到99%。", 5),
            (2, "课程体系更加完善", "课程体系更加完善。", 6));
        plan.Indicators.Select(i => (i.Name, i.Year, i.MilestoneYear, i.Line)).Should().Equal(
            ("达标率", 2030, 2030, 4),
            ("入学率", 2030, 2030, 5),
            ("覆盖率", null, null, 7));
    }

    [Fact]
    public void Full_width_digits_state_milestones_due_years_and_indicators_while_the_texts_stay_as_written()
    {
        var plan = ParseTask("到２０３０年，第２批试点学校覆盖率达到９０％。", "到２０２８年，全面完成，达标率达到８０．５％。");

        plan.Milestones.Select(m => (m.Year, m.Text)).Should().Equal((2028, "到２０２８年，全面完成，达标率达到８０．５％。"));
        plan.Indicators.Select(i => (i.Key, i.Name, i.Target, i.Unit, i.Year, i.SourceText)).Should().Equal(
            ("达标率@2028", "达标率", 80.5m, "%", 2028, "到２０２８年，全面完成，达标率达到８０．５％"),
            ("第2批试点学校覆盖率@2030", "第2批试点学校覆盖率", 90m, "%", 2030, "到２０３０年，第２批试点学校覆盖率达到９０％"));
        plan.Tasks.Single().Text.Should().Be("测试任务。到２０３０年，第２批试点学校覆盖率达到９０％。");
    }

    [Fact]
    public void A_full_width_full_stop_that_is_not_between_digits_is_not_a_decimal_point()
    {
        var plan = ParseTask("覆盖率达到９０％．其他学校规模不低于１０００人．");

        plan.Indicators.Select(i => (i.Name, i.Target, i.Unit)).Should().Equal(("覆盖率", 90m, "%"), ("其他学校规模", 1000m, "人"));
    }

    [Fact]
    public void Full_width_digits_in_the_announcement_give_the_same_title_code_and_issue_date()
    {
        var document = new PlanDocumentParser().ParseText("""
            ２０２４年１２月，市委、市政府印发了《重庆加快建设教育强市推进教育现代化规划（２０２４—２０３５年）》。
            一、总体要求
            正文。
            """, Source);

        document.Plans.Single().Should().Match<ParsedPlan>(p => p.Title == "重庆加快建设教育强市推进教育现代化规划（2024—2035年）"
            && p.Code == PlanCodes.Chongqing && p.StartYear == 2024 && p.EndYear == 2035 && p.IssuedOn == "2024-12"
            && p.Issuer == "市委、市政府");
        document.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void Milestone_years_outside_the_plan_period_are_ignored()
    {
        var plan = ParseTask("任务正文。", "到2050年，全面实现。到2035年，建成教育强国。");

        plan.Milestones.Select(m => m.Year).Should().Equal(2035);
    }

    [Fact]
    public void A_task_continues_over_following_paragraphs_until_the_next_heading()
    {
        var plan = new PlanDocumentParser().ParseText("""
            《重庆教育发展规划(2025-2030年)》主要内容如下。
            一、总体要求
            正文。
            （一）第一个任务。第一段。
            第二段，覆盖率达到50%。

            第三段。
            (二)第二个任务
            二、组织实施
            结语。
            """, Source).Plans.Single();

        plan.Title.Should().Be("重庆教育发展规划（2025—2030年）");
        plan.Code.Should().Be(PlanCodes.FromTitleHash("重庆教育发展规划（2025—2030年）"), "only the exact Chongqing 2024—2035 title is in the code table");
        plan.Issuer.Should().BeEmpty();
        plan.Tasks.Select(t => (t.Number, t.Title, t.Text)).Should().Equal(
            (1, "第一个任务", "第一个任务。第一段。\n第二段，覆盖率达到50%。\n第三段。"),
            (2, "第二个任务", "第二个任务"));
        plan.Indicators.Single().Should().Match<ParsedIndicator>(i => i.TaskNumber == 1 && i.Line == 5);
        plan.Sections[1].Text.Should().Be("结语。");
    }

    [Fact]
    public void An_unknown_plan_gets_a_hashed_code_and_a_warning()
    {
        const string title = "某省教育发展规划（2025—2030年）";
        var document = new PlanDocumentParser().ParseText($"""
            中共中央 国务院印发《教育强国建设规划纲要（2024—2035年）》
            一、总体要求
            正文。
            2025年3月，省委、省政府印发《某省教育发展规划（2025-2030年）》。
            为落实根据安排，根据中共中央、国务院印发的《教育强国建设规划纲要（2024—2035年）》，制定本规划。
            一、总体要求
            正文。
            """, Source);

        var expectedCode = "plan-" + Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(title)))[..8];
        var plan = document.Plans[1];
        plan.Should().Match<ParsedPlan>(p => p.Title == title && p.Code == expectedCode && p.Issuer == "省委、省政府"
            && p.IssuedOn == "2025-03" && p.StartYear == 2025 && p.EndYear == 2030 && p.Line == 4
            && p.ParentCode == "national" && p.ParentTitle == "教育强国建设规划纲要（2024—2035年）");
        document.Warnings.Should().ContainSingle().Which.ToString().Should().Contain(expectedCode).And.Contain(title);
    }

    [Fact]
    public void A_task_before_the_first_section_is_refused()
    {
        var refusal = Assert.Throws<PlanFormatException>(() => new PlanDocumentParser().ParseText("""
            《重庆规划（2024—2035年）》主要内容如下。
            （一）没有章节的任务。
            一、总体要求
            """, Source));

        refusal.Message.Should().StartWith($"{Source}:2:");
    }

    [Fact]
    public void Sections_up_to_ninety_nine_are_numbered_correctly()
    {
        var numerals = Enumerable.Range(1, 99).Select(ChineseNumerals.Format).ToList();
        var text = "《重庆规划（2024—2035年）》\n" + string.Join('\n', numerals.Select(n => $"{n}、第{n}部分"));

        var plan = new PlanDocumentParser().ParseText(text, Source).Plans.Single();

        plan.Sections.Select(s => s.Number).Should().Equal(Enumerable.Range(1, 99));
        plan.Sections[10].Title.Should().Be("第十一部分");
        plan.Sections[98].Title.Should().Be("第九十九部分");
    }
}
