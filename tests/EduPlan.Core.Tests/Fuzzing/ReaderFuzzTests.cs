using System.Text;
using CsCheck;
using EduPlan.Core.Tests.Parsing;

namespace EduPlan.Core.Tests.Fuzzing;

/// <summary>
/// Property-based fuzzing (CsCheck) of the plan parser and the ownership CSV reader: thousands of documents and sheets
/// cut from the seed and the corpus, then edited line by line and character by character, re-encoded (UTF-8, UTF-16,
/// GB18030) and sometimes corrupted byte by byte. Each must meet <see cref="FuzzContract"/>. A failure prints CsCheck's
/// seed, shrinks to a small input and saves it; add it to Fuzzing/Corpus/ so <see cref="CorpusTests"/> keeps it.
/// </summary>
public sealed class ReaderFuzzTests
{
    private static readonly string[] SeedLines = Seed.Lines;

    /// <summary>What plan documents are made of, and what breaks readers: headings, numbering, targets, odd characters.</summary>
    private static readonly string[] PlanPieces =
    [
        "一、", "二、总体要求", "十一、", "（一）", "（九）", "（十二）推进", "（四十三）", "第一章", "到2027年，", "到2035年，建成教育强国。",
        "主要内容如下。", "中共中央 国务院印发《测试规划（2024—2035年）》", "《重庆加快建设教育强市推进教育现代化规划（2024—2035年）》主要内容如下。",
        "教共体覆盖率达到90%", "不低于95%", "达到100%以上", "%", "（", "）", "《", "》", "——", "。", "；", "\0", "\uFFFD", "\uD800", "\t", "\r",
        "\u3000", "\uFEFF", "１２３", "Ⅻ", "2024—2035年", "9999999999999年", new string('长', 3000),
    ];

    private static readonly string[] Plans = ["national", "chongqing", "CHONGQING", "", "x", "national ", "重庆"];
    private static readonly string[] Numbers = ["1", "9", "43", "（十二）", "十", "0", "-1", "99999999999", "4.5", "", " 7 ", "１２"];
    private static readonly string[] Departments =
        ["市教委", "市财政局", "", "\"", "\"\"", "a,b", "市教委、市财政局", "市科技局；市人力社保局", "\r\n", "\n", "，", new string('单', 300), "\0", "\uFFFD"];

    private static readonly Gen<(int Kind, int Position, int Value)> Edit = Gen.Select(Gen.Int[0, 7], Gen.Int[0, 100_000], Gen.Int[0, 100_000]);

    /// <summary>A window of the seed's lines (now and then the whole seed or a corpus file), edits, an encoding.</summary>
    private static readonly Gen<(int Source, int Start, int Length, (int Kind, int Position, int Value)[] Edits, int Encoding)> PlanRecipe =
        Gen.Select(Gen.Int[0, 19], Gen.Int[0, SeedLines.Length - 1], Gen.Int[1, 300], Edit.Array[0, 8], Gen.Int[0, 5]);

    private static readonly Gen<((int Plan, int Number, int Lead, int Co, int Ending)[] Rows, (int Kind, int Position, int Value)[] Edits, int Encoding)> SheetRecipe =
        Gen.Select(Gen.Select(Gen.Int[0, 100], Gen.Int[0, 100], Gen.Int[0, 100], Gen.Int[0, 100], Gen.Int[0, 3]).Array[0, 30], Edit.Array[0, 4], Gen.Int[0, 5]);

    [Fact]
    public void Mutated_plan_documents_give_a_plan_or_a_file_line_reason_within_a_second()
    {
        PlanRecipe.Sample(recipe => FuzzContract.CheckPlan(PlanDocument(recipe)) is null, iter: 2_000,
            print: recipe => Preview(PlanDocument(recipe)));
    }

    [Fact]
    public void Mutated_ownership_sheets_give_rows_or_file_line_reasons_within_a_second()
    {
        SheetRecipe.Sample(recipe => FuzzContract.CheckOwnershipSheet(Sheet(recipe)) is null, iter: 5_000,
            print: recipe => Preview(Sheet(recipe)));
    }

    [Fact]
    public void The_unedited_seed_parses()
    {
        FuzzContract.CheckPlan(File.ReadAllBytes(Seed.Path)).Should().BeNull();
    }

