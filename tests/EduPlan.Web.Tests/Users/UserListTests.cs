using System.Net;
using System.Text.RegularExpressions;
using EduPlan.Application.Security;

namespace EduPlan.Web.Tests.Users;

public sealed partial class UserListTests : IAsyncLifetime
{
    private readonly EduPlanWebFactory factory = new();
    private HttpClient admin = null!;
    private int listDepartment;

    public async Task InitializeAsync()
    {
        listDepartment = await factory.EnsureDepartmentAsync("名单单位");
        for (var i = 1; i <= 23; i++)
        {
            await factory.CreateUserAsync($"member{i:00}", UsersTestKit.Password, [Roles.Reporter], "名单单位");
        }

        await factory.CreateUserAsync("coordinator.one", UsersTestKit.Password, [Roles.Coordinator], "统筹单位");
        await factory.ChangeUserAsync("coordinator.one", u => { u.Email = "Tongchou@Example.gov.cn"; u.NormalizedEmail = u.Email.ToUpperInvariant(); u.PhoneNumber = "023-55556666"; u.DisplayName = "钱统筹"; });
        await factory.CreateUserAsync("gone.user", UsersTestKit.Password, [Roles.Viewer]);
        await factory.ChangeUserAsync("gone.user", u => u.IsDisabled = true);
        await factory.CreateUserAsync("locked.user", UsersTestKit.Password, [Roles.Viewer]);
        await factory.ChangeUserAsync("locked.user", u => u.LockoutEnd = DateTimeOffset.UtcNow.AddHours(1));
        admin = factory.CreateBrowser();
        await admin.SignInAsAdminAsync();
    }

    public Task DisposeAsync()
    {
        admin.Dispose();
        factory.Dispose();
        return Task.CompletedTask;
    }

    private async Task<(int Total, List<string> Names, string Html)> ListAsync(string query)
    {
        var html = WebTestHelpers.Decoded(await admin.GetPageAsync("/admin/users" + query));
        var total = int.Parse(Count().Match(html).Groups[1].Value);
        var names = Row().Matches(html).Select(m => m.Groups[1].Value).ToList();
        return (total, names, html);
    }

    [Fact]
    public async Task A_department_filter_pages_its_users_twenty_at_a_time()
    {
        var first = await ListAsync($"?department={listDepartment}");
        var second = await ListAsync($"?department={listDepartment}&page=2");

        first.Total.Should().Be(23);
        first.Names.Should().HaveCount(20).And.StartWith("member01").And.EndWith("member20");
        first.Html.Should().Contain("第 1 / 2 页").And.Contain($"href=\"/admin/users?department={listDepartment}&amp;page=2\"".Replace("&amp;", "&"));
        second.Names.Should().Equal("member21", "member22", "member23");
        second.Html.Should().Contain("第 2 / 2 页");
        // The department and the role in the user's own row, not in the filter's drop-downs (which list every one).
        RowOf(first.Html, "member01").Should().MatchRegex("<td title=\"测试单位名单单位\">名单单位</td>\\s*<td>填报员</td>");
    }

    [Theory]
    [InlineData("?q=COORDINATOR.O", "coordinator.one")]
    [InlineData("?q=钱统筹", "coordinator.one")]
    [InlineData("?q=tongchou@example", "coordinator.one")]
    [InlineData("?q=5555", "coordinator.one")]
    [InlineData("?role=Coordinator", "coordinator.one")]
    [InlineData("?status=Disabled", "gone.user")]
    [InlineData("?status=LockedOut", "locked.user")]
    [InlineData("?q=member0&role=Reporter&status=Active", "member01,member02,member03,member04,member05,member06,member07,member08,member09")]
    [InlineData("?q=member&role=Viewer", "")]
    public async Task Search_and_filters_find_the_right_users(string query, string expected)
    {
        var result = await ListAsync(query);

        result.Names.Should().Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries));
        result.Total.Should().Be(result.Names.Count);
    }

    [Fact]
    public async Task The_list_shows_status_and_roles_in_Chinese_and_the_filters_stay_selected()
    {
        var result = await ListAsync("?status=Disabled&role=Viewer");

        RowOf(result.Html, "gone.user").Should().MatchRegex("<span class=\"badge [^\"]+\">已停用</span>").And.Contain("<td>领导查看</td>");
        result.Html.Should().MatchRegex("<option value=\"Disabled\" selected=\"selected\">已停用</option>");
        result.Html.Should().MatchRegex("<option value=\"Viewer\" selected=\"selected\">领导查看</option>");
        RowOf((await ListAsync("?status=LockedOut")).Html, "locked.user").Should().MatchRegex("<span class=\"badge [^\"]+\">已锁定</span>");
        RowOf((await ListAsync("?q=member01")).Html, "member01").Should().NotContain("已停用").And.NotContain("已锁定");
    }

    [Fact]
    public async Task A_nonsense_filter_shows_the_whole_list_instead_of_an_error()
    {
        var response = await admin.GetAsync("/admin/users?status=Sleeping&department=abc&page=-3");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var total = int.Parse(Count().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value);
        total.Should().Be(23 + 5, "23 members, the coordinator, the disabled and locked users, admin and secadmin");
    }

    /// <summary>The table row of one user, from its opening tag to its end.</summary>
    private static string RowOf(string html, string userName)
    {
        var start = html.IndexOf($"<tr class=\"user-row\" data-user-name=\"{userName}\"", StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"{userName} should be listed");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("共 (\\d+) 位用户")]
    private static partial Regex Count();

    [GeneratedRegex("<tr class=\"user-row\" data-user-name=\"([^\"]+)\"")]
    private static partial Regex Row();
}
