using System.Globalization;
using EduPlan.Application.Import;
using EduPlan.Application.Import.Preview;
using EduPlan.Core.Messages;
using EduPlan.Core.Plans;

namespace EduPlan.Application.Tests.Import;

/// <summary>
/// The import's own words in both languages: every ImportItem and ImportField value has a Chinese and an English text
/// (their keys are made from the enum, so the catalogue test in Core cannot see them), and what the preview lists reads
/// in the reader's language with the document's words as data.
/// </summary>
public sealed class ImportMessageTests
{
    private static readonly CultureInfo Chinese = MessageTexts.Chinese;

    [Fact]
    public void Every_item_and_field_an_import_reports_has_both_texts()
    {
        foreach (Enum value in Enum.GetValues<ImportItem>().Cast<Enum>().Concat(Enum.GetValues<ImportField>().Cast<Enum>()))
        {
            var key = $"{value.GetType().Name}_{value}";
            var chinese = MessageTexts.Template(key, Chinese);
            var english = MessageTexts.Template(key, MessageTexts.English);

            chinese.Should().NotBeNullOrEmpty("{0} needs a Chinese text", key);
            english.Should().NotBe(chinese, "{0} needs an English text (a missing one falls back to the Chinese)", key);
            english.Should().MatchRegex("^[A-Za-z ]+$", "{0}'s English text is English", key);
        }
    }

    [Fact]
    public void A_change_reads_in_the_readers_language_with_its_fields_joined_the_way_that_language_joins_them()
    {
        var change = new ImportChange("chongqing", ImportItem.Task, "9", ImportChangeKind.Changed, [ImportField.Title, ImportField.Text]);

        change.Describe().ToString(MessageTexts.English).Should().Be("Task 9: title, text changed");
        change.Describe().ToString(Chinese).Should().Be("任务 9：标题、正文有改动");
    }

    [Fact]
    public void A_correction_describes_itself_in_English_with_the_documents_words_as_data()
    {
        PlanCorrection[] corrections =
        [
            new SetCode("district-15"), new SetParent(null), new SetParent("national"), new SetTitle("某区规划"), new SetYears(2026, 2030),
            new RenameSection(2, "旧", "新"), new RenameTask(3, "旧", "新"), new MergeTasks(4, "甲", "乙"),
            new SplitTask(5, "甲", new string('句', 50)), new DropIndicator("k", "句"),
            new EditIndicator("k", "句", "覆盖率", Comparator.AtLeast, 95, "%", 2030),
            new AddIndicator("句", 1, null, "覆盖率", Comparator.AtLeast, 95, "%", 2030),
        ];

        foreach (var correction in corrections)
        {
            var english = correction.Describe().ToString(MessageTexts.English);
            var withoutData = english.Replace("某区规划", "", StringComparison.Ordinal).Replace("覆盖率", "", StringComparison.Ordinal)
                .Replace("旧", "", StringComparison.Ordinal).Replace("新", "", StringComparison.Ordinal).Replace("甲", "", StringComparison.Ordinal)
                .Replace("乙", "", StringComparison.Ordinal).Replace("句", "", StringComparison.Ordinal);
            withoutData.Should().NotMatchRegex(@"[\p{IsCJKUnifiedIdeographs}\p{IsCJKSymbolsandPunctuation}\p{IsHalfwidthandFullwidthForms}]", "{0}", correction);
        }

        new SplitTask(5, "甲", new string('句', 50)).Describe().ToString(Chinese).Should().Contain(new string('句', 40) + "…");
    }
}