    private static byte[] PlanDocument((int Source, int Start, int Length, (int Kind, int Position, int Value)[] Edits, int Encoding) recipe)
    {
        List<string> lines = recipe.Source switch
        {
            0 => [.. SeedLines],
            1 => [.. CorpusTests.Lines("plan-national-opening.txt")],
            _ => [.. SeedLines.Skip(recipe.Start).Take(recipe.Length)],
        };
        foreach (var edit in recipe.Edits)
        {
            Apply(lines, edit, PlanPieces);
        }

        return Encode(string.Join('\n', lines), recipe.Encoding, recipe.Edits);
    }

    private static byte[] Sheet(((int Plan, int Number, int Lead, int Co, int Ending)[] Rows, (int Kind, int Position, int Value)[] Edits, int Encoding) recipe)
    {
        var text = new StringBuilder();
        foreach (var row in recipe.Rows)
        {
            text.Append(Field(Plans[row.Plan % Plans.Length])).Append(',')
                .Append(Field(Numbers[row.Number % Numbers.Length])).Append(',')
                .Append(Field(Departments[row.Lead % Departments.Length]));
            if (row.Co % 3 != 0)
            {
                text.Append(',').Append(Field(Departments[row.Co % Departments.Length]));
            }

            text.Append(row.Ending switch { 0 => "\r\n", 1 => "\n", 2 => "\r", _ => "\r\n\r\n" });
        }

        var lines = text.ToString().Split('\n').ToList();
        foreach (var edit in recipe.Edits)
        {
            Apply(lines, edit, [.. Departments, .. Numbers, "\"", ",", "规划代码,任务序号,牵头单位,参与单位"]);
        }

        return Encode(string.Join('\n', lines), recipe.Encoding, recipe.Edits);
    }

    /// <summary>Quoted as Excel quotes (now and then), or as written.</summary>
    private static string Field(string value) =>
        value.Length % 2 == 0 && value.Length > 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static void Apply(List<string> lines, (int Kind, int Position, int Value) edit, string[] pieces)
    {
        if (lines.Count == 0)
        {
            lines.Add(pieces[edit.Value % pieces.Length]);
            return;
        }

        var at = edit.Position % lines.Count;
        var line = lines[at];
        var piece = pieces[edit.Value % pieces.Length];
        switch (edit.Kind)
        {
            case 0:
                lines.RemoveAt(at);
                break;
            case 1:
                lines.Insert(at, line);
                break;
            case 2:
                (lines[at], lines[edit.Value % lines.Count]) = (lines[edit.Value % lines.Count], line);
                break;
            case 3:
                lines.Insert(at, piece);
                break;
            case 4:
                lines[at] = line.Insert(edit.Value % (line.Length + 1), piece);
                break;
            case 5:
                lines[at] = line[..(edit.Value % (line.Length + 1))];
                break;
            case 6 when line.Length > 0:
                var from = edit.Value % line.Length;
                lines[at] = string.Concat(line.AsSpan(0, from), piece, line.AsSpan(from + 1));
                break;
            default:
                lines.RemoveRange(at, lines.Count - at);
                break;
        }
    }

    /// <summary>UTF-8 (with or without BOM), UTF-16 with BOM, GB18030, or UTF-8 with bytes flipped where the edits say.</summary>
    private static byte[] Encode(string text, int encoding, (int Kind, int Position, int Value)[] edits)
    {
        var bytes = encoding switch
        {
            1 => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
            2 => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            3 => CodePages.Gb18030.GetBytes(text),
            _ => Encoding.UTF8.GetBytes(text),
        };
        if (encoding >= 4 && bytes.Length > 0)
        {
            foreach (var edit in edits)
            {
                bytes[edit.Position % bytes.Length] ^= (byte)(1 + (edit.Value % 255));
            }
        }

        return bytes;
    }

    private static string Preview(byte[] content) =>
        $"{content.Length} bytes: {Encoding.UTF8.GetString(content.AsSpan(0, Math.Min(content.Length, 300)))}";
}

/// <summary>GB18030, as Excel in China saves CSV.</summary>
internal static class CodePages
{
    public static readonly Encoding Gb18030 = Create();

    private static Encoding Create()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }
}
