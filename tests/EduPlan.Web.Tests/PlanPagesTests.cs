using System.Net;
using System.Text.RegularExpressions;

namespace EduPlan.Web.Tests;

[Collection(SharedApp.Name)]
public sealed partial class PlanPagesTests(EduPlanWebFactory factory) : IAsyncLifetime
{
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        client = factory.CreateBrowser();
        await client.SignInAsAdminAsync();
    }

    public Task DisposeAsync()
    {
        client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Home_shows_the_Chongqing_plan_nested_under_the_national_outline()
    {
        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/"));

        var national = html.IndexOf(SeedText.NationalTitle, StringComparison.Ordinal);
        var childList = html.IndexOf("data-parent=\"national\"", StringComparison.Ordinal);
        var chongqing = html.IndexOf(SeedText.ChongqingTitle, StringComparison.Ordinal);
        national.Should().BeGreaterThan(0);
        childList.Should().BeGreaterThan(national, "the national plan has a list of plans under it");
        chongqing.Should().BeGreaterThan(childList, "the Chongqing plan is inside that list");
        html.Should().NotContain("data-parent=\"chongqing\"", "nothing is nested under the Chongqing plan");
    }

    [Fact]
    public async Task Home_shows_counts_and_links_to_targets_and_search()
    {
        var html = await client.GetPageAsync("/");

        html.Should().Contain("<span class=\"stat-value\">43</span> 项重点任务");
        html.Should().Contain("<span class=\"stat-value\">38</span> 项重点任务");
        html.Should().Contain("href=\"/targets\"").And.Contain("href=\"/search\"");
        html.Should().Contain("href=\"/plans/chongqing#milestone-2029\"", "the 2029 milestone is one click from home");
    }

    [Fact]
    public async Task Chongqing_plan_page_lists_its_43_tasks_and_the_2029_milestone()
    {
        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/plans/chongqing"));

        TaskLinks("chongqing", html).Should().Equal(Enumerable.Range(1, 43));
        html.Should().Contain("（四十三）深入推进跨区域教育交流合作");
        html.Should().Contain("<a href=\"/plans/chongqing/tasks/9\">（九）推进学前教育优质普惠发展</a>");
        html.Should().Contain("id=\"milestone-2029\"");
        html.Should().Contain("href=\"#milestone-2029\"", "a year button near the top jumps to the milestone");
        var milestone = html[html.IndexOf("id=\"milestone-2029\"", StringComparison.Ordinal)..];
        milestone.Should().Contain("教育强市建设实现重要突破");
        html.Should().Contain("href=\"/plans/national\"", "the page links to its parent plan");
        html.Should().Contain("十三、加强组织实施");
    }

    [Fact]
    public async Task National_plan_page_lists_38_tasks()
    {
        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/plans/national"));

        TaskLinks("national", html).Should().Equal(Enumerable.Range(1, 38));
        html.Should().Contain("（三十八）积极参与全球教育治理");
    }

    [Theory]
    [InlineData("/plans/nowhere")]
    [InlineData("/plans/chongqing/tasks/44")]
    [InlineData("/plans/chongqing/tasks/0")]
    [InlineData("/plans/national/tasks/39")]
    public async Task Unknown_plans_and_tasks_are_404_with_a_Chinese_page(string path)
    {
        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("页面不存在");
    }

    [Fact]
    public async Task Task_page_shows_the_full_text_section_and_neighbours()
    {
        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/plans/chongqing/tasks/9"));

        html.Should().Contain("（九）推进学前教育优质普惠发展");
        html.Should().Contain(SeedText.ChongqingTask("（九）"), "the page shows the whole task text as written in the plan");
        html.Should().Contain("四、促进基础教育公平优质，满足人民群众高品质教育需求");
        html.Should().Contain("href=\"/plans/chongqing/tasks/8\"").And.Contain("上一项：（八）统筹优化基础教育资源配置");
        html.Should().Contain("href=\"/plans/chongqing/tasks/10\"").And.Contain("下一项：（十）加快义务教育优质均衡发展和城乡一体化");
    }

    [Fact]
    public async Task First_task_has_no_previous_link_and_last_has_no_next()
    {
        var first = await client.GetPageAsync("/plans/chongqing/tasks/1");
        var last = await client.GetPageAsync("/plans/chongqing/tasks/43");

        first.Should().NotContain("上一项：").And.Contain("下一项：（二）");
        last.Should().NotContain("下一项：").And.Contain("上一项：（四十二）");
    }

    [Fact]
    public async Task Task_page_shows_its_indicators_with_sign_target_and_year()
    {
        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/plans/chongqing/tasks/5"));

        var table = html[html.IndexOf("indicator-table", StringComparison.Ordinal)..];
        table.Should().Contain("中小学生每天综合体育活动时间").And.Contain(">≥<").And.Contain(">2<").And.Contain(">小时<");
        table.Should().Contain(">长期<", "a target without a year is a standing requirement");
    }

    [Fact]
    public async Task Milestone_shows_its_goals_and_indicators()
    {
        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/plans/chongqing"));

        var start = html.IndexOf("id=\"milestone-2027\"", StringComparison.Ordinal);
        var end = html.IndexOf("id=\"milestone-2029\"", StringComparison.Ordinal);
        var milestone = html[start..end];
        milestone.Should().Contain("<strong>立德树人成效显著提升。</strong>");
        milestone.Should().Contain("教共体覆盖率").And.Contain(">90<");
    }

    [Fact]
    public async Task Plan_and_task_pages_read_the_database_with_a_fixed_number_of_queries()
    {
        factory.Commands.Reset();
        await client.GetPageAsync("/plans/chongqing");
        var planQueries = factory.Commands.Count;

        factory.Commands.Reset();
        await client.GetPageAsync("/plans/chongqing/tasks/9");
        var taskQueries = factory.Commands.Count;

        factory.Commands.Reset();
        await client.GetPageAsync("/");
        var homeQueries = factory.Commands.Count;

        planQueries.Should().BeLessThanOrEqualTo(5, "the plan page must not query once per section, milestone or task");
        // 3 for the task and its neighbours, 2 for the quarterly timeline (its latest four quarters, then their reports),
        // 6 for its light and charts (task with schedule, curve, read model rows, reporting periods, indicators, their
        // values), 1 more for the trajectories' targets once an indicator has a baseline (ADR 15), and 2 for the task's
        // owners by quarter behind the timeline's parts (current and past owners, ADR 22).
        taskQueries.Should().BeLessThanOrEqualTo(14);
        homeQueries.Should().BeLessThanOrEqualTo(2);
    }

    private static List<int> TaskLinks(string plan, string html) =>
        TaskLink().Matches(html)
            .Where(m => m.Groups[1].Value == plan)
            .Select(m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    [GeneratedRegex("href=\"/plans/([a-z]+)/tasks/([0-9]+)\"")]
    private static partial Regex TaskLink();
}
