using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using EduPlan.Core.Messages;
using EduPlan.Core.Organisation;
using EduPlan.Core.Progress;
using EduPlan.Core.Reporting;

namespace EduPlan.Core.Tests.Messages;

/// <summary>
/// The message catalogue (MessageTexts.resx Chinese, MessageTexts.en.resx English) against the code that uses it: a key
/// is a string literal shaped like "Area_Name" in src/EduPlan.Core, src/EduPlan.Application, or "Cli_Name" in
/// src/EduPlan.Cli (the verbs that print through Message: backup, copy), or an enum value's
/// "{Type}_{Value}", and each one has both texts; the English texts hold no Chinese.
/// </summary>
public sealed partial class MessageCatalogueTests
{
    /// <summary>
    /// Keys made at run time rather than written out: enum names, roles ("Role_" + a role of Roles.All) and security
    /// settings ("Setting_" + a field of SecuritySettingsAdministration.Bounds, checked in EduPlan.Application.Tests). The import's
    /// ImportItem and ImportField live in Application; tests/EduPlan.Application.Tests checks their values.
    /// </summary>
    private static readonly string[] DynamicPrefixes = ["ReportStatus_", "ReportState_", "DepartmentKind_", "Role_", "Setting_", "ImportItem_", "ImportField_"];

    /// <summary>The names of the progress enums' values, rendered at run time; their prefixes are not dynamic (Light_PastDue is written out).</summary>
    private static readonly HashSet<string> EnumKeys =
    [
        .. Enum.GetNames<Light>().Select(n => $"{nameof(Light)}_{n}"),
        .. Enum.GetNames<ReportBasis>().Select(n => $"{nameof(ReportBasis)}_{n}"),
    ];

    private static readonly Lazy<string> Root = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "EduPlan.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("EduPlan.sln not found above " + AppContext.BaseDirectory);
    });

    private static Dictionary<string, string> Texts(string file) =>
        XDocument.Load(Path.Combine(Root.Value, "src", "EduPlan.Core", "Messages", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    private static Dictionary<string, string> Chinese => Texts("MessageTexts.resx");

    private static Dictionary<string, string> English => Texts("MessageTexts.en.resx");

    /// <summary>Every "Area_Name" literal in the code of Core, Application and the CLI, outside comments.</summary>
    private static HashSet<string> KeysInCode()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var project in new[] { "EduPlan.Core", "EduPlan.Application", "EduPlan.Cli" })
        {
            var folder = Path.Combine(Root.Value, "src", project);
            var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
            foreach (var line in files.SelectMany(File.ReadLines).Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)))
            {
                // The CLI's own keys start with "Cli_"; its other literals (environment variable names) are not keys.
                keys.UnionWith(KeyLiteral().Matches(line).Select(m => m.Groups[1].Value)
                    .Where(key => project != "EduPlan.Cli" || key.StartsWith("Cli_", StringComparison.Ordinal)));
            }
        }

        return keys;
    }

    [Fact]
    public void Both_languages_have_the_same_keys()
    {
        Chinese.Keys.Should().BeEquivalentTo(English.Keys);
    }

    [Fact]
    public void Every_key_the_code_uses_has_a_Chinese_and_an_English_text()
    {
        var used = KeysInCode();

        used.Should().HaveCountGreaterThan(200, "the use cases' messages are all keys now");
        used.Should().Contain("Report_PercentOutOfRange").And.Contain("Parse_NumberSkipped").And.Contain("User_NameTaken");
        used.UnionWith(EnumKeys);
        used.Except(Chinese.Keys).Should().BeEmpty("MessageTexts.resx must have a Chinese text for every key");
        used.Except(English.Keys).Should().BeEmpty("MessageTexts.en.resx must have an English text for every key");
    }

    [Fact]
    public void Every_text_in_the_files_is_used()
    {
        var used = KeysInCode();

        Chinese.Keys.Where(k => !used.Contains(k) && !EnumKeys.Contains(k) && !DynamicPrefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal)))
            .Should().BeEmpty("a text no code asks for is a leftover");
    }

    [Theory]
    [InlineData(typeof(ReportStatus))]
    [InlineData(typeof(ReportState))]
    [InlineData(typeof(DepartmentKind))]
    public void Every_value_of_an_enum_that_messages_name_has_both_texts(Type type)
    {
        foreach (Enum value in Enum.GetValues(type))
        {
            var key = $"{type.Name}_{value}";
            Chinese.Should().ContainKey(key);
            English.Should().ContainKey(key);
            MessageTexts.EnumText(value, MessageTexts.English).Should().Be(English[key]);
        }
    }

    [Fact]
    public void English_texts_hold_no_Chinese()
    {
        English.Where(t => Cjk().IsMatch(t.Value)).Select(t => $"{t.Key}: {t.Value}")
            .Should().BeEmpty("Chinese data reaches an English sentence through its arguments, never its text");
    }

    [Fact]
    public void Every_text_is_a_well_formed_template_in_both_languages()
    {
        var args = Enumerable.Range(0, 10).Select(i => (object)i).ToArray();
        foreach (var (key, text) in Chinese.Concat(English))
        {
            var format = () => string.Format(CultureInfo.InvariantCulture, text, args);
            format.Should().NotThrow($"{key} should be a valid format string: {text}");
        }
    }

    [Fact]
    public void The_Chinese_text_is_what_the_portal_has_always_said()
    {
        // A few sentences users and tests know by heart, through the whole path (key, arguments, rendering).
        new Message("Report_PercentDropNeedsExplanation", 60, new Quarter(2026, 2), 80).ToString()
            .Should().Be("完成进度（60%）低于2026年第二季度审核通过的80%，请说明原因");
        new Message("Report_StatusInvalid", MessageList.Of(Enum.GetValues<ReportStatus>())).ToString()
            .Should().Be("任务状态无效，请从未启动、按计划推进、存在风险、进度滞后、已完成中选择");
        new Message("Report_StatusInvalid", MessageList.Of(Enum.GetValues<ReportStatus>())).ToString(MessageTexts.English)
            .Should().Be("The status is not valid; choose one of Not started, On track, At risk, Delayed, Completed");
    }

    [GeneratedRegex("\"([A-Z][A-Za-z0-9]*_[A-Za-z0-9_]+)\"")]
    private static partial Regex KeyLiteral();

    /// <summary>Han characters, CJK punctuation (、。《》「」) and full-width forms (，：（）).</summary>
    [GeneratedRegex("[\\p{IsCJKUnifiedIdeographs}\\p{IsCJKSymbolsandPunctuation}\\p{IsHalfwidthandFullwidthForms}]")]
    private static partial Regex Cjk();
}
