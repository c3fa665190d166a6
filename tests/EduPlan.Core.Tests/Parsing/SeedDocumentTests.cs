using EduPlan.Core.Parsing;
using EduPlan.Core.Plans;

namespace EduPlan.Core.Tests.Parsing;

public class SeedDocumentTests
{
    private static readonly Lazy<ParsedDocument> Document = new(Seed.Parse);

    private static ParsedPlan National => Document.Value.Plans[0];

    private static ParsedPlan Chongqing => Document.Value.Plans[1];

    [Fact]
    public void Seed_holds_the_national_outline_then_the_chongqing_plan()
    {
        var document = Document.Value;

        document.SourceName.Should().Be(Seed.SourceName);
        document.Plans.Select(p => p.Code).Should().Equal("national", "chongqing");
        document.Plans.Select(p => p.Title).Should().Equal(
            "教育强国建设规划纲要（2024—2035年）",
            "重庆加快建设教育强市推进教育现代化规划（2024—2035年）");
        document.Plans.Select(p => p.Line).Should().Equal(80, 135);
        document.Warnings.Should().BeEmpty("both seed plans are in the built-in code table");
    }

    [Fact]
    public void Issuer_issue_date_and_years_come_from_the_announcing_lines_and_titles()
    {
        National.Issuer.Should().Be("中共中央 国务院");
        National.IssuedOn.Should().BeNull("the national text gives no date");
        Chongqing.Issuer.Should().Be("市委、市政府");
        Chongqing.IssuedOn.Should().Be("2024-12");
        Document.Value.Plans.Should().AllSatisfy(p =>
        {
            p.StartYear.Should().Be(2024);
            p.EndYear.Should().Be(2035);
        });
    }

    [Fact]
    public void Chongqing_plan_names_the_national_outline_as_its_parent()
    {
        Chongqing.ParentTitle.Should().Be("教育强国建设规划纲要（2024—2035年）");
        Chongqing.ParentCode.Should().Be("national");
        National.ParentTitle.Should().BeNull();
        National.ParentCode.Should().BeNull();
    }

    [Fact]
    public void Preamble_is_the_text_between_the_announcement_and_the_first_section()
    {
        National.Preamble.Should().Be("为深入贯彻党的二十大关于加快建设教育强国的战略部署，制定本规划纲要。");
        Chongqing.Preamble.Should().Be(Seed.Line(137));
    }

    [Fact]
    public void Sections_are_numbered_one_to_n_with_their_titles_and_lines()
    {
        National.Sections.Select(s => s.Number).Should().Equal(Enumerable.Range(1, 11));
        Chongqing.Sections.Select(s => s.Number).Should().Equal(Enumerable.Range(1, 13));

        National.Sections[0].Should().Match<ParsedSection>(s => s.Title == "总体要求" && s.Line == 82);
        National.Sections[1].Title.Should().Be("塑造立德树人新格局，培养担当民族复兴大任的时代新人");
        National.Sections[10].Should().Match<ParsedSection>(s => s.Title == "加强组织实施" && s.Line == 133);
        Chongqing.Sections[0].Should().Match<ParsedSection>(s => s.Title == "总体要求" && s.Line == 138);
        Chongqing.Sections[3].Title.Should().Be("促进基础教育公平优质，满足人民群众高品质教育需求");
        Chongqing.Sections[12].Should().Match<ParsedSection>(s => s.Title == "加强组织实施" && s.Line == 203);
    }

    [Fact]
    public void Section_text_holds_the_non_task_paragraphs_joined_by_newlines()
    {
        National.Sections[0].Text.Should().Be(string.Join("\n", Seed.Line(83), Seed.Line(84), Seed.Line(85)));
        National.Sections[10].Text.Should().Be(Seed.Line(134));
        National.Sections[1].Text.Should().BeEmpty("section 二 has only key tasks");
        Chongqing.Sections[0].Text.Split('\n').Should().HaveCount(10, "lines 139-148 are the body of 总体要求");
    }

