using System.Text;
using System.Text.RegularExpressions;
using EduPlan.Application.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlan.Web.Tests;

/// <summary>Re-importing an edited plan into the app's own database; each test starts its own app, as it changes the data.</summary>
public sealed partial class ReimportTests : IAsyncLifetime
{
    private const string Task9Phrase = "持续提升公办幼儿园在园幼儿占比";
    private const string Task9NewPhrase = "持续提高公办幼儿园在园幼儿占比至九成";

    private readonly EduPlanWebFactory factory = new();
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        client = factory.CreateBrowser();
        await client.SignInAsAdminAsync();
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await factory.DisposeAsync();
    }

    [Fact]
    public async Task Reimport_keeps_ids_shows_the_new_text_and_withdraws_the_removed_task()
    {
        var idsBefore = await TaskIdsAsync();
        idsBefore.Should().HaveCount(81);
        var lines = SeedText.Lines.ToList();
        var task43 = lines.FindIndex(l => l.StartsWith("（四十三）", StringComparison.Ordinal));
        lines.RemoveAt(task43);
        var task9 = lines.FindIndex(l => l.StartsWith("（九）推进学前教育优质普惠发展", StringComparison.Ordinal));
        lines[task9].Should().Contain(Task9Phrase);
        lines[task9] = lines[task9].Replace(Task9Phrase, Task9NewPhrase, StringComparison.Ordinal);

        var report = await ImportAsync(lines);

        report.Changes.Should().Equal("chongqing task 9: text changed");
        report.Warnings.Select(w => w.ToString(EduPlan.Core.Messages.MessageTexts.English)).Should().Equal("task 43 of plan chongqing is no longer in the document; kept");
        (await TaskIdsAsync()).Should().Equal(idsBefore, "every task keeps its id, the withdrawn one included");

        var taskPage = WebTestHelpers.Decoded(await client.GetPageAsync("/plans/chongqing/tasks/9"));
        taskPage.Should().Contain(Task9NewPhrase).And.NotContain(Task9Phrase);
        taskPage.Should().NotContain("此任务已不在现行规划文本中");

        var planPage = WebTestHelpers.Decoded(await client.GetPageAsync("/plans/chongqing"));
        ChongqingTaskLinks(planPage).Should().Equal(Enumerable.Range(1, 42));
        planPage.Should().NotContain("深入推进跨区域教育交流合作");

        var importedAt = await factory.WithDbAsync(db => db.Plans.Where(p => p.Code == "chongqing").Select(p => p.ImportedAt).SingleAsync());
        var local = importedAt.ToLocalTime();
        var withdrawn = WebTestHelpers.Decoded(await client.GetPageAsync("/plans/chongqing/tasks/43"));
        withdrawn.Should().Contain($"此任务已不在现行规划文本中（最近一次导入：{local.Year}年{local.Month}月{local.Day}日）");
        withdrawn.Should().Contain("（四十三）深入推进跨区域教育交流合作", "its id and link keep working and show its last text");
        withdrawn.Should().Contain("上一项：（四十二）");

        (await client.GetPageAsync("/plans/chongqing/tasks/42")).Should().NotContain("下一项：", "a withdrawn task is not offered as next");

        var home = await client.GetPageAsync("/");
        home.Should().Contain("<span class=\"stat-value\">42</span> 项重点任务");
        home.Should().Contain("<span class=\"stat-value\">38</span> 项重点任务");
        home.Should().NotContain("<span class=\"stat-value\">43</span>");

        var search = WebTestHelpers.Decoded(await client.GetPageAsync("/search?q=" + Uri.EscapeDataString("跨区域教育交流合作")));
        search.Should().NotContain("href=\"/plans/chongqing/tasks/43\"", "search covers current tasks only");
    }

    [Fact]
    public async Task A_task_that_comes_back_is_shown_again_without_the_notice()
    {
        var withoutTask43 = SeedText.Lines.Where(l => !l.StartsWith("（四十三）", StringComparison.Ordinal)).ToList();
        await ImportAsync(withoutTask43);

        var report = await ImportAsync(SeedText.Lines);

        report.Changes.Should().Equal("chongqing task 43: back in the document");
        ChongqingTaskLinks(WebTestHelpers.Decoded(await client.GetPageAsync("/plans/chongqing"))).Should().Equal(Enumerable.Range(1, 43));
        (await client.GetPageAsync("/plans/chongqing/tasks/43")).Should().NotContain("此任务已不在现行规划文本中");
        (await client.GetPageAsync("/")).Should().Contain("<span class=\"stat-value\">43</span> 项重点任务");
    }

    [Fact]
    public async Task Targets_leave_out_an_indicator_whose_task_is_withdrawn()
    {
        // The importer removes such an indicator together with its task's text; the page must not rely on that.
        (await client.GetPageAsync("/targets")).Should().Contain("特色高中");
        var changed = await factory.WithDbAsync(db => db.Tasks
            .Where(t => t.Plan!.Code == "chongqing" && t.Number == 11)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.WithdrawnAt, DateTimeOffset.UtcNow)));
        changed.Should().Be(1);

        var targets = await client.GetPageAsync("/targets");

        targets.Should().NotContain("特色高中").And.NotContain("href=\"/plans/chongqing/tasks/11\"");
        targets.Should().Contain("教共体覆盖率", "indicators of milestones and current tasks stay");
    }

    /// <summary>Writes the lines as a plan file and imports it with the app's own import service.</summary>
    private async Task<ImportReport> ImportAsync(IReadOnlyList<string> lines)
    {
        var path = Path.Combine(factory.Folder, $"edited-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(path, lines, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlanImportService>().ImportFilesAsync([path]);
    }

    private Task<List<string>> TaskIdsAsync() =>
        factory.WithDbAsync(db => db.Tasks
            .OrderBy(t => t.Id)
            .Select(t => t.Plan!.Code + " " + t.Number + " #" + t.Id)
            .ToListAsync());

    private static List<int> ChongqingTaskLinks(string html) =>
        ChongqingTaskLink().Matches(html)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    [GeneratedRegex("href=\"/plans/chongqing/tasks/([0-9]+)\"")]
    private static partial Regex ChongqingTaskLink();
}
