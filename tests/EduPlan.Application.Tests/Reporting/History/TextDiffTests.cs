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

    [Fact]
    public void Two_long_texts_of_many_short_sentences_are_compared_in_little_memory()
    {
        // 4,000 characters each, over 1,200 sentences, a third of them changed: a table of every pair of sentences
        // (1,200 × 1,200 ints) alone would take 5.8 MB, and as much again for every field on the page.
        var random = new Random(9);
        var older = LongText(random, null);
        var newer = LongText(new Random(9), random);
        older.Length.Should().BeInRange(3_900, 4_000);
        newer.Length.Should().BeInRange(3_900, 4_000);
        TextDiff.Sentences(older).Count.Should().BeGreaterThan(1_200);
        TextDiff.Sentences(newer).Count.Should().BeGreaterThan(1_000);
        TextDiff.Compare("热身。", "热身！");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var (old, @new) = TextDiff.Compare(older, newer);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().BeLessThan(2_000_000, "the diff needs memory in proportion to the texts, not to their product");
        string.Concat(old.Select(p => p.Text)).Should().Be(older);
        string.Concat(@new.Select(p => p.Text)).Should().Be(newer);
        old.Should().Contain(p => p.Kind == DiffKind.Removed);
        @new.Should().Contain(p => p.Kind == DiffKind.Added);
        old.Where(p => p.Kind == DiffKind.Same).Sum(p => p.Text.Length).Should().BeGreaterThan(older.Length / 2, "two thirds of the sentences stayed");
    }

    /// <summary>Sentences of one to two characters and a stop, up to 4,000 characters; with <paramref name="edits"/>, about every third one changed.</summary>
    private static string LongText(Random random, Random? edits)
    {
        const string words = "甲乙丙丁戊己庚辛壬癸";
        var text = new System.Text.StringBuilder();
        while (text.Length < 3_997)
        {
            var sentence = string.Concat(Enumerable.Range(0, random.Next(1, 3)).Select(_ => words[random.Next(words.Length)])) + "。";
            if (edits is not null && edits.Next(3) == 0)
            {
                sentence = words[edits.Next(words.Length)] + sentence;
            }

            text.Append(sentence);
        }

        return text.ToString();
    }
}
