using System.Net;

namespace EduPlan.Web.Tests;

[Collection(SharedApp.Name)]
public sealed class TargetsAndSearchTests(EduPlanWebFactory factory) : IAsyncLifetime
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
    public async Task Targets_are_grouped_by_year_in_order()
    {
        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/targets"));

        var y2027 = html.IndexOf("id=\"year-2027\"", StringComparison.Ordinal);
        var y2029 = html.IndexOf("id=\"year-2029\"", StringComparison.Ordinal);
        var y2035 = html.IndexOf("id=\"year-2035\"", StringComparison.Ordinal);
        y2027.Should().BeGreaterThan(0);
        y2029.Should().BeGreaterThan(y2027);
        y2035.Should().BeGreaterThan(y2029);
        html[y2029..y2035].Should().Contain("教育强市建设实现重要突破").And.Contain("href=\"/plans/chongqing#milestone-2029\"");
    }

    [Fact]
    public async Task Targets_show_the_cooperation_coverage_indicator_with_its_sign_and_target()
    {
        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/targets"));

        var row = RowContaining(html, "教共体覆盖率");
        row.Should().Contain("≥").And.Contain(">90<").And.Contain("%");
        row.Should().Contain(SeedText.ChongqingTitle, "each entry names its plan");
    }

    [Fact]
    public async Task Search_finds_Chongqing_tasks_and_marks_the_match()
    {
        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/search?q=" + Uri.EscapeDataString("教共体")));

        html.Should().Contain("href=\"/plans/chongqing/tasks/8\"").And.Contain("（八）统筹优化基础教育资源配置");
        html.Should().Contain("<mark>教共体</mark>");
        html.Should().Contain("共找到");
    }

    [Fact]
    public async Task Search_counts_hits_in_both_plans()
    {
        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/search?q=" + Uri.EscapeDataString("学前教育")));

        var expected = SeedText.PlanLines.Count(l => l.StartsWith('（') && l.Contains("学前教育", StringComparison.Ordinal));
        expected.Should().BeGreaterThan(1);
        html.Should().Contain($"共找到{expected}项结果");
        html.Should().Contain("href=\"/plans/national/tasks/9\"").And.Contain("href=\"/plans/chongqing/tasks/9\"");
    }

    [Fact]
    public async Task Search_input_is_html_encoded_in_the_page()
    {
        var response = await client.GetAsync("/search?q=" + Uri.EscapeDataString("<script>alert(1)</script>"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().NotContain("<script>alert(1)");
        html.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    [Fact]
    public async Task Empty_search_shows_only_the_form()
    {
        var html = await client.GetPageAsync("/search?q=%20%20");

        html.Should().Contain("name=\"q\"");
        html.Should().NotContain("共找到").And.NotContain("search-hit");
    }

    [Fact]
    public async Task A_search_term_over_100_characters_is_refused_with_a_message()
    {
        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/search?q=" + new string('教', 101)));

        html.Should().Contain("搜索内容不能超过100个字符");
        html.Should().NotContain("共找到");
    }

    private static string RowContaining(string html, string text)
    {
        var at = html.IndexOf(text, StringComparison.Ordinal);
        at.Should().BeGreaterThan(0, $"the page should show {text}");
        var start = html.LastIndexOf("<tr", at, StringComparison.Ordinal);
        var end = html.IndexOf("</tr>", at, StringComparison.Ordinal);
        return html[start..end];
    }
}
