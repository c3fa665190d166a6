using EduPlan.Core.Parsing;

namespace EduPlan.Core.Tests.Parsing;

/// <summary>Which titles get the built-in codes: only the two known plans, however their brackets and dash are written.</summary>
public class PlanCodeTests
{
    private const string DigitalPlan = "重庆市教育数字化行动计划（2025—2027年）";

    [Fact]
    public void Another_chongqing_plan_next_to_the_seed_gets_a_hashed_code_so_it_cannot_overwrite_the_chongqing_plan()
    {
        var text = Seed.Text + $"\n2025年1月，市教委印发《{DigitalPlan}》。\n一、总体要求\n正文。\n";

        var document = new PlanDocumentParser().ParseText(text, Seed.SourceName);

        document.Plans.Select(p => p.Code).Should().Equal(PlanCodes.National, PlanCodes.Chongqing, PlanCodes.FromTitleHash(DigitalPlan));
        document.Plans[2].Code.Should().MatchRegex("^plan-[0-9a-f]{8}$");
        document.Warnings.Should().ContainSingle().Which.ToString().Should().Contain(DigitalPlan).And.Contain(document.Plans[2].Code);
    }

    [Fact]
    public void A_chongqing_plan_alone_in_its_file_does_not_take_the_chongqing_code_either()
    {
        var document = new PlanDocumentParser().ParseText($"市教委印发《{DigitalPlan}》。\n一、总体要求\n正文。\n", "digital.txt");

        document.Plans.Single().Code.Should().Be(PlanCodes.FromTitleHash(DigitalPlan));
        document.Warnings.Should().ContainSingle().Which.ToString().Should().Contain("不在内置代码表中");
    }

    [Theory]
    [InlineData("重庆市教育数字化行动计划（2025—2027年）")]
    [InlineData("重庆加快建设教育强市推进教育现代化规划（2024—2030年）")]
    [InlineData("教育强国建设规划纲要实施方案（2025—2027年）")]
    [InlineData("教育强国建设规划纲要（2024—2035年）重庆实施方案")]
    public void Titles_that_only_share_a_prefix_with_a_known_plan_are_not_known(string title)
    {
        PlanCodes.Known(title).Should().BeNull();
    }

    [Theory]
    [InlineData("教育强国建设规划纲要（2024—2035年）", PlanCodes.National)]
    [InlineData("教育强国建设规划纲要(2024-2035年)", PlanCodes.National)]
    [InlineData("教育强国建设规划纲要（2024——2035年）", PlanCodes.National)]
    [InlineData("重庆加快建设教育强市推进教育现代化规划（2024—2035年）", PlanCodes.Chongqing)]
    [InlineData("重庆加快建设教育强市推进教育现代化规划(2024–2035年)", PlanCodes.Chongqing)]
    [InlineData("重庆加快建设教育强市推进教育现代化规划（ 2024 － 2035 年 ）", PlanCodes.Chongqing)]
    public void The_two_known_titles_map_to_their_codes_whatever_brackets_and_dash_they_are_written_with(string title, string code)
    {
        PlanCodes.Known(title).Should().Be(code);
    }

    [Fact]
    public void Half_width_announcement_of_the_chongqing_plan_still_gets_the_chongqing_code()
    {
        var document = new PlanDocumentParser().ParseText(
            "市委、市政府印发《重庆加快建设教育强市推进教育现代化规划(2024-2035年)》。\n一、总体要求\n正文。\n", "cq.txt");

        document.Plans.Single().Should().Match<ParsedPlan>(p =>
            p.Code == PlanCodes.Chongqing && p.Title == "重庆加快建设教育强市推进教育现代化规划（2024—2035年）");
        document.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void Plans_that_merely_start_like_a_known_plan_each_get_their_own_hashed_code()
    {
        var document = new PlanDocumentParser().ParseText("""
            《重庆甲规划（2024—2035年）》
            一、总体要求
            正文。
            《重庆乙规划（2024—2035年）》
            一、总体要求
            正文。
            """, "mini.txt");

        document.Plans.Select(p => p.Code).Should().Equal(
            PlanCodes.FromTitleHash("重庆甲规划（2024—2035年）"), PlanCodes.FromTitleHash("重庆乙规划（2024—2035年）"));
        document.Plans[0].Code.Should().NotBe(document.Plans[1].Code);
        document.Warnings.Zh().Where(w => w.Contains("不在内置代码表中", StringComparison.Ordinal)).Should().HaveCount(2);
    }
}
