using EduPlan.Application;
using EduPlan.Application.Import;
using EduPlan.Application.Import.Readers;
using EduPlan.Core.Parsing;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EduPlan.Application.Tests.Import;

public sealed class PlanImportServiceTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "eduplan-data-tests-" + Guid.NewGuid().ToString("N"));
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _database = await TestDatabase.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private PlanImportService CreateService(EduPlanDbContext db) =>
        new(new PlanImporter(db, new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero))), new PlanFileReader(new PlanDocumentParser()), db);

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Importing_the_seed_file_writes_both_plans_and_stores_the_file_name()
    {
        await using var db = _database.CreateContext();

        var report = await CreateService(db).ImportFilesAsync([Seeds.Path]);

        report.Plans.Select(p => p.Code).Should().Equal(PlanCodes.National, PlanCodes.Chongqing);
        (await db.Tasks.CountAsync()).Should().Be(81);
        (await db.Plans.Select(p => p.SourceName).Distinct().ToListAsync()).Should().Equal(Seeds.FileName);
    }

    [Fact]
    public async Task One_bad_file_among_good_ones_writes_nothing_and_the_error_names_the_file_and_line()
    {
        var good = WriteFile("good.txt", Seeds.Text);
        var skipped = Seeds.Text.ReplaceOnce("（四十三）深入推进跨区域教育交流合作", "（四十四）深入推进跨区域教育交流合作");
        var bad = WriteFile("bad.txt", skipped);
        var badLine = Seeds.Text.Split('\n').ToList().FindIndex(l => l.StartsWith("（四十三）", StringComparison.Ordinal)) + 1;
        await using var db = _database.CreateContext();

        var act = () => CreateService(db).ImportFilesAsync([good, bad]);

        var thrown = (await act.Should().ThrowAsync<PlanFormatException>()).Which;
        thrown.SourceName.Should().EndWith("bad.txt");
        thrown.Line.Should().Be(badLine);
        thrown.Message.Should().StartWith($"{bad}:{badLine}:");
        (await db.Plans.CountAsync()).Should().Be(0, "the good file was parsed but must not be written alone");
    }

    [Fact]
    public async Task ParseFiles_parses_every_file_in_order_named_by_its_path_and_writes_nothing()
    {
        var national = WriteFile("a.txt", Seeds.Text);
        var copy = WriteFile("b.txt", Seeds.Text.ReplaceOnce(SeedEdits.ChongqingTask9Phrase, "持续提高公办幼儿园在园幼儿占比"));
        await using var db = _database.CreateContext();

        var documents = CreateService(db).ParseFiles([copy, national]);

        documents.Select(d => d.SourceName).Should().Equal(copy, national);
        documents[0].Plans.Single(p => p.Code == PlanCodes.Chongqing).Tasks.Single(t => t.Number == 9).Text
            .Should().Contain("持续提高公办幼儿园在园幼儿占比", "each document is read from its own file");
        (await db.Plans.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task ParseFiles_refuses_the_bad_file_even_after_good_ones()
    {
        var good = WriteFile("good.txt", Seeds.Text);
        var bad = WriteFile("bad.txt", "没有规划的文本。\n");
        await using var db = _database.CreateContext();

        var act = () => CreateService(db).ParseFiles([good, bad]);

        act.Should().Throw<PlanFormatException>().Which.SourceName.Should().Be(bad);
    }

    [Fact]
    public async Task The_registered_services_import_through_the_container()
    {
        var services = new ServiceCollection();
        services.AddDbContext<EduPlanDbContext>(options => _database.Configure(options));
        services.AddEduPlanImport();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await using var scope = provider.CreateAsyncScope();

        var report = await scope.ServiceProvider.GetRequiredService<PlanImportService>().ImportFilesAsync([Seeds.Path]);

        report.Plans.Should().HaveCount(2);
        scope.ServiceProvider.GetRequiredService<IPlanDocumentParser>().Should().BeOfType<PlanDocumentParser>();
        scope.ServiceProvider.GetRequiredService<TimeProvider>().Should().BeSameAs(TimeProvider.System);
    }
}
