using System.Net;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Web.Tests.Ownership;
using EduPlan.Web.Tests.Reporting.MyTasks;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Reporting.IndicatorLinks;

/// <summary>指标关联: listing, linking and unlinking, each audited.</summary>
public sealed class IndicatorLinksPageTests(ReadPagesApp app) : IClassFixture<ReadPagesApp>
{
    private Task<int> TaskIdAsync(int number) =>
        app.WithDbAsync(db => db.Tasks.Where(t => t.Plan!.Code == "chongqing" && t.Number == number).Select(t => t.Id).SingleAsync());

    [Fact]
    public async Task A_coordinator_links_a_task_to_an_indicator_and_removes_it_again_with_both_audited()
    {
        var indicator = await app.IndicatorIdAsync("教共体覆盖率");
        var task = await TaskIdAsync(8);
        var client = await app.SignedInAsync("links-coordinator", Roles.Coordinator);

        var page = WebTestHelpers.Decoded(await client.GetPageAsync("/indicators"));
        var row = ReadPagesApp.Row(page, $"id=\"indicator-{indicator}\"");
        row.Should().Contain("≥").And.Contain("90%").And.Contain("覆盖率达到90%").And.Contain("尚无任务填报");
        row.Should().Contain($"<option value=\"{task}\">（八）统筹优化基础教育资源配置</option>");

        var linked = await client.PostFormAsync("/indicators", $"/indicators/{indicator}/links", new Dictionary<string, string> { ["taskId"] = $"{task}" });

        linked.StatusCode.Should().Be(HttpStatusCode.Redirect);
        linked.Headers.Location!.OriginalString.Should().Be($"/indicators#indicator-{indicator}");
        var after = WebTestHelpers.Decoded(await client.GetPageAsync("/indicators"));
        row = ReadPagesApp.Row(after, $"id=\"indicator-{indicator}\"");
        row.Should().Contain("已将（八）统筹优化基础教育资源配置关联到“教共体覆盖率”。")
            .And.Contain("href=\"/plans/chongqing/tasks/8\"")
            .And.Contain($"action=\"/indicators/{indicator}/links/{task}/delete\"")
            .And.NotContain($"<option value=\"{task}\">", "a linked task is not offered again");

        var removed = await client.PostFormAsync("/indicators", $"/indicators/{indicator}/links/{task}/delete", new Dictionary<string, string>());

        removed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var last = WebTestHelpers.Decoded(await client.GetPageAsync("/indicators"));
        ReadPagesApp.Row(last, $"id=\"indicator-{indicator}\"").Should().Contain("已取消（八）统筹优化基础教育资源配置与“教共体覆盖率”的关联。")
            .And.NotContain($"/links/{task}/delete");
        (await app.WithDbAsync(db => db.IndicatorTaskLinks.CountAsync(l => l.IndicatorId == indicator))).Should().Be(0);
        var audit = await app.WithDbAsync(db => db.AuditEntries
            .Where(e => e.Action == AuditActions.IndicatorLinked || e.Action == AuditActions.IndicatorUnlinked)
            .OrderBy(e => e.Id)
            .Select(e => new { e.Action, e.ActorName, e.TargetName })
            .ToListAsync());
        audit.Select(e => e.Action).Should().Equal(AuditActions.IndicatorLinked, AuditActions.IndicatorUnlinked);
        audit.Should().OnlyContain(e => e.ActorName == "links-coordinator" && e.TargetName == "chongqing 教共体覆盖率");
    }

    [Fact]
    public async Task Linking_a_task_twice_says_so_beside_the_indicator()
    {
        var indicator = await app.IndicatorIdAsync("教共体覆盖率");
        var task = await TaskIdAsync(9);
        var client = await app.SignedInAsync("links-admin", Roles.Administrator);
        await client.PostFormAsync("/indicators", $"/indicators/{indicator}/links", new Dictionary<string, string> { ["taskId"] = $"{task}" });

        // A second tab still shows the task as a choice.
        var again = await client.PostUnofferedAsync("/indicators", $"/indicators/{indicator}/links", new Dictionary<string, string> { ["taskId"] = $"{task}" });

        again.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/indicators"));
        ReadPagesApp.Row(html, $"id=\"indicator-{indicator}\"").Should().Contain("（九）推进学前教育优质普惠发展已关联“教共体覆盖率”，无需重复关联。");
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.IndicatorLinked && e.ActorName == "links-admin"))).Should().Be(1);
    }

    [Fact]
    public async Task An_empty_choice_or_a_task_of_another_plan_is_refused_with_a_message()
    {
        var indicator = await app.IndicatorIdAsync("教共体覆盖率");
        var national = await app.WithDbAsync(db => db.Tasks.Where(t => t.Plan!.Code == "national" && t.Number == 3).Select(t => t.Id).SingleAsync());
        var client = await app.SignedInAsync("links-refused", Roles.Coordinator);

        await client.PostFormAsync("/indicators", $"/indicators/{indicator}/links", new Dictionary<string, string> { ["taskId"] = "" });
        var empty = WebTestHelpers.Decoded(await client.GetPageAsync("/indicators"));
        await client.PostUnofferedAsync("/indicators", $"/indicators/{indicator}/links", new Dictionary<string, string> { ["taskId"] = $"{national}" });
        var other = WebTestHelpers.Decoded(await client.GetPageAsync("/indicators"));

        ReadPagesApp.Row(empty, $"id=\"indicator-{indicator}\"").Should().Contain("请选择要关联的任务。");
        ReadPagesApp.Row(other, $"id=\"indicator-{indicator}\"").Should().Contain("中的一项重点任务。");
        (await app.WithDbAsync(db => db.IndicatorTaskLinks.CountAsync(l => l.TaskId == national))).Should().Be(0);
    }

    [Fact]
    public async Task Unknown_indicators_are_not_found_and_reporters_may_not_link()
    {
        var coordinator = await app.SignedInAsync("links-unknown", Roles.Coordinator);
        var reporter = await app.SignedInAsync("links-reporter", Roles.Reporter, "关联单位");

        var unknown = await coordinator.PostUnofferedAsync("/indicators", "/indicators/999999/links", new Dictionary<string, string> { ["taskId"] = "1" });

        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await reporter.IsForbiddenAsync("/indicators")).Should().BeTrue();
    }
}
