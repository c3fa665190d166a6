namespace EduPlan.Core.Tests.Fuzzing;

/// <summary>
/// The fuzzing corpus (Fuzzing/Corpus/): the documents and sheets the fuzzers start from and every input that once
/// broke a reader. Each one keeps meeting <see cref="FuzzContract"/>.
/// </summary>
public sealed class CorpusTests
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fuzzing", "Corpus");

    public static TheoryData<string> PlanFiles() => Files("*.txt");

    public static TheoryData<string> SheetFiles() => Files("*.csv");

    public static string[] Lines(string name) => File.ReadAllText(Path.Combine(Folder, name)).Split('\n');

    [Theory]
    [MemberData(nameof(PlanFiles))]
    public void Each_plan_document_of_the_corpus_meets_the_contract(string name) =>
        FuzzContract.CheckPlan(File.ReadAllBytes(Path.Combine(Folder, name)), name).Should().BeNull();

    [Theory]
    [MemberData(nameof(SheetFiles))]
    public void Each_sheet_of_the_corpus_meets_the_contract(string name) =>
        FuzzContract.CheckOwnershipSheet(File.ReadAllBytes(Path.Combine(Folder, name)), name).Should().BeNull();

    private static TheoryData<string> Files(string pattern)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, pattern).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }
}
