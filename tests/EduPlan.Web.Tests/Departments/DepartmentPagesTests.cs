using System.Net;
using System.Text.Json;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Web.Tests.Ownership;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Departments;

public sealed class DepartmentPagesTests : IClassFixture<EduPlanWebFactory>
{
    private readonly EduPlanWebFactory _factory;

    public DepartmentPagesTests(EduPlanWebFactory factory) => _factory = factory;

    private static Dictionary<string, string> Fields(string name, string shortName, string kind = "MunicipalDepartment") => new()
    {
        ["Name"] = name,
        ["ShortName"] = shortName,
        ["Kind"] = kind,
        ["ParentId"] = "",
    };

    private Task<Core.Organisation.Department> StoredAsync(string shortName) =>
        _factory.WithDbAsync(db => db.Departments.AsNoTracking().SingleAsync(d => d.ShortName == shortName));

    [Fact]
    public async Task An_administrator_adds_a_department_and_finds_it_in_the_list()
    {
        var admin = await _factory.AdminAsync();

        var response = await admin.PostFormAsync("/admin/departments/new", "/admin/departments/new", Fields("重庆市教育委员会", "市教委"));
        var list = WebTestHelpers.Decoded(await admin.FollowAsync(response));

        list.Should().Contain("已添加单位“重庆市教育委员会”。");
        var stored = await StoredAsync("市教委");
        var row = OwnershipTestKit.Row(list, $"department-{stored.Id}");
        row.Should().Contain("重庆市教育委员会").And.Contain("市级部门").And.Contain("启用");
        var entry = (await _factory.AuditAsync(AuditActions.DepartmentCreated)).Should().ContainSingle(e => e.TargetName == "重庆市教育委员会").Subject;
        entry.ActorName.Should().Be(WebTestHelpers.AdminUserName);
        entry.ActorId.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_refused_name_is_shown_next_to_its_field_and_the_input_is_kept()
    {
        var admin = await _factory.AdminAsync();
        await _factory.EnsureDepartmentAsync("重名测试");

        var response = await admin.PostFormAsync("/admin/departments/new", "/admin/departments/new", Fields("一个新单位", "重名测试", "District"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        OwnershipTestKit.FieldMessage(html, "ShortName").Should().Be("简称“重名测试”已被单位“测试单位重名测试”使用。");
        OwnershipTestKit.FieldMessage(html, "Name").Should().BeEmpty();
        OwnershipTestKit.InputValue(html, "Name").Should().Be("一个新单位");
        html.Should().MatchRegex("<option selected=\"selected\" value=\"District\">|<option value=\"District\" selected=\"selected\">");
        (await _factory.WithDbAsync(db => db.Departments.AnyAsync(d => d.Name == "一个新单位"))).Should().BeFalse();
    }

    [Fact]
    public async Task Posting_fields_the_create_form_does_not_offer_changes_nothing()
    {
        var admin = await _factory.AdminAsync();
        var fields = Fields("越权测试单位", "越权测试");
        fields["IsActive"] = "false";
        fields["Version"] = "41";
        fields["Id"] = "1";

        var response = await admin.PostFormAsync("/admin/departments/new", "/admin/departments/new", fields);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var stored = await StoredAsync("越权测试");
        stored.IsActive.Should().BeTrue("a new department is active whatever is posted");
        stored.Version.Should().Be(0);
    }

    [Fact]
    public async Task An_id_posted_with_the_edit_form_cannot_redirect_the_change_to_another_department()
    {
        var admin = await _factory.AdminAsync();
        var target = await _factory.EnsureDepartmentAsync("改名目标");
        var bystander = await _factory.EnsureDepartmentAsync("旁观单位");
        var fields = Fields("改名目标（新）", "改名目标");
        fields["Version"] = "0";
        fields["IsActive"] = "true";
        fields["id"] = bystander.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var response = await admin.PostFormAsync($"/admin/departments/{target}/edit", $"/admin/departments/{target}/edit", fields);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await StoredAsync("改名目标")).Name.Should().Be("改名目标（新）");
        (await StoredAsync("旁观单位")).Name.Should().Be("测试单位旁观单位");
    }

    [Fact]
    public async Task Of_two_edits_from_the_same_form_the_second_is_refused_shows_the_current_name_and_keeps_its_input()
    {
        var admin = await _factory.AdminAsync();
        var id = await _factory.EnsureDepartmentAsync("并发单位");
        var form = await admin.GetPageAsync($"/admin/departments/{id}/edit");
        var version = OwnershipTestKit.InputValue(form, "Version");

        var first = Fields("并发单位（第一人）", "并发单位");
        first["Version"] = version;
        first["IsActive"] = "true";
        var second = Fields("并发单位（第二人）", "并发单位二");
        second["Version"] = version;
        second["IsActive"] = "true";
        var firstResponse = await admin.PostFormAsync($"/admin/departments/{id}/edit", $"/admin/departments/{id}/edit", first);
        var secondResponse = await admin.PostFormAsync($"/admin/departments/{id}/edit", $"/admin/departments/{id}/edit", second);

        firstResponse.StatusCode.Should().Be(HttpStatusCode.Redirect);
        secondResponse.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var html = WebTestHelpers.Decoded(await secondResponse.Content.ReadAsStringAsync());
        html.Should().Contain("其他人已修改了该单位").And.Contain("单位名称：并发单位（第一人）");
        html.Should().Contain("value=\"并发单位（第二人）\"", "the second person's input is kept");
        OwnershipTestKit.InputValue(html, "Version").Should().Be((int.Parse(version, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var stored = await _factory.WithDbAsync(db => db.Departments.AsNoTracking().SingleAsync(d => d.Id == id));
        (stored.Name, stored.ShortName).Should().Be(("并发单位（第一人）", "并发单位"));
    }

    [Fact]
    public async Task Deleting_a_department_with_users_and_tasks_is_refused_with_the_reason_and_deletes_nothing()
    {
        var admin = await _factory.AdminAsync();
        await _factory.CreateUserAsync("dept-user", OwnershipTestKit.Password, [Roles.Reporter], "在用单位");
        var id = await _factory.EnsureDepartmentAsync("在用单位");
        await _factory.WithDbAsync(db => db.Tasks.Where(t => t.Plan!.Code == "national" && (t.Number == 30 || t.Number == 31))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LeadDepartmentId, id)));

        var page = WebTestHelpers.Decoded(await admin.GetPageAsync($"/admin/departments/{id}/delete"));
        var response = await admin.PostUnofferedAsync($"/admin/departments/{id}/edit", $"/admin/departments/{id}/delete", new Dictionary<string, string>
        {
            ["version"] = "0",
        });

        page.Should().Contain("该单位仍有1名用户、牵头2项任务，不能删除；可将其停用。");
        page.Should().NotContain($"action=\"/admin/departments/{id}/delete\"", "no delete button is offered for a department in use");
        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync()).Should().Contain("该单位仍有1名用户、牵头2项任务，不能删除；可将其停用。");
        (await _factory.WithDbAsync(db => db.Departments.AnyAsync(d => d.Id == id))).Should().BeTrue();
    }

    [Fact]
    public async Task An_unused_department_is_deleted_after_confirmation_and_the_audit_keeps_what_it_was()
    {
        var admin = await _factory.AdminAsync();
        var id = await _factory.EnsureDepartmentAsync("待删单位");

        var response = await admin.PostFormAsync($"/admin/departments/{id}/delete", $"/admin/departments/{id}/delete", new Dictionary<string, string> { ["version"] = "0" });

        WebTestHelpers.Decoded(await admin.FollowAsync(response)).Should().Contain("已删除单位。");
        (await _factory.WithDbAsync(db => db.Departments.AnyAsync(d => d.Id == id))).Should().BeFalse();
        var entry = (await _factory.AuditAsync(AuditActions.DepartmentDeleted)).Should().ContainSingle(e => e.TargetName == "测试单位待删单位").Subject;
        JsonDocument.Parse(entry.Details!).RootElement.GetProperty("before").GetProperty("shortName").GetString().Should().Be("待删单位");
    }

    [Fact]
    public async Task Deactivating_and_reactivating_from_the_list_is_audited_with_before_and_after()
    {
        var admin = await _factory.AdminAsync();
        var id = await _factory.EnsureDepartmentAsync("停用单位");

        var deactivated = await admin.PostFormAsync("/admin/departments", $"/admin/departments/{id}/deactivate", new Dictionary<string, string> { ["version"] = "0" });
        var list = WebTestHelpers.Decoded(await admin.FollowAsync(deactivated));
        var reactivated = await admin.PostFormAsync("/admin/departments", $"/admin/departments/{id}/reactivate", new Dictionary<string, string> { ["version"] = "1" });
        await admin.FollowAsync(reactivated);

        list.Should().Contain("已停用单位“测试单位停用单位”。");
        OwnershipTestKit.Row(list, $"department-{id}").Should().Contain("已停用").And.Contain("重新启用");
        (await StoredAsync("停用单位")).IsActive.Should().BeTrue();
        var entries = (await _factory.AuditAsync(AuditActions.DepartmentUpdated)).Where(e => e.TargetName == "测试单位停用单位").ToList();
        entries.Select(e => JsonDocument.Parse(e.Details!).RootElement.GetProperty("after").GetProperty("isActive").GetBoolean()).Should().Equal(false, true);
    }

    [Theory]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Reporter)]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Auditor)]
    public async Task Only_administrators_may_open_the_department_pages(string role)
    {
        var client = await _factory.SignedInAsync("dept-" + role.ToLowerInvariant(), [role]);
        var id = await _factory.EnsureDepartmentAsync("权限单位");

        (await client.IsForbiddenAsync("/admin/departments")).Should().BeTrue();
        (await client.IsForbiddenAsync("/admin/departments/new")).Should().BeTrue();
        (await client.IsForbiddenAsync($"/admin/departments/{id}/edit")).Should().BeTrue();
        var token = await client.GetAntiforgeryTokenAsync("/plans");
        (await client.IsForbiddenAsync(new HttpRequestMessage(HttpMethod.Post, $"/admin/departments/{id}/delete")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["version"] = "0", ["__RequestVerificationToken"] = token }),
        })).Should().BeTrue();
        (await _factory.WithDbAsync(db => db.Departments.AnyAsync(d => d.Id == id))).Should().BeTrue();
    }
}
