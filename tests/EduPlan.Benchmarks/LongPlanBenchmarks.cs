using System.Text;
using BenchmarkDotNet.Attributes;
using EduPlan.Application.Import.Readers;
using EduPlan.Core.Parsing;
using EduPlan.Tests.Shared;

namespace EduPlan.Benchmarks;

/// <summary>
/// Parsing stays linear (goal: a 500-page plan in under a second). The seed is repeated <see cref="Copies"/> times in
/// one file, each copy's two titles made its own (a title may appear once per file); nine copies are 519 pages of
/// 公文 (GB/T 9704: 22 lines of 28 characters, 616 characters a page). The same text is read as a text file and as a
/// Word document (paragraphs and Word's own numbering) through <see cref="PlanFileReader"/>, as an upload is.
/// </summary>
[MemoryDiagnoser]
public class LongPlanBenchmarks
{
    /// <summary>Characters on one page of an official document: 22 lines of 28 (GB/T 9704-2012).</summary>
    public const int PageCharacters = 22 * 28;

    private static readonly string[] Titles = ["教育强国建设规划纲要", "重庆加快建设教育强市推进教育现代化规划"];

    private readonly PlanFileReader _reader = new(new PlanDocumentParser());
    private byte[] _text = [];
    private byte[] _docx = [];

    [Params(1, 3, 9)]
    public int Copies { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var seed = File.ReadAllText(BenchmarkDatabase.SeedPath, Encoding.UTF8);
        var text = new StringBuilder();
        for (var copy = 1; copy <= Copies; copy++)
        {
            var renamed = seed;
            foreach (var title in Titles)
            {
                renamed = renamed.Replace(title, $"{title}（第{copy}册）", StringComparison.Ordinal);
            }

            text.Append(renamed).Append('\n');
        }

        var content = text.ToString();
        _text = Encoding.UTF8.GetBytes(content);
        _docx = PlanDocx.FromText(content, wordNumbering: true);

        // Every copy must be read whole, or the figure would be for less than it says.
        var plans = _reader.Read(_docx, "long.docx").Document.Plans;
        var expected = _reader.Read(File.ReadAllBytes(BenchmarkDatabase.SeedPath), "seed.txt").Document.Plans.Sum(p => p.Tasks.Count()) * Copies;
        if (plans.Count != 2 * Copies || plans.Sum(p => p.Tasks.Count()) != expected || Parse().Plans.Count != 2 * Copies)
        {
            throw new InvalidOperationException($"{Copies} copies of the seed did not give {2 * Copies} whole plans.");
        }

        Console.WriteLine($"// {Copies} copies: {content.Length:N0} characters, {content.Length / PageCharacters} pages, .txt {_text.Length / 1024:N0} KB, .docx {_docx.Length / 1024:N0} KB");
    }

    [Benchmark(Description = "parse the seed repeated (text file)")]
    public int ParseText() => Parse().Plans.Count;

    [Benchmark(Description = "read and parse the seed repeated (.docx)")]
    public int ParseDocx() => _reader.Read(_docx, "long.docx").Document.Plans.Count;

    private ParsedDocument Parse() => _reader.Read(_text, "long.txt").Document;
}
