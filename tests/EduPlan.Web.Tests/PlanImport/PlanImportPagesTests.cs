using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Tests.Shared;
using EduPlan.Web.Tests.Ownership;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.PlanImport;

/// <summary>/admin/plans/import: upload, preview, correct, confirm; each draft its uploader's alone.</summary>
public sealed partial class PlanImportPagesTests(EduPlanWebFactory factory) : IClassFixture<EduPlanWebFactory>
{
    private const string District = "district-draft-title-two-lines";

    [Fact]
    public async Task A_Word_plan_is_previewed_with_each_indicator_beside_its_sentence_and_nothing_is_written()
    {
        var admin = await factory.AdminAsync();
        var plansBefore = await factory.WithDbAsync(db => db.Plans.CountAsync());

        var (response, preview) = await UploadAsync(admin, PlanDocx.FromText(PlanFixtures.Text(District)), "区规划.docx");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        preview.Should().Contain("导入预览：区规划.docx").And.Contain("《重庆市某某区教育事业发展“十五五”规划》").And.Contain("征求意见稿");
        preview.Should().Contain("教育集团覆盖率").And.Contain("<q class=\"source-quote\">教育集团覆盖率达到80%</q>");
        preview.Should().Contain("新规划，将以代码 plan-");
        (await factory.WithDbAsync(db => db.Plans.CountAsync())).Should().Be(plansBefore);
    }

    [Fact]
    public async Task Correcting_an_indicator_and_confirming_imports_the_plan_under_its_parent_and_shows_it_on_the_home_page()
    {
        var admin = await factory.AdminAsync();
        var (_, page) = await UploadAsync(admin, PlanDocx.FromText(PlanFixtures.Text(District)), "district.docx");
        var url = PreviewUrl(page);

        var settings = await PostAsync(admin, url, "/plan", page, new()
        {
            ["PlanTitle"] = "重庆市某某区教育事业发展“十五五”规划",
            ["Title"] = "重庆市某某区教育事业发展“十五五”规划",
            ["Code"] = "district-2030",
            ["ParentCode"] = "chongqing",
            ["StartYear"] = "2026",
            ["EndYear"] = "2030",
        });
        settings.StatusCode.Should().Be(HttpStatusCode.Redirect);
        page = WebTestHelpers.Decoded(await admin.GetPageAsync(url));
        var edit = await PostAsync(admin, url, "/corrections", page, new()
        {
            ["PlanTitle"] = "重庆市某某区教育事业发展“十五五”规划",
            ["Kind"] = "editIndicator",
            ["Key"] = "教育集团覆盖率@standing",
            ["Source"] = "教育集团覆盖率达到80%",
            ["Name"] = "教育集团覆盖率",
            ["Comparator"] = "AtLeast",
            ["Target"] = "85",
            ["Unit"] = "%",
            ["Year"] = "2030",
        });
        edit.StatusCode.Should().Be(HttpStatusCode.Redirect);
        page = WebTestHelpers.Decoded(await admin.GetPageAsync(url));
        page.Should().Contain("指标 教育集团覆盖率@standing 改为 教育集团覆盖率 85%");

        var confirm = await PostAsync(admin, url, "/confirm", page, []);

        confirm.Headers.Location!.OriginalString.Should().Be("/");
        var home = WebTestHelpers.Decoded(await admin.GetPageAsync("/"));
        home.Should().Contain("已导入《重庆市某某区教育事业发展“十五五”规划》").And.Contain("/plans/district-2030");
        var indicator = await factory.WithDbAsync(db => db.Indicators.SingleAsync(i => i.Plan!.Code == "district-2030" && i.Name == "教育集团覆盖率"));
        indicator.Should().Match<EduPlan.Core.Plans.Indicator>(i => i.Target == 85m && i.Year == 2030 && i.Key == "教育集团覆盖率@2030");
        (await factory.WithDbAsync(db => db.Plans.Where(p => p.Code == "district-2030").Select(p => p.Parent!.Code).SingleAsync())).Should().Be("chongqing");
        (await factory.AuditAsync(AuditActions.PlansImported)).Should().Contain(e => e.Details!.Contains("district-2030"));
    }

