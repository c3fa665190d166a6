using System.Net;
using System.Text.RegularExpressions;
using EduPlan.Data.Identity;
using EduPlan.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlan.Web.Tests;

/// <summary>These tests capture Console.Out, so they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StartupCollection
{
    public const string Name = "Start-up (console captured)";
}

[Collection(StartupCollection.Name)]
public sealed partial class StartupTests
{
    private const string NewPassword = "Brand-New-Passw0rd";

    [Fact]
    public async Task Without_a_configured_password_admin_gets_a_random_one_printed_once_and_must_change_it()
    {
        var (factory, console) = StartCapturing(adminPassword: "");
        await using var _ = factory;

        var banner = BannerPassword().Match(console);
        banner.Success.Should().BeTrue("the generated password is printed in a banner:\n" + console);
        var password = banner.Groups[1].Value;
        password.Length.Should().BeGreaterThanOrEqualTo(16);
        var admin = await FindAdminAsync(factory);
        admin.MustChangePassword.Should().BeTrue();
        ReadLogs(factory).Should().NotContain(password, "the password must never reach the log file");

        using var client = factory.CreateBrowser();
        (await client.SignInAsync(WebTestHelpers.AdminUserName, EduPlanWebFactory.TestAdminPassword))
            .StatusCode.Should().Be(HttpStatusCode.OK, "the test password was not configured, so it must not work");
        await client.SignInAsAdminAsync(password);
    }

    [Theory]
    [InlineData("Admin-Passw0rd-2026", null, "Bootstrap:AdminPassword 不符合密码规则：密码不能包含用户名 / Bootstrap:AdminPassword breaks a password rule: Passwords must not contain the user name.")]
    [InlineData(EduPlanWebFactory.TestAdminPassword, "short", "Bootstrap:SecurityAdminPassword 不符合密码规则：")]
    public async Task A_bootstrap_password_the_rules_refuse_stops_start_up_with_one_line_before_anything_is_written(string admin, string? secadmin, string line)
    {
        await using var factory = new EduPlanWebFactory { AdminPassword = admin, SecurityAdminPassword = secadmin };
        var original = Console.Error;
        var captured = new StringWriter();
        Console.SetError(TextWriter.Synchronized(captured));
        string printed;
        try
        {
            var start = () => factory.Services;
            start.Should().Throw<Exception>("the host does not start");
            // Program prints the refusal when app.Run() ends, on the entry point's own thread.
            for (var waited = 0; !captured.ToString().Contains("Bootstrap:", StringComparison.Ordinal) && waited < 100; waited++)
            {
                await Task.Delay(50);
            }

            printed = captured.ToString();
        }
        finally
        {
            Console.SetError(original);
        }

        printed.Should().StartWith(line);
        printed.TrimEnd().Should().NotContain("\n", "one line, no stack trace");
        printed.Should().Contain(" / ", "the line is in Chinese and English, like the other start-up messages");
        // Checked before the migrations: nothing was migrated, imported or created, and the log holds no stack trace.
        var logs = Directory.Exists(factory.LogDirectory) ? ReadLogs(factory) : "";
        logs.Should().NotContain("Database schema is up to date").And.NotContain("Imported seed plan").And.NotContain("Created admin");
        logs.Should().NotContain("   at EduPlan.");
    }

    [Fact]
    public async Task A_user_with_a_one_time_password_is_sent_to_change_it_until_they_do()
    {
        await using var factory = new EduPlanWebFactory { AdminPassword = null };
        const string oneTime = "One-Time-Passw0rd";
        await SetPasswordKeepingFlagAsync(factory, oneTime);
        using var client = factory.CreateBrowser();
        await client.SignInAsAdminAsync(oneTime);

        foreach (var path in new[] { "/", "/plans/chongqing", "/targets", "/search?q=教育", "/account/access-denied" })
        {
            var response = await client.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, path);
            response.Headers.Location!.OriginalString.Should().Be("/account/change-password", path);
        }

        (await client.GetAsync("/lib/bootstrap/dist/css/bootstrap.min.css")).StatusCode.Should().Be(HttpStatusCode.OK);
        var form = WebTestHelpers.Decoded(await client.GetPageAsync("/account/change-password"));
        form.Should().Contain("您正在使用初始密码");

