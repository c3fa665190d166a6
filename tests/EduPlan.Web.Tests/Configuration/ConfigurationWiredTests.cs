using System.Net;
using EduPlan.Application.Security;
using EduPlan.Web.Tests.Ownership;
using EduPlan.Web.Tests.Reporting.Editing;
using Microsoft.Extensions.Time.Testing;
using static EduPlan.Web.Tests.Security.SecurityTestKit;

namespace EduPlan.Web.Tests.Configuration;

/// <summary>
/// Settings read from configuration, each set to a value other than its default (the defaults are in the README's
/// settings table: 5 failures, 15 minutes' lockout, 30 idle minutes, 15 grace days, 10 MB a file), and seen to act.
/// </summary>
public sealed class ConfigurationWiredTests
{
    [Fact]
    public async Task MaxFailedSignIns_and_LockoutMinutes_from_configuration_lock_after_three_failures_for_seven_minutes()
    {
        var clock = new FakeTimeProvider(Start);
        await using var factory = new EduPlanWebFactory
        {
            Clock = clock,
            Settings = { ["Security:MaxFailedSignIns"] = "3", ["Security:LockoutMinutes"] = "7" },
        };
        const string userName = "config-lockout";
        await factory.CreateUserAsync(userName, Password, [Roles.Viewer]);
        using var client = factory.CreateBrowser();

        var first = await client.SignInAsync(userName, "Wrong-Passw0rd-1");
        await client.SignInAsync(userName, "Wrong-Passw0rd-2");
        var afterTwo = (await factory.FindUserAsync(userName)).LockoutEnd;
        await client.SignInAsync(userName, "Wrong-Passw0rd-3");
        var afterThree = (await factory.FindUserAsync(userName)).LockoutEnd;
        clock.Advance(TimeSpan.FromMinutes(6));
        var stillLocked = await client.SignInAsync(userName, Password);
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var released = await client.SignInAsync(userName, Password);

        WebTestHelpers.Decoded(await first.Content.ReadAsStringAsync()).Should().Contain("连续失败3次后账户将被锁定7分钟。", "the sign-in page states the configured rule");
        afterTwo.Should().BeNull("two failures are under the configured three");
        afterThree.Should().Be(Start.AddMinutes(7));
        stillLocked.StatusCode.Should().Be(HttpStatusCode.OK, "six minutes later the account is still locked");
        released.StatusCode.Should().Be(HttpStatusCode.Redirect, "after seven minutes the right password works again");
    }

    [Fact]
    public async Task IdleTimeoutMinutes_from_configuration_ends_a_session_after_four_idle_minutes()
    {
        var clock = new FakeTimeProvider(Start);
        await using var factory = new EduPlanWebFactory { Clock = clock, Settings = { ["Security:IdleTimeoutMinutes"] = "4" } };
        const string userName = "config-idle";
        await factory.CreateUserAsync(userName, Password, [Roles.Viewer], departmentShortName: "配置单位");
        using var client = factory.CreateBrowser();
        await client.SignInOkAsync(userName);

        clock.Advance(TimeSpan.FromMinutes(3));
        var afterThree = await client.IsSentToSignInAsync();
        clock.Advance(TimeSpan.FromMinutes(5));
        var afterFive = await client.IsSentToSignInAsync();

        afterThree.Should().BeFalse("three idle minutes are within the configured four");
        afterFive.Should().BeTrue("five idle minutes are past the configured four (the default, 30, would keep the session)");
    }

    [Fact]
    public async Task GraceDays_from_configuration_keeps_the_quarter_open_until_the_twentieth()
    {
        // 2026Q3 ends on 2026-09-30: 20 grace days close it after 2026-10-20; the default 15 would have closed it on the 15th.
        await using var app = await ReportFormApp.StartAsync(new DateTime(2026, 10, 18, 10, 0, 0), new() { ["Reporting:GraceDays"] = "20" });
        var client = await app.ReporterAsync("config-grace", "市教委");

        var html = await client.GetPageAsync(app.FormPath);
        var saved = await client.PostMultipartAsync(html, app.FormPath, app.FormPath, ReportFormApp.Filled(html, app.FormPath, progress: "宽限期内填写的进展"));

        html.Should().Contain("name=\"intent\"", "the form is open, not read-only");
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.ReportAsync("市教委"))!.Progress.Should().Be("宽限期内填写的进展");
        var coordinator = await app.SignedInAsync("config-coordinator", [Roles.Coordinator]);
        WebTestHelpers.Decoded(await coordinator.GetPageAsync("/reporting/periods")).Should().Contain("开放 2026-09-01 至 截止 2026-10-20");
    }

    [Fact]
    public async Task MaxEvidenceBytes_from_configuration_refuses_a_file_over_one_megabyte()
    {
        await using var app = await ReportFormApp.StartAsync(settings: new() { ["Reporting:MaxEvidenceBytes"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var client = await app.ReporterAsync("config-evidence", "市教委");
        var html = await client.GetPageAsync(app.FormPath);
        var pdf = ReportFormApp.Pdf().Concat(new byte[1024 * 1024]).ToArray();

        var response = await client.PostMultipartAsync(html, app.FormPath, app.FormPath, ReportFormApp.Filled(html, app.FormPath),
            new MultipartFile("EvidenceFile", "大文件.pdf", pdf, "application/pdf"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync()).Should().Contain("文件“大文件.pdf”超过1 MB，不能上传");
        (await app.ReportAsync("市教委")).Should().BeNull();
    }
}
