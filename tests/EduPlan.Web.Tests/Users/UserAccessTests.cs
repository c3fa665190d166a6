using System.Net;
using EduPlan.Application.Security;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Users;

/// <summary>Only administrators reach /admin/users and /admin/settings; everyone else is refused and changes nothing.</summary>
public sealed class UserAccessTests(EduPlanWebFactory factory) : IClassFixture<EduPlanWebFactory>
{
    private static readonly string[] GetPaths = ["/admin/users", "/admin/users?q=a&status=Disabled", "/admin/users/new", "/admin/users/{id}/edit", "/admin/settings"];

    private static readonly string[] PostPaths =
    [
        "/admin/users/new", "/admin/users/{id}/edit", "/admin/users/{id}/disable", "/admin/users/{id}/enable",
        "/admin/users/{id}/unlock", "/admin/users/{id}/reset-password",
    ];

    [Theory]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Reporter)]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Auditor)]
    public async Task Every_users_and_settings_action_is_forbidden_to_anyone_but_an_administrator(string role)
    {
        var name = "no-admin-" + role.ToLowerInvariant();
        await factory.CreateUserAsync(name, UsersTestKit.Password, [role], role == Roles.Reporter ? "填报单位" : null);
        var target = await factory.CreateUserAsync("target-of-" + role.ToLowerInvariant(), UsersTestKit.Password, [Roles.Viewer]);
        var before = await factory.FindUserAsync(target.UserName!);
        using var client = factory.CreateBrowser();
        (await client.SignInAsync(name, UsersTestKit.Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        // A valid token of this user (from the sign-out form), so a refusal cannot be the antiforgery check's doing.
        var token = await client.GetAntiforgeryTokenAsync("/plans");

        foreach (var path in GetPaths.Select(p => p.Replace("{id}", target.Id)))
        {
            await (await client.GetAsync(path)).ShouldBeForbiddenAsync(client, $"GET {path} as {role}");
        }

        foreach (var path in PostPaths.Select(p => p.Replace("{id}", target.Id)))
        {
            var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.UserName"] = "made-by-" + role.ToLowerInvariant(),
                ["Input.DisplayName"] = "越权",
                ["Input.Roles"] = Roles.Administrator,
                ["Input.ConcurrencyStamp"] = before.ConcurrencyStamp!,
            }));
            await response.ShouldBeForbiddenAsync(client, $"POST {path} as {role}");
        }

        var after = await factory.FindUserAsync(target.UserName!);
        after.ConcurrencyStamp.Should().Be(before.ConcurrencyStamp, "the target was not changed");
        after.PasswordHash.Should().Be(before.PasswordHash);
        after.IsDisabled.Should().BeFalse();
        (await factory.WithDbAsync(db => db.Users.CountAsync(u => u.UserName!.StartsWith("made-by-")))).Should().Be(0);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in()
    {
        using var client = factory.CreateBrowser();

        foreach (var path in new[] { "/admin/users", "/admin/users/new", "/admin/settings" })
        {
            var response = await client.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            response.RedirectPath().Should().Be("/account/login");
        }
    }

    [Fact]
    public async Task The_settings_page_lists_the_effective_security_settings_in_Chinese_and_says_where_to_change_them()
    {
        using var app = new EduPlanWebFactory { Settings = { ["Security:PasswordMinLength"] = "14", ["Security:LockoutMinutes"] = "20" } };
        using var admin = app.CreateBrowser();
        await admin.SignInAsAdminAsync();

        var html = WebTestHelpers.Decoded(await admin.GetPageAsync("/admin/settings"));

        html.Should().MatchRegex("密码最短长度（字符）</th>\\s*<td[^>]*>14</td>\\s*<td><code>Security__PasswordMinLength</code>");
        html.Should().MatchRegex("账户锁定时长（分钟）</th>\\s*<td[^>]*>20</td>");
        html.Should().MatchRegex("密码有效期（天；0 表示永不过期）</th>\\s*<td[^>]*>90</td>");
        html.Should().MatchRegex("每个客户端地址每分钟允许的登录尝试次数</th>\\s*<td[^>]*>\\d+</td>");
        html.Should().Contain("appsettings.json").And.Contain("Security__");
        html.Should().NotContain("<form method=\"post\" action=\"/admin/settings", "the page is read-only");
    }

    [Fact]
    public async Task The_settings_page_shows_the_evidence_limits_and_the_departments_quota()
    {
        using var app = new EduPlanWebFactory { Settings = { ["Reporting:MaxEvidenceBytesPerDepartment"] = "536870912" } };
        using var admin = app.CreateBrowser();
        await admin.SignInAsAdminAsync();

        var html = WebTestHelpers.Decoded(await admin.GetPageAsync("/admin/settings"));

        html.Should().Contain("佐证材料存储");
        html.Should().MatchRegex("每个单位的佐证文件总量上限</th>\\s*<td[^>]*>512 MB</td>\\s*<td><code>Reporting__MaxEvidenceBytesPerDepartment</code>");
        html.Should().MatchRegex("单个佐证文件上限</th>\\s*<td[^>]*>10 MB</td>");
        html.Should().MatchRegex("每份报告的佐证材料数上限</th>\\s*<td[^>]*>20</td>");
    }
}