    [Fact]
    public void Key_tasks_are_numbered_through_the_whole_plan()
    {
        National.Tasks.Select(t => t.Number).Should().Equal(Enumerable.Range(1, 38));
        Chongqing.Tasks.Select(t => t.Number).Should().Equal(Enumerable.Range(1, 43));
        National.Sections.Select(s => s.Tasks.Count).Should().Equal(0, 6, 4, 5, 4, 4, 3, 4, 5, 3, 0);
        Chongqing.Sections.Select(s => s.Tasks.Count).Should().Equal(0, 3, 4, 5, 5, 3, 4, 3, 3, 4, 6, 3, 0);
    }

    [Theory]
    [InlineData(0, 1, "加强和改进新时代学校思想政治教育", 87)]
    [InlineData(0, 34, "健全教育战略性投入机制", 127)]
    [InlineData(0, 38, "积极参与全球教育治理", 132)]
    [InlineData(1, 1, "完善党对教育工作全面领导的体制机制", 150)]
    [InlineData(1, 9, "推进学前教育优质普惠发展", 160)]
    [InlineData(1, 43, "深入推进跨区域教育交流合作", 202)]
    public void Task_title_is_the_text_up_to_the_first_full_stop(int plan, int number, string title, int line)
    {
        var task = Document.Value.Plans[plan].Tasks.Single(t => t.Number == number);

        task.Title.Should().Be(title);
        task.Line.Should().Be(line);
    }

    [Fact]
    public void Task_text_is_the_whole_paragraph_after_its_marker()
    {
        National.Tasks.Single(t => t.Number == 4).Text.Should().Be(Seed.Line(90)["（四）".Length..]);
        Chongqing.Tasks.Single(t => t.Number == 43).Text.Should().Be(Seed.Line(202)["（四十三）".Length..]);
    }

    [Fact]
    public void National_outline_states_2027_and_2035_in_one_paragraph_split_into_two_milestones()
    {
        var line85 = Seed.Line(85);
        var at2035 = line85.IndexOf("到2035年", StringComparison.Ordinal);

        National.Milestones.Select(m => (m.Year, m.Line)).Should().Equal((2027, 85), (2035, 85));
        National.Milestones[0].Text.Should().Be(line85["主要目标是：".Length..at2035]);
        National.Milestones[1].Text.Should().Be(line85[at2035..]);
        National.Milestones.Should().AllSatisfy(m => m.Goals.Should().BeEmpty());
    }

    [Fact]
    public void Chongqing_has_three_milestones_and_five_goals_under_2027()
    {
        Chongqing.Milestones.Select(m => (m.Year, m.Line)).Should().Equal((2027, 141), (2029, 147), (2035, 148));
        Chongqing.Milestones.Select(m => m.Text).Should().Equal(Seed.Line(141), Seed.Line(147), Seed.Line(148));

        var goals = Chongqing.Milestones[0].Goals;
        goals.Select(g => (g.Number, g.Title, g.Line)).Should().Equal(
            (1, "立德树人成效显著提升", 142),
            (2, "教育对高质量发展贡献度显著提升", 143),
            (3, "人民群众教育获得感显著提升", 144),
            (4, "教育综合改革质效显著提升", 145),
            (5, "高素质专业化教师队伍建设水平显著提升", 146));
        goals[2].Text.Should().Be(Seed.Line(144)["——".Length..]);
        Chongqing.Milestones[1].Goals.Should().BeEmpty();
        Chongqing.Milestones[2].Goals.Should().BeEmpty();
    }

    [Fact]
    public void Indicators_of_the_seed_are_exactly_the_two_national_and_seven_chongqing_targets()
    {
        Summaries(National).Should().Equal(
            ("中小学生每天综合体育活动时间@standing", "中小学生每天综合体育活动时间", ">=", 2m, "小时", null, 4, null, 90),
            ("国家财政性教育经费支出占国内生产总值比例@standing", "国家财政性教育经费支出占国内生产总值比例", ">", 4m, "%", null, 34, null, 127));

        Summaries(Chongqing).Should().Equal(
            ("教共体覆盖率@2027", "教共体覆盖率", ">=", 90m, "%", 2027, null, 2027, 144),
            ("智慧教育平台应用覆盖率@2027", "智慧教育平台应用覆盖率", ">", 80m, "%", 2027, null, 2027, 145),
            ("职业教育“双师型”教师占比@2027", "职业教育“双师型”教师占比", ">=", 70m, "%", 2027, null, 2027, 146),
            ("普通本科高校专任教师博士学位占比@2027", "普通本科高校专任教师博士学位占比", ">=", 45m, "%", 2027, null, 2027, 146),
            ("中小学生每天综合体育活动时间@standing", "中小学生每天综合体育活动时间", ">=", 2m, "小时", null, 5, null, 155),
            ("科学、人文、外语、体育、艺术等特色高中@standing", "科学、人文、外语、体育、艺术等特色高中", "=", 100m, "所", null, 11, null, 162),
            ("财政性教育经费支出占全市生产总值的比例@standing", "财政性教育经费支出占全市生产总值的比例", ">=", 4m, "%", null, 40, null, 198));
    }

