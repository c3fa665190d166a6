using System.Net;
using EduPlan.Application.Auditing;
using EduPlan.Application.Reporting;
using EduPlan.Application.Security;
using EduPlan.Core.Auditing;
using EduPlan.Web.Tests.Ownership;
using EduPlan.Web.Tests.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static EduPlan.Web.Tests.Security.SecurityTestKit;

namespace EduPlan.Web.Tests.Security;

/// <summary>安全设置 (/security/settings): edited by the security administrator, bounded, audited, concurrent-safe and in force at once.</summary>
public sealed class SecuritySettingsPageTests : IAsyncLifetime
{
    private const string Page = "/security/settings";
    private const string UserName = "settings-user";

    private readonly FakeTimeProvider clock = new(Start);
    private readonly EduPlanWebFactory app;

    public SecuritySettingsPageTests() => app = new EduPlanWebFactory
    {
        Clock = clock,
        Settings = { ["Security:PasswordMinLength"] = "14", ["Security:LockoutMinutes"] = "20" },
    };

    public async Task InitializeAsync() => await app.CreateUserAsync(UserName, Password, [Roles.Viewer]);

    public async Task DisposeAsync() => await app.DisposeAsync();

    private static readonly Dictionary<string, string> Defaults = new()
    {
        ["Input.PasswordMinLength"] = "14",
        ["Input.PasswordRequiredCharacterKinds"] = "3",
        ["Input.PasswordExpiryDays"] = "90",
        ["Input.MaxFailedSignIns"] = "5",
        ["Input.LockoutMinutes"] = "20",
        ["Input.IdleTimeoutMinutes"] = "30",
        ["Input.MaxEvidenceMegabytes"] = "10",
    };

    [Fact]
    public async Task The_page_starts_from_the_configuration_and_names_each_safe_range()
    {
        using var security = await app.SecurityAdminAsync();

        var html = WebTestHelpers.Decoded(await security.GetPageAsync(Page));

        html.Should().Contain("尚未在本页修改过");
        html.Should().MatchRegex("id=\"Input_PasswordMinLength\" name=\"Input.PasswordMinLength\" value=\"14\"");
        html.Should().MatchRegex("id=\"Input_LockoutMinutes\" name=\"Input.LockoutMinutes\" value=\"20\"");
        html.Should().Contain("连续登录失败多少次后锁定账户").And.MatchRegex("id=\"Input_MaxFailedSignIns-range\">3 – 10<");
        html.Should().MatchRegex("id=\"Input_PasswordMinLength-range\">8 – 64<");
        html.Should().Contain("<code>Security__SeparateDuties</code>");
        html.Should().Contain("name=\"Input.Version\"").And.Contain("name=\"__RequestVerificationToken\"");
    }

    [Fact]
    public async Task Saving_audits_each_change_old_to_new_and_a_lower_lockout_threshold_locks_a_real_sign_in_sooner()
    {
        using var security = await app.SecurityAdminAsync();

        var response = await Save(security, ("Input.MaxFailedSignIns", "3"), ("Input.LockoutMinutes", "45"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await security.GetPageAsync(Page)).Should().Contain("安全设置已保存并生效").And.Contain("最近一次修改：secadmin");
        var entry = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditActions.SecuritySettingsChanged));
        entry.Outcome.Should().Be(AuditOutcome.Success);
        entry.ActorName.Should().Be(WebTestHelpers.SecurityAdminUserName);
        entry.Details.Should().Contain("\"MaxFailedSignIns\":{\"before\":5,\"after\":3}")
            .And.Contain("\"LockoutMinutes\":{\"before\":20,\"after\":45}")
            .And.NotContain("PasswordMinLength", "unchanged values are not listed");