        var mismatch = await ChangePasswordAsync(client, oneTime, NewPassword, NewPassword + "x");
        mismatch.StatusCode.Should().Be(HttpStatusCode.OK);
        (await mismatch.Content.ReadAsStringAsync()).Should().Contain("两次输入的新密码不一致");
        var weak = await ChangePasswordAsync(client, oneTime, "alllowercase-only", "alllowercase-only");
        WebTestHelpers.Decoded(await weak.Content.ReadAsStringAsync())
            .Should().Contain("密码须至少包含大写字母、小写字母、数字、符号中的3种");
        var wrongCurrent = await ChangePasswordAsync(client, "Not-The-Passw0rd", NewPassword, NewPassword);
        (await wrongCurrent.Content.ReadAsStringAsync()).Should().Contain("当前密码不正确");
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Redirect, "nothing was changed yet");

        var changed = await ChangePasswordAsync(client, oneTime, NewPassword, NewPassword);

        changed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        changed.Headers.Location!.OriginalString.Should().Be("/");
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK, "the refreshed sign-in no longer carries the flag");
        var admin = await FindAdminAsync(factory);
        admin.MustChangePassword.Should().BeFalse();
        admin.PasswordChangedAt.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        using var again = factory.CreateBrowser();
        await again.SignInAsAdminAsync(NewPassword);
    }

    [Fact]
    public async Task Starting_twice_on_one_database_neither_imports_again_nor_resets_admin()
    {
        var folder = EduPlanWebFactory.NewTempFolder();
        try
        {
            List<(int Id, string Code, int Number)> tasksBefore;
            string? hashBefore;
            await using (var first = new EduPlanWebFactory { Folder = folder })
            {
                tasksBefore = await ReadTasksAsync(first);
                hashBefore = (await FindAdminAsync(first)).PasswordHash;
            }

            await using var second = new EduPlanWebFactory { AdminPassword = "Another-Passw0rd-99", Folder = folder };
            var tasksAfter = await ReadTasksAsync(second);
            var adminAfter = await FindAdminAsync(second);

            tasksBefore.Should().HaveCount(81);
            tasksAfter.Should().Equal(tasksBefore);
            (await second.WithDbAsync(db => db.Plans.CountAsync())).Should().Be(2);
            Regex.Count(ReadLogs(second), "Imported seed plan chongqing").Should().Be(1, "only the first start imports the seeds");
            adminAfter.PasswordHash.Should().Be(hashBefore);
            using var client = second.CreateBrowser();
            (await client.SignInAsync(WebTestHelpers.AdminUserName, "Another-Passw0rd-99"))
                .StatusCode.Should().Be(HttpStatusCode.OK, "the second start must not set the new configured password");
            await client.SignInAsAdminAsync(EduPlanWebFactory.TestAdminPassword);
        }
        finally
        {
            EduPlanWebFactory.DeleteFolder(folder);
        }
    }

    [Fact]
    public async Task A_configured_password_is_used_as_is_and_nothing_is_printed()
    {
        var (factory, console) = StartCapturing(EduPlanWebFactory.TestAdminPassword);
        await using var _ = factory;

        console.Should().NotContain("初始密码");
        (await FindAdminAsync(factory)).MustChangePassword.Should().BeFalse();
        ReadLogs(factory).Should().NotContain(EduPlanWebFactory.TestAdminPassword);
        ReadLogs(factory).Should().Contain("Imported seed plan chongqing", "start-up logs what it imported");
    }

    [Fact]
    public async Task Creating_the_first_administrator_is_audited_as_the_system_without_the_password()
    {
        using var factory = new EduPlanWebFactory();
        _ = factory.Server;

        var entries = await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.AuditEntries.Where(e => e.Action == EduPlan.Application.Auditing.AuditActions.UserCreated).OrderBy(e => e.Id)));

        entries.Select(e => (e.ActorName, e.TargetName)).Should().Equal(("system", "admin"), ("system", "secadmin"));
        entries[0].Details.Should().Contain("Administrator").And.NotContain(EduPlanWebFactory.TestAdminPassword);
        entries[1].Details.Should().Contain("SecurityAdministrator").And.NotContain(EduPlanWebFactory.TestSecurityAdminPassword);
    }

    [Fact]
    public async Task The_first_security_administrator_gets_a_one_time_password_printed_once_and_holds_only_that_role()
    {
        var original = Console.Out;
        var captured = new StringWriter();
        Console.SetOut(TextWriter.Synchronized(captured));
        var factory = new EduPlanWebFactory { SecurityAdminPassword = null };
        try
        {
            _ = factory.Server;
        }
        finally
        {
            Console.SetOut(original);
        }

        await using var owned = factory;
        var console = captured.ToString();
        console.Should().Contain("安全管理员账户").And.Contain("secadmin");
        var password = System.Text.RegularExpressions.Regex.Match(console, @"初始密码 / password: (\S+)").Groups[1].Value;
        password.Should().NotBeEmpty();
        ReadLogs(factory).Should().NotContain(password);

        var (mustChange, roles) = await factory.WithDbAsync(async db =>
        {
            var user = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users, u => u.UserName == "secadmin");
            var names = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name));
            return (user.MustChangePassword, names);
        });
        mustChange.Should().BeTrue();
        roles.Should().Equal(EduPlan.Application.Security.Roles.SecurityAdministrator);
    }

    [Fact]
    public void Generated_passwords_meet_the_password_rules_and_differ()
    {
        var passwords = Enumerable.Range(0, 20).Select(_ => DatabaseBootstrapper.GeneratePassword()).ToList();

        passwords.Should().OnlyHaveUniqueItems();
        passwords.Should().OnlyContain(p =>
            p.Length >= 16 && p.Any(char.IsDigit) && p.Any(char.IsLower) && p.Any(char.IsUpper) && p.All(char.IsAsciiLetterOrDigit));
    }

    private static (EduPlanWebFactory Factory, string Console) StartCapturing(string adminPassword)
    {
        var original = Console.Out;
        var captured = new StringWriter();
        Console.SetOut(TextWriter.Synchronized(captured));
        var factory = new EduPlanWebFactory { AdminPassword = adminPassword };
        try
        {
            _ = factory.Services; // starts the host, which runs the start-up step
        }
        finally
        {
            Console.SetOut(original);
        }

        return (factory, captured.ToString());
    }

    private static string ReadLogs(EduPlanWebFactory factory) =>
        string.Concat(Directory.GetFiles(factory.LogDirectory, "eduplan-*.log").Select(path =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }));

    private static Task<ApplicationUser> FindAdminAsync(EduPlanWebFactory factory) =>
        factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == WebTestHelpers.AdminUserName));

    private static Task<List<(int Id, string Code, int Number)>> ReadTasksAsync(EduPlanWebFactory factory) =>
        factory.WithDbAsync(async db => (await db.Tasks.AsNoTracking()
                .OrderBy(t => t.Id)
                .Select(t => new { t.Id, t.Plan!.Code, t.Number })
                .ToListAsync())
            .Select(t => (t.Id, t.Code, t.Number))
            .ToList());

    private static async Task SetPasswordKeepingFlagAsync(EduPlanWebFactory factory, string password)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = (await users.FindByNameAsync(WebTestHelpers.AdminUserName))!;
        admin.MustChangePassword.Should().BeTrue("a start without Bootstrap:AdminPassword marks the password as one-time");
        (await users.RemovePasswordAsync(admin)).Succeeded.Should().BeTrue();
        (await users.AddPasswordAsync(admin, password)).Succeeded.Should().BeTrue();
        (await users.FindByNameAsync(WebTestHelpers.AdminUserName))!.MustChangePassword.Should().BeTrue();
    }

    private static Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string current, string next, string confirm) =>
        client.PostFormAsync("/account/change-password", "/account/change-password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = current,
            ["NewPassword"] = next,
            ["ConfirmPassword"] = confirm,
        });

    [GeneratedRegex(@"初始密码 / password:\s*(\S+)")]
    private static partial Regex BannerPassword();
}
