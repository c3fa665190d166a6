using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using EduPlan.Application.Security;
using EduPlan.Core.Reporting;
using EduPlan.Web.Tests.Reporting.MyTasks;

namespace EduPlan.Web.Tests.Dashboard;

/// <summary>
/// 总览 and the read API on 2026-09-10 (2026Q2 is the latest closed quarter): the JSON agrees with the page, viewers
/// never see unapproved figures, errors are problem details, and the page's queries do not grow with the data.
/// </summary>
public sealed partial class DashboardPagesTests(ReadPagesApp app) : IClassFixture<ReadPagesApp>
{
    [Fact]
    public async Task A_viewer_is_sent_from_the_home_page_to_the_dashboard()
    {
        var client = await app.SignedInAsync("dash-home", Roles.Viewer);

        using var home = await client.GetAsync("/");

        home.StatusCode.Should().Be(HttpStatusCode.Redirect);
        home.Headers.Location!.OriginalString.Should().Be("/dashboard");
        WebTestHelpers.Decoded(await client.GetPageAsync("/dashboard")).Should().Contain("《重庆加快建设教育强市推进教育现代化规划（2024—2035年）》").And.Contain("截至2026年第二季度末");
    }

    [Fact]
    public async Task The_api_gives_the_numbers_the_page_shows()
    {
        var lead = await app.OwnAsync("chongqing", 20, "仪表单位");
        await app.AddReportAsync(lead, "仪表单位", ReadPagesApp.Q2, ReportState.Approved, new DateTime(2026, 7, 2, 9, 0, 0), percent: 2);
        var behind = await app.OwnAsync("chongqing", 21, "仪表单位");
        await app.AddReportAsync(behind, "仪表单位", ReadPagesApp.Q2, ReportState.Approved, new DateTime(2026, 7, 2, 9, 0, 0), percent: 30);
        var client = await app.SignedInAsync("dash-api", Roles.Viewer);

        var html = WebTestHelpers.Decoded(await client.GetPageAsync("/dashboard?plan=chongqing&quarter=2026Q2&light=all"));
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/plans/chongqing/dashboard?quarter=2026Q2"));
        var root = json.RootElement;

        root.GetProperty("quarter").GetString().Should().Be("2026Q2");
        root.GetProperty("basis").GetString().Should().Be("approved");
        foreach (var light in new[] { "red", "yellow", "green", "done", "grey" })
        {
            var onPage = int.Parse(Regex.Match(html, $"data-count=\"{light}\">\\s*<span class=\"light-card-number\">(\\d+)<").Groups[1].Value, CultureInfo.InvariantCulture);
            root.GetProperty("counts").GetProperty(light).GetInt32().Should().Be(onPage, $"the {light} count");
        }

        var pageLights = Regex.Matches(html, "<tr data-task=\"(\\d+)\" data-light=\"(\\w+)\">").ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m => m.Groups[2].Value);
        var apiTasks = root.GetProperty("tasks").EnumerateArray().ToList();
        apiTasks.Should().HaveCount(43);
        apiTasks.ToDictionary(t => t.GetProperty("number").GetInt32(), t => t.GetProperty("light").GetString()).Should().BeEquivalentTo(pageLights);
        var twenty = apiTasks.Single(t => t.GetProperty("number").GetInt32() == 20);
        twenty.GetProperty("percent").GetInt32().Should().Be(2);
        twenty.GetProperty("expected").GetInt32().Should().Be(14, "2026-06-30 is 546 of 4,017 days into the plan");
        twenty.GetProperty("light").GetString().Should().Be("yellow");
        twenty.GetProperty("reason").GetString().Should().Be("完成2%，序时进度14%，落后12个百分点");
        twenty.GetProperty("leadShortName").GetString().Should().Be("仪表单位");
        html.Should().Contain("完成2%，序时进度14%，落后12个百分点");
    }

    [Fact]
    public async Task Viewers_never_see_unapproved_figures_and_coordinators_may_include_submitted_ones()
    {
        var task = await app.OwnAsync("chongqing", 22, "提交单位");
        await app.AddReportAsync(task, "提交单位", ReadPagesApp.Q2, ReportState.Submitted, new DateTime(2026, 7, 2, 9, 0, 0), percent: 77);
        var viewer = await app.SignedInAsync("dash-viewer", Roles.Viewer);
        var coordinator = await app.SignedInAsync("dash-coordinator", Roles.Coordinator);

        var viewerPage = WebTestHelpers.Decoded(await viewer.GetPageAsync("/dashboard?plan=chongqing&quarter=2026Q2&light=all&basis=submitted"));
        using var forbidden = await viewer.GetAsync("/api/v1/plans/chongqing/dashboard?quarter=2026Q2&basis=submitted");
        var viewerJson = await viewer.GetStringAsync("/api/v1/plans/chongqing/dashboard?quarter=2026Q2");
        var coordinatorPage = WebTestHelpers.Decoded(await coordinator.GetPageAsync("/dashboard?plan=chongqing&quarter=2026Q2&light=all&basis=submitted"));

        ReadPagesApp.Row(viewerPage, "data-task=\"22\"").Should().NotContain("77%").And.Contain("尚待审核");
        viewerPage.Should().NotContain("含已提交未审核的报告");
        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        forbidden.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        viewerJson.Should().NotContain("\"percent\":77");
        ReadPagesApp.Row(coordinatorPage, "data-task=\"22\"").Should().Contain("77%");
        coordinatorPage.Should().Contain("含已提交未审核的报告");
    }

    [Fact]
    public async Task Errors_of_the_api_are_problem_details_and_anonymous_callers_get_401()
    {
        var client = await app.SignedInAsync("dash-errors", Roles.Viewer);
        using var anonymous = app.CreateBrowser();

        using var unknown = await client.GetAsync("/api/v1/plans/nowhere/dashboard");
        using var badQuarter = await client.GetAsync("/api/v1/plans/chongqing/dashboard?quarter=2040Q1");
        using var signedOut = await anonymous.GetAsync("/api/v1/plans/chongqing/dashboard");

        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        badQuarter.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badQuarter.Content.ReadAsStringAsync()).Should().Contain("\"quarter\"");
        signedOut.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        signedOut.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_read_api_to_signed_in_users_only()
    {
        var client = await app.SignedInAsync("dash-openapi", Roles.Viewer);
        using var anonymous = app.CreateBrowser();

        var document = await client.GetStringAsync("/openapi/v1.json");
        using var refused = await anonymous.GetAsync("/openapi/v1.json");

        using var json = JsonDocument.Parse(document);
        var operation = json.RootElement.GetProperty("paths").GetProperty("/api/v1/plans/{code}/dashboard").GetProperty("get");
        operation.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Should().Contain(["code", "quarter", "basis"]);
        document.Should().Contain("DashboardDto").And.Contain("application/problem+json");
        json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).Should().OnlyContain(p => p.StartsWith("/api/", StringComparison.Ordinal), "only the API is described, not the pages");
        refused.StatusCode.Should().NotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_dashboard_runs_a_fixed_number_of_queries_whatever_the_number_of_reports()
    {
        var client = await app.SignedInAsync("dash-queries", Roles.Viewer);
        await client.GetPageAsync("/dashboard?plan=chongqing&quarter=2026Q2");
        app.Commands.Reset();
        await client.GetPageAsync("/dashboard?plan=chongqing&quarter=2026Q2");
        var before = app.Commands.Count;

        var task = await app.OwnAsync("chongqing", 30, "多报单位", "多报单位二");
        foreach (var quarter in Quarter.Range(Quarter.First, ReadPagesApp.Q2))
        {
            await app.AddReportAsync(task, "多报单位", quarter, ReportState.Approved, quarter.EndDate.ToDateTime(new TimeOnly(10, 0)), percent: 10);
            await app.AddReportAsync(task, "多报单位二", quarter, ReportState.Approved, quarter.EndDate.ToDateTime(new TimeOnly(10, 0)), percent: 10);
        }

        app.Commands.Reset();
        await client.GetPageAsync("/dashboard?plan=chongqing&quarter=2026Q2");

        app.Commands.Count.Should().Be(before).And.BeLessThanOrEqualTo(16);
    }

    [Fact]
    public async Task The_light_palette_meets_wcag_aa_contrast()
    {
        var css = await File.ReadAllTextAsync(Path.Combine(SiteCss.Folder, "site.css"));
        string Colour(string name) => Regex.Match(css, $"--{name}:\\s*(#[0-9a-fA-F]{{6}});").Groups[1].Value;

        foreach (var light in new[] { "red", "yellow", "green", "done", "grey" })
        {
            var background = Colour($"light-{light}");
            var text = Colour($"light-{light}-text");
            var chart = Colour($"light-{light}-chart");
            SiteCss.Contrast(background, text).Should().BeGreaterThanOrEqualTo(4.5, $"{light}: text on the badge");
            SiteCss.Contrast(chart, "#ffffff").Should().BeGreaterThanOrEqualTo(3.0, $"{light}: chart colour on the page");
        }
    }
}

/// <summary>The portal's style sheet and WCAG's contrast ratio.</summary>
internal static class SiteCss
{
    public static string Folder
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "src", "EduPlan.Web")))
            {
                directory = directory.Parent;
            }

            return Path.Combine(directory!.FullName, "src", "EduPlan.Web", "wwwroot", "css");
        }
    }

    public static double Contrast(string a, string b)
    {
        static double Luminance(string hex)
        {
            double Channel(int i)
            {
                var c = Convert.ToInt32(hex.Substring(1 + (2 * i), 2), 16) / 255.0;
                return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
            }

            return (0.2126 * Channel(0)) + (0.7152 * Channel(1)) + (0.0722 * Channel(2));
        }

        var (l1, l2) = (Luminance(a), Luminance(b));
        return (Math.Max(l1, l2) + 0.05) / (Math.Min(l1, l2) + 0.05);
    }
}
