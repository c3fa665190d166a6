using System.Net;
using EduPlan.Application.Security;
using EduPlan.Core.Reporting;
using EduPlan.Web.Tests.Ownership;

namespace EduPlan.Web.Tests.Reporting.MyTasks;

/// <summary>我的任务. Each test uses its own departments and tasks, so they share one app.</summary>
public sealed class MyTasksPageTests(ReadPagesApp app) : IClassFixture<ReadPagesApp>
{
    [Fact]
    public async Task A_reporter_sees_each_of_the_departments_tasks_with_its_state_and_the_right_button()
    {
        var returned = await app.OwnAsync("chongqing", 10, "教委A");
        var draft = await app.OwnAsync("chongqing", 12, "财政A", "教委A");
        var approved = await app.OwnAsync("chongqing", 13, "教委A");
        var untouched = await app.OwnAsync("national", 5, "教委A");
        var notOurs = await app.OwnAsync("chongqing", 20, "财政A");
        await app.AddReportAsync(returned, "教委A", ReadPagesApp.Q3, ReportState.Returned, new DateTime(2026, 9, 1, 9, 0, 0));
        await app.AddReportAsync(draft, "教委A", ReadPagesApp.Q3, ReportState.Draft, percent: 35);
        await app.AddReportAsync(draft, "财政A", ReadPagesApp.Q3, ReportState.Submitted, new DateTime(2026, 9, 2, 9, 0, 0));
        await app.AddReportAsync(approved, "教委A", ReadPagesApp.Q3, ReportState.Approved, new DateTime(2026, 9, 3, 9, 0, 0));
        var client = await app.SignedInAsync("mytasks-a", Roles.Reporter, "教委A");

        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/my/tasks"));

        var returnedRow = ReadPagesApp.Row(html, $"id=\"task-{returned}\"");
        returnedRow.Should().Contain("data-state=\"Returned\"").And.Contain("已退回").And.Contain("修改后重新提交")
            .And.Contain($"href=\"/my/tasks/{returned}/2026Q3\"").And.Contain("退回意见：请补充佐证材料").And.Contain("牵头");
        var draftRow = ReadPagesApp.Row(html, $"id=\"task-{draft}\"");
        draftRow.Should().Contain("data-state=\"Draft\"").And.Contain("继续填报").And.Contain("参与").And.Contain("35%");
        ReadPagesApp.Row(html, $"id=\"task-{approved}\"").Should().Contain("data-state=\"Approved\"").And.Contain("已通过").And.Contain(">查看<");
        var untouchedRow = ReadPagesApp.Row(html, $"id=\"task-{untouched}\"");
        untouchedRow.Should().Contain("data-state=\"None\"").And.Contain("未填报").And.Contain(">填报<").And.Contain("href=\"/plans/national/tasks/5\"");
        html.Should().NotContain($"id=\"task-{notOurs}\"", "another department's task is not on this page");
        html.Should().Contain("共4项：未填报1、草稿1、已退回1、已通过1");
        html.Should().Contain("2026年第三季度填报截止于2026-10-15").And.Contain("还剩35天");
        html.IndexOf($"id=\"task-{returned}\"", StringComparison.Ordinal)
            .Should().BeLessThan(html.IndexOf($"id=\"task-{draft}\"", StringComparison.Ordinal), "returned reports come first");
    }

    [Fact]
    public async Task A_closed_quarter_says_why_and_offers_only_to_view()
    {
        var task = await app.OwnAsync("chongqing", 14, "教委B");
        var client = await app.SignedInAsync("mytasks-b", Roles.Reporter, "教委B");

        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/my/tasks?quarter=2026Q2"));

        html.Should().Contain("2026年第二季度已于2026-07-15截止填报");
        var row = ReadPagesApp.Row(html, $"id=\"task-{task}\"");
        row.Should().Contain(">查看<").And.Contain($"href=\"/my/tasks/{task}/2026Q2\"").And.NotContain(">填报<");
        html.Should().Contain("href=\"/my/tasks?quarter=2026Q1\"").And.Contain("href=\"/my/tasks?quarter=2026Q3\"");
        html.Should().NotContain("还剩");
    }

    [Fact]
    public async Task Without_a_quarter_the_page_shows_the_one_to_report_on_now()
    {
        await app.OwnAsync("chongqing", 16, "教委D");
        var client = await app.SignedInAsync("mytasks-d", Roles.Reporter, "教委D");

        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/my/tasks"));

        html.Should().Contain("aria-current=\"page\">2026年第三季度<");
        html.Should().NotContain("href=\"/my/tasks?quarter=2026Q4\"", "later quarters have nothing to report yet");
    }

    [Fact]
    public async Task An_unreadable_or_out_of_range_quarter_is_not_found()
    {
        var client = await app.SignedInAsync("mytasks-e", Roles.Reporter, "教委E");

        (await ReadPagesApp.StatusOfAsync(client, "/my/tasks?quarter=nonsense")).Should().Be(HttpStatusCode.NotFound);
        (await ReadPagesApp.StatusOfAsync(client, "/my/tasks?quarter=2024Q4")).Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_reporter_without_a_department_is_told_what_to_do()
    {
        var client = await app.SignedInAsync("mytasks-nodept", Roles.Reporter);

        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/my/tasks"));

        html.Should().Contain("您的账号尚未分配所属单位").And.Contain("请联系系统管理员");
        html.Should().NotContain("mytasks-table");
    }

    [Fact]
    public async Task Only_reporters_open_the_page()
    {
        var viewer = await app.SignedInAsync("mytasks-viewer", Roles.Viewer, "教委A");

        (await viewer.IsForbiddenAsync("/my/tasks")).Should().BeTrue();
    }

    [Fact]
    public async Task The_number_of_queries_does_not_grow_with_the_tasks()
    {
        await app.OwnAsync("chongqing", 15, "教委C");
        var client = await app.SignedInAsync("mytasks-c", Roles.Reporter, "教委C");
        await client.GetPageAsync("/my/tasks");
        app.Commands.Reset();
        await client.GetPageAsync("/my/tasks");
        var withOne = app.Commands.Count;

        for (var number = 30; number < 40; number++)
        {
            var task = await app.OwnAsync("chongqing", number, "教委C");
            await app.AddReportAsync(task, "教委C", ReadPagesApp.Q3, ReportState.Draft);
        }

        app.Commands.Reset();
        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/my/tasks"));

        html.Should().Contain("共11项：未填报1、草稿10");
        app.Commands.Count.Should().Be(withOne);
    }
}
