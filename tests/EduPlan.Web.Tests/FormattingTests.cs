using EduPlan.Web.Features.Plans;
using EduPlan.Web.Features.Search;
using EduPlan.Web.Features.Shared;

namespace EduPlan.Web.Tests;

public sealed class FormattingTests
{
    [Fact]
    public void Snippet_keeps_context_around_the_first_match_and_marks_the_cut()
    {
        var text = new string('甲', 100) + "教共体" + new string('乙', 100) + "教共体";

        var snippet = SearchSnippet.Around(text, "教共体");

        snippet.Match.Should().Be("教共体");
        snippet.Before.Should().Be(new string('甲', SearchSnippet.ContextBefore));
        snippet.After.Should().Be(new string('乙', SearchSnippet.ContextAfter));
        snippet.LeadingEllipsis.Should().BeTrue();
        snippet.TrailingEllipsis.Should().BeTrue();
    }

    [Fact]
    public void Snippet_of_a_short_text_is_the_whole_text()
    {
        var snippet = SearchSnippet.Around("推进教共体建设。", "教共体");

        (snippet.Before + snippet.Match + snippet.After).Should().Be("推进教共体建设。");
        snippet.LeadingEllipsis.Should().BeFalse();
        snippet.TrailingEllipsis.Should().BeFalse();
    }

    [Fact]
    public void Targets_are_shown_without_trailing_zeros()
    {
        Display.Target(90.000m).Should().Be("90");
        Display.Target(3.50m).Should().Be("3.5");
    }

    [Fact]
    public void Lead_sentence_is_split_from_the_rest_only_when_the_text_starts_with_the_title()
    {
        Display.SplitLead("立德树人成效显著提升。党对教育工作……", "立德树人成效显著提升")
            .Should().Be(("立德树人成效显著提升。", "党对教育工作……"));
        Display.SplitLead("别的开头。", "立德树人").Should().Be(("", "别的开头。"));
    }

    [Fact]
    public void Plan_tree_nests_children_under_their_parent_and_keeps_orphans_as_roots()
    {
        PlanSummary Plan(int id, int? parent, string code) => new(id, parent, code, code, "", null, 0, 0, 0, 0, []);

        var tree = PlansController.BuildTree([Plan(1, null, "national"), Plan(2, 1, "chongqing"), Plan(3, 99, "orphan")]);

        tree.Select(n => n.Plan.Code).Should().Equal("national", "orphan");
        tree[0].Children.Select(n => n.Plan.Code).Should().Equal("chongqing");
    }
}