    [Fact]
    public async Task A_wrong_target_is_shown_with_the_reason_and_what_was_typed()
    {
        var admin = await factory.AdminAsync();
        var (_, page) = await UploadAsync(admin, PlanDocx.FromText(PlanFixtures.Text(District)), "typo.docx");

        var response = await PostAsync(admin, PreviewUrl(page), "/corrections", page, new()
        {
            ["PlanTitle"] = "重庆市某某区教育事业发展“十五五”规划",
            ["Kind"] = "addIndicator",
            ["Sentence"] = "新建中小学校12所。",
            ["TaskNumber"] = "2",
            ["Name"] = "新建中小学校",
            ["Comparator"] = "Equal",
            ["Target"] = "十二",
            ["Unit"] = "所",
        });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync());
        html.Should().Contain("目标值“十二”不是数字。");
        OwnershipTestKit.InputValue(html, "Target").Should().Be("十二");
        OwnershipTestKit.InputValue(html, "Name").Should().Be("新建中小学校");
    }

    [Fact]
    public async Task A_file_that_cannot_be_understood_is_refused_listing_its_title_like_lines_and_keeps_nothing()
    {
        var admin = await factory.AdminAsync();

        var (response, html) = await UploadAsync(admin, PlanFixtures.Bytes("refused-announcement-only"), "通知.txt");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        html.Should().Contain("无法读懂“通知.txt”").And.Contain("未找到可识别的规划")
            .And.Contain("某市教育事业发展规划").And.Contain("其后没有任何章节");
        (await factory.WithDbAsync(db => db.PlanImportDrafts.CountAsync(d => d.SourceName == "通知.txt"))).Should().Be(0);
    }

    [Fact]
    public async Task Another_administrator_cannot_see_or_confirm_a_draft_and_the_refusal_is_audited()
    {
        var admin = await factory.AdminAsync();
        var (_, page) = await UploadAsync(admin, PlanDocx.FromText(PlanFixtures.Text("school-three-year-plan")), "school.docx");
        var url = PreviewUrl(page);
        await factory.CreateUserAsync("admin2", "Second-Admin-2030", [Roles.Administrator]);
        var other = factory.CreateBrowser();
        await other.SignInAsync("admin2", "Second-Admin-2030");

        var view = await other.GetAsync(url);
        var confirm = await other.PostUnofferedAsync("/admin/plans/import", url + "/confirm", new Dictionary<string, string> { ["version"] = "0" });

        view.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await view.Content.ReadAsStringAsync()).Should().Contain("只有上传者本人可以预览、修改、确认或放弃它");
        confirm.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await factory.AuditAsync(AuditActions.AccessDenied)).Should().Contain(e => e.ActorName == "admin2" && e.TargetName!.Contains("/admin/plans/import/"));
        (await factory.WithDbAsync(db => db.PlanImportDrafts.CountAsync(d => d.SourceName == "school.docx"))).Should().Be(1);
    }

    [Fact]
    public async Task The_preview_in_English_shows_no_Chinese_outside_the_plan_s_own_text()
    {
        var admin = await factory.AdminAsync();
        await admin.PostUnofferedAsync("/", "/language", new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/" });
        var (_, page) = await UploadAsync(admin, PlanDocx.FromText(PlanFixtures.Text(District)), "en.docx");

        page.Should().Contain("Import preview: en.docx").And.Contain("Confirm import").And.Contain("A new plan, to be imported with the code");
        // Labels, headings, summaries and the buttons that are not sentences of the plan (those are data).
        var labels = Regex.Matches(page, "<(?:label|summary|th|h3 class=\"h6\")[^>]*>([^<]*)<|<button type=\"submit\" class=\"btn btn-(?:sm btn-)?(?:primary|outline-[a-z]+|link btn-sm p-0 align-baseline)[^\"]*\"[^>]*>([^<]*)<")
            .Select(m => m.Groups[1].Value + m.Groups[2].Value)
            .Where(l => l != "中文");
        labels.Should().NotContain(l => CjkRun().IsMatch(l));
    }

    private static async Task<(HttpResponseMessage Response, string Html)> UploadAsync(HttpClient client, byte[] content, string fileName)
    {
        var token = await client.GetAntiforgeryTokenAsync("/admin/plans/import");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        var response = await client.PostAsync("/admin/plans/import", form);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            return (response, WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync()));
        }

        var preview = await client.GetAsync(response.Headers.Location!.OriginalString);
        return (preview, WebTestHelpers.Decoded(await preview.Content.ReadAsStringAsync()));
    }

    /// <summary>The preview's own address, read from the action of its confirm form.</summary>
    private static string PreviewUrl(string page) =>
        Regex.Match(page, "action=\"(?<url>/admin/plans/import/[0-9]+)/confirm\"").Groups["url"].Value;

    /// <summary>Posts one of the preview's forms with its own token and the draft's current version.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string action, string page, Dictionary<string, string> fields)
    {
        var token = WebTestHelpers.ReadFormToken(page, url, url + action);
        var version = Regex.Match(page, "name=\"(?:Version|version)\" value=\"(?<v>[0-9]+)\"").Groups["v"].Value;
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token, ["Version"] = version };
        return await client.PostAsync(url + action, new FormUrlEncodedContent(body));
    }

    [GeneratedRegex(@"[\u4e00-\u9fff]")]
    private static partial Regex CjkRun();
}
