using System.Net;
using System.Text.Json;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Ownership;

public sealed class OwnershipPagesTests : IClassFixture<EduPlanWebFactory>
{
    private readonly EduPlanWebFactory _factory;

    public OwnershipPagesTests(EduPlanWebFactory factory) => _factory = factory;

    /// <summary>A form post with repeated CoDepartmentIds fields, as the checkboxes send them.</summary>
    private static async Task<HttpResponseMessage> PostOwnersAsync(HttpClient client, string plan, int number, int? lead, int version, int[] co, params (string Key, string Value)[] extra)
    {
        var path = $"/ownership/{plan}/tasks/{number}";
        var token = await client.GetAntiforgeryTokenAsync(path);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", token),
            new("LeadDepartmentId", lead?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""),
            new("OwnershipVersion", version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        fields.AddRange(co.Select(id => new KeyValuePair<string, string>("CoDepartmentIds", id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        fields.AddRange(extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)));
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    private Task<(int? Lead, List<int> Co, int Version, string Title)> StoredAsync(string plan, int number) =>
        _factory.WithDbAsync(async db =>
        {
            var task = await db.Tasks.AsNoTracking().Include(t => t.CoDepartments).SingleAsync(t => t.Plan!.Code == plan && t.Number == number);
            return (task.LeadDepartmentId, task.CoDepartments.Select(c => c.DepartmentId).Order().ToList(), task.OwnershipVersion, task.Title);
        });

    [Fact]
    public async Task An_administrator_reaches_Chongqing_task_9_from_the_navigation_and_sets_its_owners()
    {
        var education = await _factory.EnsureDepartmentAsync("市教委");
        var finance = await _factory.EnsureDepartmentAsync("市财政局");
        var admin = await _factory.AdminAsync();

        var home = await admin.GetPageAsync("/");
        home.Should().Contain("href=\"/ownership\"", "the navigation offers 任务分工");
        var plans = WebTestHelpers.Decoded(await admin.GetPageAsync("/ownership"));
        plans.Should().Contain("href=\"/ownership/chongqing\"").And.Contain("共 43 项重点任务");
        plans.Should().Contain("<title>任务分工 - ", "the page title names the page, not only the portal");
        var plan = WebTestHelpers.Decoded(await admin.GetPageAsync("/ownership/chongqing"));
        var row = OwnershipTestKit.Row(plan, "task-9");
        row.Should().Contain("（九）推进学前教育优质普惠发展").And.Contain("未指定").And.Contain("href=\"/ownership/chongqing/tasks/9\"");
        plan.Should().Contain("四、促进基础教育公平优质，满足人民群众高品质教育需求", "rows are grouped under their section");
        var form = WebTestHelpers.Decoded(await admin.GetPageAsync("/ownership/chongqing/tasks/9"));
        form.Should().Contain("测试单位市教委（市教委）");

        var saved = await PostOwnersAsync(admin, "chongqing", 9, education, 0, [finance]);

        saved.Headers.Location!.OriginalString.Should().Be("/ownership/chongqing#task-9");
        var after = WebTestHelpers.Decoded(await admin.GetPageAsync("/ownership/chongqing"));
        after.Should().Contain("已保存（九）推进学前教育优质普惠发展的分工。");
        OwnershipTestKit.Row(after, "task-9").Should().Contain(">市教委<").And.Contain(">市财政局<");
        var stored = await StoredAsync("chongqing", 9);
        (stored.Lead, stored.Version).Should().Be((education, 1));
        stored.Co.Should().Equal(finance);

        var taskPage = WebTestHelpers.Decoded(await admin.GetPageAsync("/plans/chongqing/tasks/9"));
        taskPage.Should().Contain("牵头单位").And.Contain("测试单位市教委").And.Contain("参与单位").And.Contain("测试单位市财政局");
        taskPage.Should().Contain("href=\"/ownership/chongqing/tasks/9\"", "an administrator can go straight to the ownership form");
        var planPage = WebTestHelpers.Decoded(await admin.GetPageAsync("/plans/chongqing"));
        planPage.Should().Contain("牵头：市教委");
    }

    [Fact]
    public async Task The_unassigned_filter_lists_only_tasks_without_a_lead()
    {
        var education = await _factory.EnsureDepartmentAsync("市教委");
        await _factory.WithDbAsync(db => db.Tasks.Where(t => t.Plan!.Code == "national" && t.Number == 2)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LeadDepartmentId, education)));
        var admin = await _factory.AdminAsync();

        var html = await admin.GetPageAsync("/ownership/national?filter=unassigned");

        html.Should().NotContain("id=\"task-2\"");
        html.Should().Contain("id=\"task-3\"");
        WebTestHelpers.Decoded(html).Should().MatchRegex(@"未指定牵头单位（3[0-7]）");
    }

    [Fact]
    public async Task A_coordinator_may_set_owners_but_is_refused_the_department_pages()
    {
        var science = await _factory.EnsureDepartmentAsync("市科技局");
        var coordinator = await _factory.SignedInAsync("coordinator1", [Roles.Coordinator]);

        var response = await PostOwnersAsync(coordinator, "chongqing", 20, science, 0, []);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await StoredAsync("chongqing", 20)).Lead.Should().Be(science);
        (await coordinator.IsForbiddenAsync("/admin/departments")).Should().BeTrue();
        var entry = (await _factory.AuditAsync(AuditActions.OwnershipChanged)).Should().ContainSingle(e => e.TargetName == "chongqing#20").Subject;
        entry.ActorName.Should().Be("coordinator1");
        var details = JsonDocument.Parse(entry.Details!).RootElement;
        details.GetProperty("before").GetProperty("lead").ValueKind.Should().Be(JsonValueKind.Null);
        details.GetProperty("after").GetProperty("lead").GetString().Should().Be("测试单位市科技局");
    }

