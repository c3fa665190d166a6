using EduPlan.Tests.Shared;

namespace EduPlan.Cli.Tests;

/// <summary><c>import --dry-run</c>: the tree the preview page shows, what an import would change, and nothing written.</summary>
public sealed class ImportDryRunTests : IDisposable
{
    private readonly CliSandbox _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_dry_run_on_a_new_machine_prints_the_labelled_tree_and_creates_no_database()
    {
        // On PostgreSQL a new machine's database is one without a schema.
        using var fresh = new CliSandbox(migrated: false);
        var path = fresh.WriteFile("county.txt", PlanFixtures.Text("county-action-plan-inline-items"));

        var result = await fresh.RunAsync("import", "--dry-run", path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain(PlanFixtures.Expected("county-action-plan-inline-items", ".tree")!.Split("warnings")[0]);
        result.Output.Should().Contain("every plan would be added").And.EndWith("dry run: nothing was written" + Environment.NewLine);
        fresh.AnythingWritten().Should().BeFalse("a dry run creates no database (and no table in a server one)");
    }

    [Fact]
    public async Task A_dry_run_against_an_imported_seed_lists_the_changes_and_writes_nothing()
    {
        (await _cli.RunAsync("import", CliSandbox.SeedPath)).ExitCode.Should().Be(0);
        var edited = _cli.WriteFile("edited.txt", File.ReadAllText(CliSandbox.SeedPath)
            .Replace("覆盖率达到90%", "覆盖率达到95%", StringComparison.Ordinal));
        var before = _cli.Scalar("""SELECT SUM("Target") FROM "Indicators" """);

        var result = await _cli.RunAsync("import", "--dry-run", edited);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("plan chongqing “重庆加快建设教育强市推进教育现代化规划（2024—2035年）” 2024–2035")
            .And.Contain("task 43 （四十三） 深入推进跨区域教育交流合作")
            .And.Contain("would change:")
            .And.Contain("chongqing indicator 教共体覆盖率@2027: target 90 → 95");
        _cli.Scalar("""SELECT SUM("Target") FROM "Indicators" """).Should().Be(before);
    }

    [Fact]
    public async Task A_Word_document_imports_like_its_text()
    {
        var path = Path.Combine(_cli.Folder, "district.docx");
        File.WriteAllBytes(path, PlanDocx.FromText(PlanFixtures.Text("district-draft-title-two-lines")));

        var result = await _cli.RunAsync("import", path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().MatchRegex(@"(?m)^plan-[0-9a-f]{8}  重庆市某某区教育事业发展“十五五”规划\r?\n  4 sections, 4 tasks, 1 milestone, 2 goals, 5 indicators; added");
        _cli.Scalar("""SELECT "IsDraft" FROM "Plans" """).Should().Be(1L);
    }

    [Fact]
    public async Task A_scanned_PDF_is_refused_with_one_line_and_exit_code_1()
    {
        var path = Path.Combine(_cli.Folder, "scan.pdf");
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        File.WriteAllBytes(path, builder.Build());

        var result = await _cli.RunAsync("import", path);

        result.ExitCode.Should().Be(1, result.ToString());
        result.ErrorLines.Should().ContainSingle().Which.Should().StartWith($"error: {path}: ").And.Contain("OCR");
        _cli.AnythingWritten().Should().BeFalse();
    }
}
