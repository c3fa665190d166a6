using System.Net;
using EduPlan.Application.Security;
using EduPlan.Web.Tests.Ownership;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Users;

/// <summary>Only administrators reach /admin/users; everyone else (the security administrator too) is refused and changes nothing.</summary>
public sealed class UserAccessTests(EduPlanWebFactory factory) : IClassFixture<EduPlanWebFactory>
{
    private static readonly string[] GetPaths = ["/admin/users", "/admin/users?q=a&status=Disabled", "/admin/users/new", "/admin/users/{id}/edit"];

    private static readonly string[] PostPaths =
    [
        "/admin/users/new", "/admin/users/{id}/edit", "/admin/users/{id}/disable", "/admin/users/{id}/enable",
        "/admin/users/{id}/reset-password",
    ];

    [Theory]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Reporter)]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.SecurityAdministrator)]
    public async Task Every_users_action_is_forbidden_to_anyone_but_an_administrator(string role)
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

        foreach (var path in new[] { "/admin/users", "/admin/users/new", "/security/settings", "/security/users" })
        {
            var response = await client.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            response.RedirectPath().Should().Be("/account/login");
        }
    }

    [Fact]
    public async Task The_settings_page_shows_the_evidence_limits_and_the_departments_quota()
    {
        using var app = new EduPlanWebFactory { Settings = { ["Reporting:MaxEvidenceBytesPerDepartment"] = "536870912" } };
        using var security = await app.SecurityAdminAsync();

        var html = WebTestHelpers.Decoded(await security.GetPageAsync("/security/settings"));

        html.Should().Contain("佐证材料存储");
        html.Should().MatchRegex("每个单位的佐证文件总量上限</th>\\s*<td[^>]*>512 MB</td>\\s*<td><code>Reporting__MaxEvidenceBytesPerDepartment</code>");
        html.Should().MatchRegex("每份报告的佐证材料数上限</th>\\s*<td[^>]*>20</td>");
    }
}
