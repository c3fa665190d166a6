using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using EduPlan.Core.Parsing;
using EduPlan.Core.Plans;

namespace EduPlan.Core.Tests.Parsing;

/// <summary>
/// Properties over the seed: however it is punctuated, numbered or encoded — in the ways real copies of a plan differ —
/// it gives the same structure (plans, sections, tasks, milestones, goals, indicators). CsCheck prints the seed of a
/// failing case, so it can be replayed.
/// </summary>
public sealed partial class SeedPropertyTests
{
    /// <summary>The plans' text in the seed (before line 80 are the speeches, left as they are).</summary>
    private const int FirstPlanLine = 80;

    private static readonly Lazy<string> Expected = new(() => Structure(Seed.Parse()));

    static SeedPropertyTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void Re_punctuating_the_seed_keeps_its_structure()
    {
        var punctuations = Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool, Gen.Bool, Gen.Bool, Gen.Int[0, 3], Gen.UInt)
            .Select(t => new Punctuation(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, t.Item7));

        punctuations.Sample(punctuation =>
        {
            var text = MapPlanLines(Seed.Text, punctuation.Apply);
            Structure(new PlanDocumentParser().ParseText(text, Seed.SourceName)).Should().Be(Expected.Value, punctuation.ToString());
        }, iter: 100, threads: 1);
    }

    [Fact]
    public void Re_numbering_the_seed_keeps_its_structure()
    {
        var numberings = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 2], Gen.Bool, Gen.Bool)
            .Select(t => new Numbering((SectionStyle)t.Item1, (TaskStyle)t.Item2, t.Item3, t.Item4));

        numberings.Sample(numbering =>
        {
            var text = numbering.Apply(Seed.Text);
            Structure(new PlanDocumentParser().ParseText(text, Seed.SourceName)).Should().Be(Expected.Value, numbering.ToString());
        }, iter: 30, threads: 1);
    }

    [Fact]
    public void Re_encoding_the_seed_keeps_its_structure()
    {
        var encodings = Gen.Select(Gen.Int[0, 6], Gen.Int[0, 2]).Select(t => new Reencoding(t.Item1, t.Item2));

        encodings.Sample(encoding =>
        {
            var bytes = encoding.Apply(Seed.Text);
            Structure(new PlanDocumentParser().Parse(bytes, Seed.SourceName)).Should().Be(Expected.Value, encoding.ToString());
        }, iter: 30, threads: 1);
    }

    [Fact]
    public void Renumbered_tasks_keep_the_labels_the_document_writes()
    {
        var text = new Numbering(SectionStyle.Chapter, TaskStyle.KeyTask, RestartTasks: true, Parts: true).Apply(Seed.Text);

        var chongqing = new PlanDocumentParser().ParseText(text, Seed.SourceName).Plans[1];

        chongqing.Sections[1].Label.Should().Be("第二章");
        chongqing.Sections[1].Part.Should().StartWith("第");
        chongqing.Tasks.Select(t => t.Number).Should().Equal(Enumerable.Range(1, 43), "tasks restarting in each section are numbered by position");
        chongqing.Sections[3].Tasks[0].Label.Should().Be("【重点任务1】");
    }

    /// <summary>What must not change: everything the importer stores except texts as written and markers.</summary>
    private static string Structure(ParsedDocument document)
    {
        var output = new StringBuilder();
        foreach (var plan in document.Plans)
        {
            output.Append($"plan {plan.Code} {plan.Title} {plan.StartYear}-{plan.EndYear} {plan.Issuer} {plan.IssuedOn} {plan.ParentCode}\n");
            foreach (var section in plan.Sections)
            {
                output.Append($" section {section.Number} {Normal(section.Title)}\n");
                foreach (var task in section.Tasks)
                {
                    output.Append($"  task {task.Number} {Normal(task.Title)}\n");
                }
            }

            foreach (var milestone in plan.Milestones)
            {
                output.Append($" milestone {milestone.Year}: {string.Join(" | ", milestone.Goals.Select(g => Normal(g.Title)))}\n");
            }

            foreach (var i in plan.Indicators)
            {
                output.Append($" indicator {i.Key} {i.Comparator.ToSymbol()} {i.Target} {i.Unit} {i.Year} task {i.TaskNumber} milestone {i.MilestoneYear}\n");
            }
        }

        return output.ToString();
    }

    /// <summary>Titles compared by their words: digits and brackets of either width, spaces ignored.</summary>
    private static string Normal(string text) =>
        string.Concat(text.Select(c => c switch
        {
            >= '０' and <= '９' => (char)('0' + (c - '０')),
            '％' => '%',
            '(' => '（',
            ')' => '）',
            _ => c,
        }).Where(c => !char.IsWhiteSpace(c)));

    private static string MapPlanLines(string text, Func<string, int, string> map) =>
        string.Join('\n', text.Split('\n').Select((line, index) => index + 1 >= FirstPlanLine ? map(line, index + 1) : line));

    /// <summary>The ways copies of one plan differ in punctuation: bracket widths, digit widths, spaces, dashes, stray artefacts.</summary>
    private sealed record Punctuation(bool HalfWidthBrackets, bool FullWidthDigits, bool SpacedMarkers, bool Indented, bool Bookmarks, int Dash, uint Mix)
    {
        public string Apply(string line, int number)
        {
            // Each rule applies to about half the lines, chosen by Mix, so one copy mixes both forms as pasted text does.
            var chosen = ((((uint)number * 2654435761u) ^ Mix) >> 11 & 1) == 1;
            if (HalfWidthBrackets && chosen)
            {
                line = TaskMarker().Replace(line, "(${num})");
            }

            if (SpacedMarkers && !chosen)
            {
                line = TaskMarker().Replace(line, m => "（ " + string.Join(' ', m.Groups["num"].Value.ToCharArray()) + " ）");
            }

            if (FullWidthDigits && chosen && !line.Contains('《'))
            {
                line = string.Concat(line.Select(c => c switch
                {
                    >= '0' and <= '9' => (char)('０' + (c - '0')),
                    '%' => '％',
                    _ => c,
                }));
            }

            if (Dash > 0)
            {
                line = line.Replace("（2024—2035年）", Dash switch { 1 => "（2024-2035年）", 2 => "(2024–2035年)", _ => "（2024－2035年）" }, StringComparison.Ordinal);
            }

            if (Indented && line.Length > 0)
            {
                line = "\u3000\u3000" + line + " ";
            }

            if (Bookmarks && line.Length > 0 && chosen)
            {
                line = "[bookmark: _Toc" + number + "]" + line;
            }

            return line;
        }
    }

    private enum SectionStyle
    {
        Numeral,
        Chapter,
        SectionSign,
    }

    private enum TaskStyle
    {
        Paren,
        KeyTask,
        Arabic,
    }

    /// <summary>The numbering styles plans use: sections as 一、 第一章 or §1, grouped in parts or not; tasks as （一） 【重点任务1】 or 1., through the plan or restarting in each section.</summary>
    private sealed record Numbering(SectionStyle Sections, TaskStyle Tasks, bool RestartTasks, bool Parts)
    {
        public string Apply(string text)
        {
            var lines = text.Split('\n');
            var inTask = 0;
            var parts = 0;
            for (var i = FirstPlanLine - 1; i < lines.Length; i++)
            {
                var line = lines[i];
                if (SectionMarker().Match(line) is { Success: true } section)
                {
                    var number = ChineseNumerals.Parse(section.Groups["num"].ValueSpan)!.Value;
                    inTask = 0;
                    var title = line[section.Length..];
                    lines[i] = Sections switch
                    {
                        SectionStyle.Chapter => $"第{section.Groups["num"].Value}章　{title}",
                        SectionStyle.SectionSign => $"§{number} {title}",
                        _ => line,
                    };
                    if (Parts && number % 4 == 1)
                    {
                        // A part every four sections (第一部分 before 一、, 第二部分 before 五、 …); a new plan starts again at 第一部分.
                        parts = number == 1 ? 1 : parts + 1;
                        lines[i] = $"第{ChineseNumerals.Format(parts)}部分　第{ChineseNumerals.Format(parts)}部分的标题\n" + lines[i];
                    }

                    continue;
                }

                if (TaskMarker().Match(line) is { Success: true } task)
                {
                    inTask++;
                    var written = ChineseNumerals.Parse(task.Groups["num"].ValueSpan)!.Value;
                    var number = RestartTasks ? inTask : written;
                    var rest = line[task.Length..];
                    lines[i] = Tasks switch
                    {
                        TaskStyle.KeyTask => $"【重点任务{number}】{rest}",
                        TaskStyle.Arabic => $"{number}.{rest}",
                        _ => ChineseNumerals.TaskMarker(number) + rest,
                    };
                }
            }

            return string.Join('\n', lines);
        }
    }

    /// <summary>The encodings government offices save plans in, with each line ending.</summary>
    private sealed record Reencoding(int Encoding, int LineEnding)
    {
        public byte[] Apply(string text)
        {
            text = LineEnding switch
            {
                1 => text.Replace("\n", "\r\n", StringComparison.Ordinal),
                2 => text.Replace("\n", "\r", StringComparison.Ordinal),
                _ => text,
            };
            return Encoding switch
            {
                0 => System.Text.Encoding.UTF8.GetBytes(text),
                1 => [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(text)],
                2 => [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes(text)],
                3 => System.Text.Encoding.Unicode.GetBytes(text),
                4 => [.. System.Text.Encoding.BigEndianUnicode.GetPreamble(), .. System.Text.Encoding.BigEndianUnicode.GetBytes(text)],
                5 => System.Text.Encoding.BigEndianUnicode.GetBytes(text),
                _ => System.Text.Encoding.GetEncoding("GB18030").GetBytes(text),
            };
        }
    }

    [GeneratedRegex("^（(?<num>[一二三四五六七八九十]+)）")]
    private static partial Regex TaskMarker();

    [GeneratedRegex("^(?<num>[一二三四五六七八九十]+)、")]
    private static partial Regex SectionMarker();
}