    [Theory]
    [InlineData(Roles.Reporter)]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Auditor)]
    public async Task Reporters_viewers_and_auditors_are_refused_every_ownership_page(string role)
    {
        var education = await _factory.EnsureDepartmentAsync("市教委");
        var client = await _factory.SignedInAsync("own-" + role.ToLowerInvariant(), [role], "市教委");

        foreach (var path in new[] { "/ownership", "/ownership/chongqing", "/ownership/chongqing/tasks/21", "/ownership/import", "/ownership/template.csv" })
        {
            (await client.IsForbiddenAsync(path)).Should().BeTrue(path);
        }

        var token = await client.GetAntiforgeryTokenAsync("/plans");
        var post = new HttpRequestMessage(HttpMethod.Post, "/ownership/chongqing/tasks/21")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["LeadDepartmentId"] = education.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["OwnershipVersion"] = "0",
            }),
        };
        (await client.IsForbiddenAsync(post)).Should().BeTrue();
        (await StoredAsync("chongqing", 21)).Lead.Should().BeNull();
    }

    [Fact]
    public async Task Posting_fields_the_form_does_not_offer_changes_nothing_but_the_owners()
    {
        var education = await _factory.EnsureDepartmentAsync("市教委");
        var admin = await _factory.AdminAsync();
        var before22 = await StoredAsync("chongqing", 22);
        var before23 = await StoredAsync("chongqing", 23);

        var response = await PostOwnersAsync(admin, "chongqing", 22, education, 0, [],
            ("Title", "被改掉的标题"), ("Task.Title", "被改掉的标题"), ("Task.TaskId", "1"), ("Number", "23"), ("PlanCode", "national"), ("Current.OwnershipVersion", "9"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var after22 = await StoredAsync("chongqing", 22);
        after22.Title.Should().Be(before22.Title);
        (after22.Lead, after22.Version).Should().Be((education, 1));
        var after23 = await StoredAsync("chongqing", 23);
        (after23.Lead, after23.Version, after23.Title).Should().Be((before23.Lead, before23.Version, before23.Title));
        after23.Co.Should().Equal(before23.Co);
        (await _factory.WithDbAsync(db => db.Tasks.CountAsync(t => t.Title == "被改掉的标题"))).Should().Be(0);
    }

    [Fact]
    public async Task Of_two_edits_from_the_same_form_the_second_is_refused_shows_the_current_owners_and_keeps_its_choice()
    {
        var education = await _factory.EnsureDepartmentAsync("市教委");
        var finance = await _factory.EnsureDepartmentAsync("市财政局");
        var admin = await _factory.AdminAsync();

        var first = await PostOwnersAsync(admin, "chongqing", 24, education, 0, []);
        var second = await PostOwnersAsync(admin, "chongqing", 24, finance, 0, [education]);

        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var html = WebTestHelpers.Decoded(await second.Content.ReadAsStringAsync());
        html.Should().Contain("其他人已修改了该任务的分工").And.Contain("牵头单位：测试单位市教委");
        html.Should().MatchRegex($"<option (selected=\"selected\" )?value=\"{finance}\"( selected=\"selected\")?>", "the second person's lead choice is kept");
        html.Should().MatchRegex($"value=\"{education}\" id=\"co-{education}\" checked=\"checked\"", "and so are their co-departments");
        OwnershipTestKit.InputValue(html, "OwnershipVersion").Should().Be("1");
        var stored = await StoredAsync("chongqing", 24);
        stored.Lead.Should().Be(education);
        stored.Co.Should().BeEmpty();
    }

    [Fact]
    public async Task A_lead_chosen_again_as_co_department_is_refused_next_to_the_field_with_the_input_kept()
    {
        var education = await _factory.EnsureDepartmentAsync("市教委");
        var admin = await _factory.AdminAsync();

        var response = await PostOwnersAsync(admin, "chongqing", 25, education, 0, [education]);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        OwnershipTestKit.FieldMessage(html, "CoDepartmentIds").Should().Be("“测试单位市教委”已是牵头单位，不能同时作为参与单位。");
        html.Should().MatchRegex($"value=\"{education}\" id=\"co-{education}\" checked=\"checked\"");
        (await StoredAsync("chongqing", 25)).Lead.Should().BeNull();
    }

    [Fact]
    public async Task The_first_quarter_of_a_change_is_optional_a_closed_one_is_refused_and_a_later_one_is_kept()
    {
        var education = await _factory.EnsureDepartmentAsync("市教委");
        var admin = await _factory.AdminAsync();
        var form = WebTestHelpers.Decoded(await admin.GetPageAsync("/ownership/chongqing/tasks/26"));
        form.Should().Contain("name=\"From\"").And.Contain("留空则从当前开放的季度");

        var closed = await PostOwnersAsync(admin, "chongqing", 26, education, 0, [], ("From", "2025Q1"));
        closed.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = await closed.Content.ReadAsStringAsync();
        OwnershipTestKit.FieldMessage(html, "From").Should().StartWith("2025年第一季度已截止，不能改动该季度的任务分工");
        OwnershipTestKit.InputValue(html, "From").Should().Be("2025Q1");
        (await StoredAsync("chongqing", 26)).Lead.Should().BeNull();

        var typo = await PostOwnersAsync(admin, "chongqing", 26, education, 0, [], ("From", "三季度"));
        typo.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        OwnershipTestKit.FieldMessage(await typo.Content.ReadAsStringAsync(), "From").Should().Be("“三季度”不是季度，请写成2026Q3");

        (await PostOwnersAsync(admin, "chongqing", 26, education, 0, [], ("From", "2035Q4"))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await _factory.WithDbAsync(db => db.Tasks.Where(t => t.Plan!.Code == "chongqing" && t.Number == 26).Select(t => t.LeadFromQuarter).SingleAsync()))
            .Should().Be(20354);
    }

    [Fact]
    public async Task A_reporter_sees_on_the_task_page_whether_their_department_leads_or_joins_it()
    {
        var lead = await _factory.EnsureDepartmentAsync("牵头局");
        var co = await _factory.EnsureDepartmentAsync("参与局");
        await _factory.EnsureDepartmentAsync("无关局");
        await _factory.WithDbAsync(async db =>
        {
            var task = await db.Tasks.Include(t => t.CoDepartments).SingleAsync(t => t.Plan!.Code == "chongqing" && t.Number == 30);
            task.LeadDepartmentId = lead;
            task.CoDepartments.Add(new Core.Organisation.TaskCoDepartment { DepartmentId = co });
            return await db.SaveChangesAsync();
        });
        var leadReporter = await _factory.SignedInAsync("rep-lead", [Roles.Reporter], "牵头局");
        var coReporter = await _factory.SignedInAsync("rep-co", [Roles.Reporter], "参与局");
        var otherReporter = await _factory.SignedInAsync("rep-other", [Roles.Reporter], "无关局");
        var viewer = await _factory.SignedInAsync("viewer-lead", [Roles.Viewer], "牵头局");

        var leadPage = WebTestHelpers.Decoded(await leadReporter.GetPageAsync("/plans/chongqing/tasks/30"));
        var coPage = WebTestHelpers.Decoded(await coReporter.GetPageAsync("/plans/chongqing/tasks/30"));
        var otherPage = WebTestHelpers.Decoded(await otherReporter.GetPageAsync("/plans/chongqing/tasks/30"));
        var viewerPage = WebTestHelpers.Decoded(await viewer.GetPageAsync("/plans/chongqing/tasks/30"));

        leadPage.Should().Contain("本单位为该任务的牵头单位。").And.NotContain("本单位为该任务的参与单位。");
        coPage.Should().Contain("本单位为该任务的参与单位。").And.NotContain("本单位为该任务的牵头单位。");
        otherPage.Should().NotContain("本单位为该任务");
        viewerPage.Should().NotContain("本单位为该任务", "only reporters report on tasks");
        viewerPage.Should().Contain("测试单位牵头局").And.Contain("测试单位参与局");
        viewerPage.Should().NotContain("/ownership/chongqing/tasks/30", "a viewer cannot change owners, so no link is offered");
    }
}
