using EduPlan.Core.Messages;
using EduPlan.Core.Parsing;
using EduPlan.Tests.Shared;

namespace EduPlan.Core.Tests.Parsing;

/// <summary>Each of the project's fixtures (one per form of the genre) parses to the structure it is labelled with.</summary>
public class FixtureTests
{
    public static TheoryData<string> Fixtures => new(PlanFixtures.Names);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_gives_the_structure_or_the_refusal_it_is_labelled_with(string name)
    {
        var tree = PlanFixtures.Expected(name, ".tree");
        var refusal = PlanFixtures.Expected(name, ".refusal");
        (tree is null ^ refusal is null).Should().BeTrue($"{name}.txt needs exactly one label: {name}.tree or {name}.refusal");

        var actual = Describe(name);
        PlanFixtures.Update(name, tree is not null ? ".tree" : ".refusal", actual);
        actual.Should().Be(tree ?? refusal);
    }

    /// <summary>The tree in English, or the refusal with every candidate title line it lists.</summary>
    internal static string Describe(string name)
    {
        try
        {
            var document = new PlanDocumentParser().Parse(PlanFixtures.Bytes(name), name + ".txt");
            return PlanTree.Render(document, MessageTexts.English);
        }
        catch (PlanFormatException refusal)
        {
            var lines = new List<string> { refusal.ToString(MessageTexts.English) };
            lines.AddRange(refusal.Candidates.Select(c => $"  line {c.Line}: {c.Text} — {c.Missing.ToString(MessageTexts.English)}"));
            return string.Join('\n', lines) + '\n';
        }
    }
}