    [Fact]
    public void Indicator_source_text_is_its_sentence_up_to_the_full_stop()
    {
        National.Indicators[0].SourceText.Should().Be(
            "落实健康第一教育理念，实施学生体质强健计划，中小学生每天综合体育活动时间不低于2小时，加强校园足球建设，有效控制近视率、肥胖率");
        Chongqing.Indicators[0].SourceText.Should().StartWith("基础教育更加公平优质，").And.EndWith("根本转变")
            .And.Contain("覆盖率达到90%");
    }

    [Fact]
    public void Speeches_before_line_80_are_not_parsed()
    {
        var plans = Document.Value.Plans;
        var lines = plans.Select(p => p.Line)
            .Concat(plans.SelectMany(p => p.Sections).Select(s => s.Line))
            .Concat(plans.SelectMany(p => p.Tasks).Select(t => t.Line))
            .Concat(plans.SelectMany(p => p.Milestones).Select(m => m.Line))
            .Concat(plans.SelectMany(p => p.Indicators).Select(i => i.Line));

        lines.Should().OnlyContain(line => line >= 80);
        plans.SelectMany(p => p.Sections).Should().NotContain(s => s.Title.Contains("中国式现代化", StringComparison.Ordinal));
    }

    [Fact]
    public void Content_hash_is_stable_across_parses_and_differs_between_plans()
    {
        var again = new PlanDocumentParser().ParseText(Seed.Text, "another-name.txt");

        again.Plans.Select(p => p.ContentHash).Should().Equal(Document.Value.Plans.Select(p => p.ContentHash));
        National.ContentHash.Should().MatchRegex("^[0-9a-f]{64}$");
        National.ContentHash.Should().NotBe(Chongqing.ContentHash);
        National.ContentHash.Should().Be(PlanContentHash.Compute(National));
    }

    [Fact]
    public void Content_hash_changes_when_one_character_of_a_plan_changes()
    {
        var edited = Seed.WithLine(96, Seed.Line(96).Replace("稳步增加", "稳步扩大", StringComparison.Ordinal));

        var document = new PlanDocumentParser().ParseText(edited, Seed.SourceName);

        document.Plans[0].ContentHash.Should().NotBe(National.ContentHash);
        document.Plans[1].ContentHash.Should().Be(Chongqing.ContentHash, "the Chongqing plan did not change");
    }

    [Fact]
    public void Content_hash_ignores_text_outside_the_plan()
    {
        var edited = Seed.WithLine(3, Seed.Line(3) + "（补充一句。）\n多出来的一行");

        var document = new PlanDocumentParser().ParseText(edited, Seed.SourceName);

        document.Plans[0].Line.Should().Be(81, "the inserted line moves the plan down");
        document.Plans.Select(p => p.ContentHash).Should().Equal(National.ContentHash, Chongqing.ContentHash);
    }

    [Fact]
    public void ParseFile_uses_the_path_as_source_name_and_reads_the_same_plans()
    {
        var document = new PlanDocumentParser().ParseFile(Seed.Path);

        document.SourceName.Should().Be(Seed.Path);
        document.Plans.Select(p => p.ContentHash).Should().Equal(Document.Value.Plans.Select(p => p.ContentHash));
    }

    private static IEnumerable<(string Key, string Name, string Comparator, decimal Target, string Unit, int? Year, int? Task, int? Milestone, int Line)> Summaries(ParsedPlan plan) =>
        plan.Indicators.Select(i => (i.Key, i.Name, i.Comparator.ToSymbol(), i.Target, i.Unit, i.Year, i.TaskNumber, i.MilestoneYear, i.Line));
}
