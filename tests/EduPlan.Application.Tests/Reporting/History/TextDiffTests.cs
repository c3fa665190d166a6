using EduPlan.Application.Reporting.History;

namespace EduPlan.Application.Tests.Reporting.History;

public class TextDiffTests
{
    [Fact]
    public void An_edited_figure_in_a_long_text_is_marked_alone()
    {
        var (old, @new) = TextDiff.Compare("全市共建教共体300个。覆盖率达到80%。", "全市共建教共体300个。覆盖率达到86.5%。");

        old.Where(p => p.Kind == DiffKind.Removed).Select(p => p.Text).Should().Equal("0");
        @new.Where(p => p.Kind == DiffKind.Added).Select(p => p.Text).Should().Equal("6.5");
        string.Concat(old.Select(p => p.Text)).Should().Be("全市共建教共体300个。覆盖率达到80%。");
        string.Concat(@new.Select(p => p.Text)).Should().Be("全市共建教共体300个。覆盖率达到86.5%。");
    }

    [Fact]
    public void A_rewritten_sentence_is_marked_whole_rather_than_as_scattered_characters()
    {
        var (old, @new) = TextDiff.Compare("第一句不变。原来的安排是这样的。", "第一句不变。完全不同的新内容写在此处！");

        old.Should().Equal(new DiffPiece(DiffKind.Same, "第一句不变。"), new DiffPiece(DiffKind.Removed, "原来的安排是这样的。"));
        @new.Should().Equal(new DiffPiece(DiffKind.Same, "第一句不变。"), new DiffPiece(DiffKind.Added, "完全不同的新内容写在此处！"));
    }

    [Fact]
    public void Added_and_removed_lines_are_kept_in_reading_order()
    {
        var (old, @new) = TextDiff.Compare("一、开展督导\n二、旧的事项\n三、总结", "一、开展督导\n三、总结\n四、新增计划");

        old.Should().Equal(new DiffPiece(DiffKind.Same, "一、开展督导\n"), new DiffPiece(DiffKind.Removed, "二、旧的事项\n"), new DiffPiece(DiffKind.Same, "三、总结"));
        string.Concat(@new.Select(p => p.Text)).Should().Be("一、开展督导\n三、总结\n四、新增计划");
        @new.Should().Contain(p => p.Kind == DiffKind.Added && p.Text.Contains("四、新增计划"));
    }

    [Fact]
    public void An_empty_side_is_all_added_or_all_removed()
    {
        var (old, @new) = TextDiff.Compare(null, "新写的问题。");

        old.Should().BeEmpty();
        @new.Should().Equal(new DiffPiece(DiffKind.Added, "新写的问题。"));
        TextDiff.Compare("删掉的。", "").Old.Should().Equal(new DiffPiece(DiffKind.Removed, "删掉的。"));
    }

    [Fact]
    public void Sentences_split_after_each_end_and_join_back_to_the_text()
    {
        var text = "第一句。第二句！Third? 第四；\n末尾没有句号";

        var parts = TextDiff.Sentences(text);

        parts.Should().Equal("第一句。", "第二句！", "Third?", " 第四；", "\n", "末尾没有句号");
        string.Concat(parts).Should().Be(text);
    }
}