        using var guesser = app.CreateBrowser();
        for (var i = 0; i < 3; i++)
        {
            (await guesser.SignInAsync(UserName, "Wrong-Passw0rd-" + i)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var user = await app.FindUserAsync(UserName);
        user.LockoutEnd.Should().Be(Start.AddMinutes(45), "the third failure locks the account for 45 minutes, as saved");
        (await app.CreateBrowser().SignInAsync(UserName, Password)).StatusCode.Should().Be(HttpStatusCode.OK, "even the right password is refused while locked");
        (await app.AuditAsync()).Should().Contain(e => e.Action == AuditActions.LockedOut && e.TargetName == UserName);
    }

    [Fact]
    public async Task A_saved_idle_timeout_ends_sessions_started_after_it_and_the_upload_limit_follows()
    {
        using var security = await app.SecurityAdminAsync();
        (await Save(security, ("Input.IdleTimeoutMinutes", "10"), ("Input.MaxEvidenceMegabytes", "2"))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        using var client = app.CreateBrowser();
        await client.SignInOkAsync(UserName);
        clock.Advance(TimeSpan.FromMinutes(9));
        var afterNine = await client.IsSentToSignInAsync();
        clock.Advance(TimeSpan.FromMinutes(11));
        var afterEleven = await client.IsSentToSignInAsync();

        afterNine.Should().BeFalse();
        afterEleven.Should().BeTrue("11 idle minutes pass the saved 10");
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IOptions<ReportingOptions>>().Value.MaxEvidenceBytes.Should().Be(2L * 1024 * 1024);
        scope.ServiceProvider.GetRequiredService<IOptions<SecurityOptions>>().Value.IdleTimeoutMinutes.Should().Be(10);
    }

    [Theory]
    [InlineData("Input.PasswordMinLength", "7", "密码最短长度（字符）必须在8到64之间（填写的是7）")]
    [InlineData("Input.PasswordMinLength", "65", "密码最短长度（字符）必须在8到64之间（填写的是65）")]
    [InlineData("Input.MaxFailedSignIns", "2", "连续登录失败多少次后锁定账户必须在3到10之间（填写的是2）")]
    [InlineData("Input.MaxFailedSignIns", "11", "连续登录失败多少次后锁定账户必须在3到10之间（填写的是11）")]
    [InlineData("Input.PasswordRequiredCharacterKinds", "1", "密码须包含的字符种类数（大写字母、小写字母、数字、符号中的几种）必须在2到4之间（填写的是1）")]
    [InlineData("Input.MaxEvidenceMegabytes", "50", "单个附件大小上限（MB）必须在1到10之间（填写的是50）")]
    [InlineData("Input.LockoutMinutes", "abc", "")]
    public async Task A_value_outside_its_safe_range_is_refused_next_to_its_field_keeping_what_was_typed(string field, string value, string message)
    {
        using var security = await app.SecurityAdminAsync();

        var response = await Save(security, (field, value), ("Input.IdleTimeoutMinutes", "25"));

        response.StatusCode.Should().BeOneOf(HttpStatusCode.UnprocessableEntity, HttpStatusCode.BadRequest);
        var html = WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync());
        html.Should().MatchRegex($"data-valmsg-for=\"{field}\">[^<]*{System.Text.RegularExpressions.Regex.Escape(message)}");
        html.Should().Contain($"name=\"{field}\" value=\"{value}\"").And.Contain("name=\"Input.IdleTimeoutMinutes\" value=\"25\"");
        (await app.WithDbAsync(db => db.SecuritySettings.AnyAsync())).Should().BeFalse("nothing is saved");
    }

    [Fact]
    public async Task Two_security_administrators_saving_at_once_do_not_overwrite_each_other()
    {
        using var first = await app.SecurityAdminAsync();
        using var second = await app.SecurityAdminAsync();
        (await second.GetPageAsync(Page)).Should().Contain("name=\"Input.Version\" value=\"0\"");

        (await Save(first, ("Input.MaxFailedSignIns", "4"))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var response = await Save(second, ("Input.MaxFailedSignIns", "8"), ("Input.LockoutMinutes", "60"), ("Input.Version", "0"));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var html = WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync());
        html.Should().Contain("安全设置已被他人修改").And.Contain("现在保存的值");
        html.Should().Contain("name=\"Input.MaxFailedSignIns\" value=\"8\"", "what was typed is kept");
        html.Should().Contain("name=\"Input.Version\" value=\"1\"", "saving again is a deliberate choice");
        var stored = await app.WithDbAsync(db => db.SecuritySettings.AsNoTracking().SingleAsync());
        stored.MaxFailedSignIns.Should().Be(4);
        stored.LockoutMinutes.Should().Be(20);
    }

    [Fact]
    public async Task The_page_and_its_refusals_read_in_English()
    {
        using var security = await app.SecurityAdminAsync();
        (await security.PostFormAsync("/targets", "/language", new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/" }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);

        var page = WebTestHelpers.Decoded(await security.GetPageAsync(Page));
        var refused = WebTestHelpers.Decoded(await (await Save(security, ("Input.MaxFailedSignIns", "50"))).Content.ReadAsStringAsync());

        page.Should().Contain("Failed sign-ins before the account is locked").And.Contain("Save settings");
        refused.Should().Contain("Failed sign-ins before the account is locked must be between 3 and 10 (you entered 50).");
        var form = refused[refused.IndexOf("<form method=\"post\" action=\"/security/settings\"", StringComparison.Ordinal)..];
        form = form[..form.IndexOf("</form>", StringComparison.Ordinal)];
        System.Text.RegularExpressions.Regex.IsMatch(form, "[\\u4e00-\\u9fff]").Should().BeFalse("the English form shows no Chinese");
    }

    private static Task<HttpResponseMessage> Save(HttpClient client, params (string Name, string Value)[] changes)
    {
        var fields = new Dictionary<string, string>(Defaults);
        foreach (var (name, value) in changes)
        {
            fields[name] = value;
        }

        return SaveFields(client, fields);
    }

    private static async Task<HttpResponseMessage> SaveFields(HttpClient client, Dictionary<string, string> fields)
    {
        var html = await client.GetPageAsync(Page);
        fields.TryAdd("Input.Version", System.Text.RegularExpressions.Regex.Match(html, "name=\"Input.Version\" value=\"(\\d+)\"").Groups[1].Value);
        return await client.PostFieldsAsync(Page, Page, [.. fields.Select(f => (f.Key, f.Value))]);
    }
}
