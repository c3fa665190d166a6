using System.Net;
using EduPlan.Application.Auditing;
using EduPlan.Application.Reporting;
using EduPlan.Application.Security;
using EduPlan.Core.Reporting;
using EduPlan.Web.Tests.Ownership;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EduPlan.Web.Tests.Reporting.Periods;

/// <summary>
/// 填报期管理 through the real app, on a fresh database per test with the clock at 2026-09-10 10:00 in China:
/// 2026Q3 is open until 2026-10-15 and 2026Q2 closed on 2026-07-15.
/// </summary>
public sealed class PeriodPagesTests : IDisposable
{
    private const string Page = "/reporting/periods";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 9, 10, 10, 0, 0, ChinaCalendar.Offset));
    private readonly EduPlanWebFactory _factory;

    public PeriodPagesTests() => _factory = new EduPlanWebFactory { Clock = _clock };

    public void Dispose() => _factory.Dispose();

    private Task<HttpClient> CoordinatorAsync() => _factory.SignedInAsync("coordinator1", [Roles.Coordinator]);

    private static async Task<string> PageTextAsync(HttpClient client, string path = Page) =>
        WebTestHelpers.Decoded(await client.GetPageAsync(path));

    private Task<HttpResponseMessage> PostAsync(HttpClient client, string action, Dictionary<string, string> fields) =>
        client.PostFormAsync(Page, Page + action, fields);

    private Task<PeriodWindow> WindowAsync(Quarter quarter, int departmentId) => WithCalendarAsync(c => c.GetWindowAsync(quarter, departmentId));

    private async Task<T> WithCalendarAsync<T>(Func<ReportingCalendar, Task<T>> work)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ReportingCalendar>());
    }

    private Task<int> OverrideCountAsync() => _factory.WithDbAsync(db => db.ReportingPeriodOverrides.CountAsync());

    [Fact]
    public async Task The_page_lists_the_quarters_newest_first_to_two_after_the_current_one_with_their_default_dates()
    {
        var client = await CoordinatorAsync();

        var html = await client.GetPageAsync(Page);
        var text = WebTestHelpers.Decoded(html);

        text.Should().Contain("<title>填报期管理");
        text.Should().Contain("2027年第一季度").And.NotContain("2027年第二季度");
        text.IndexOf("2027年第一季度", StringComparison.Ordinal).Should().BeLessThan(text.IndexOf("2025年第一季度", StringComparison.Ordinal));
        text.Should().Contain("开放 2026-09-01 至 截止 2026-10-15");
        text.Should().Contain("2026年第三季度填报截止于2026-10-15");
        text.Should().Contain("2026年第四季度将于2026-12-01开放填报");
        text.Should().Contain("2025年第一季度已于2025-04-15截止填报");
        html.Should().Contain("aria-current=\"page\" href=\"/reporting/periods\"", "the nav marks the periods page");

        var all = await PageTextAsync(client, Page + "?all=true");
        all.Should().Contain("2035年第四季度").And.Contain("开放 2035-12-01 至 截止 2036-01-15");
    }

    [Fact]
    public async Task A_coordinator_closes_a_quarter_and_the_page_shows_it_closed_with_the_reason()
    {
        var client = await CoordinatorAsync();

        var response = await PostAsync(client, "/2026Q3/close", new() { ["Reason"] = "年中数据核查" });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/reporting/periods#q-2026Q3");
        var text = await PageTextAsync(client);
        text.Should().Contain("已提前关闭2026年第三季度的填报。");
        text.Should().Contain("2026年第三季度已于2026-09-10由统筹协调人员关闭填报（原因：年中数据核查）");
        text.Should().Contain("已提前关闭（coordinator1于2026-09-10 10:00操作）");
        text.Should().Contain("<span class=\"badge text-bg-danger\">已关闭</span>", "a quarter closed by a coordinator is told apart from one past its deadline");
        var education = await _factory.EnsureDepartmentAsync("市教委");
        (await WindowAsync(new Quarter(2026, 3), education)).IsOpen.Should().BeFalse();
        var entry = (await _factory.AuditAsync(AuditActions.PeriodClosed)).Should().ContainSingle().Subject;
        (entry.ActorName, entry.TargetId).Should().Be(("coordinator1", "2026Q3"));
        entry.Details.Should().Contain("年中数据核查").And.Contain("2026年第三季度填报截止于2026-10-15");
    }

    [Fact]
    public async Task A_coordinator_reopens_a_past_quarter_until_a_date_and_restores_its_default_dates()
    {
        var client = await CoordinatorAsync();

        var reopened = await PostAsync(client, "/2026Q2/reopen", new() { ["OpenUntil"] = "2026-09-30", ["Reason"] = "补报二季度" });

        reopened.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var text = await PageTextAsync(client);
        text.Should().Contain("已重新开放2026年第二季度的填报，截止于2026-09-30。");
        text.Should().Contain("2026年第二季度已重新开放填报，截止于2026-09-30");
        text.Should().Contain("补报二季度");
        (await _factory.AuditAsync(AuditActions.PeriodReopened)).Should().ContainSingle().Which.Details.Should().Contain("2026-09-30");

        var reset = await PostAsync(client, "/2026Q2/reset", []);

        reset.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var after = await PageTextAsync(client);
        after.Should().Contain("2026年第二季度已恢复默认填报日期。");
        after.Should().Contain("2026年第二季度已于2026-07-15截止填报");
        (await OverrideCountAsync()).Should().Be(0);
        (await _factory.AuditAsync(AuditActions.PeriodReset)).Should().ContainSingle().Which.ActorName.Should().Be("coordinator1");
    }

    [Fact]
    public async Task A_coordinator_opens_a_closed_quarter_for_one_department_and_removes_the_exception_again()
    {
        var finance = await _factory.EnsureDepartmentAsync("市财政局");
        var education = await _factory.EnsureDepartmentAsync("市教委");
        var client = await CoordinatorAsync();

        var granted = await PostAsync(client, "/2026Q2/exceptions", new()
        {
            ["DepartmentId"] = finance.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OpenUntil"] = "2026-09-25",
            ["Reason"] = "财政数据晚到",
        });

        granted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var text = await PageTextAsync(client);
        text.Should().Contain("已为测试单位市财政局开放2026年第二季度的填报，截止于2026-09-25。");
        text.Should().Contain("1个单位例外").And.Contain("财政数据晚到");
        (await WindowAsync(new Quarter(2026, 2), finance)).Reason.Should().Be("2026年第二季度已为本单位延长填报至2026-09-25");
        (await WindowAsync(new Quarter(2026, 2), education)).IsOpen.Should().BeFalse();
        (await _factory.AuditAsync(AuditActions.PeriodExceptionGranted)).Should().ContainSingle().Which.TargetName.Should().Be("2026Q2 市财政局");

        var removed = await PostAsync(client, $"/2026Q2/exceptions/{finance}/delete", []);

        removed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await PageTextAsync(client)).Should().Contain("已取消测试单位市财政局在2026年第二季度的例外。");
        (await WindowAsync(new Quarter(2026, 2), finance)).IsOpen.Should().BeFalse();
        (await _factory.AuditAsync(AuditActions.PeriodExceptionRemoved)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_refused_reopen_shows_the_messages_beside_the_fields_and_keeps_what_was_typed()
    {
        var client = await CoordinatorAsync();

        var response = await PostAsync(client, "/2026Q2/reopen", new() { ["OpenUntil"] = "2026-09-01", ["Reason"] = "补报<script>alert(1)</script>" });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        var text = WebTestHelpers.Decoded(html);
        text.Should().Contain("未保存：请更正2026年第二季度中标出的内容。");
        text.Should().Contain("开放截止日期不能早于今天（2026-09-10）。");
        html.Should().Contain("id=\"reopen-until-2026Q2\" name=\"OpenUntil\" autofocus=\"autofocus\" value=\"2026-09-01\"",
            "the date is kept, and the cursor (and the browser's scroll) goes to the first field with a message");
        html.Should().Contain("id=\"reopen-until-2026Q2-error\">开放截止日期不能早于今天（2026-09-10）。</div>", "the message sits beside its field");
        html.Split("autofocus=\"autofocus\"").Should().HaveCount(2, "only one field takes the focus");
        html.Should().Contain("补报&lt;script&gt;alert(1)&lt;/script&gt;</textarea>").And.NotContain("<script>alert(1)");
        html.Should().Contain("<details class=\"period-actions mt-3\" open=\"open\">", "the failing quarter's forms are shown open");
        html.Should().Contain("class=\"form-control period-date is-invalid\"");
        (await OverrideCountAsync()).Should().Be(0);
        (await _factory.AuditAsync(AuditActions.PeriodReopened)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_date_that_is_not_a_date_and_a_missing_department_are_named_and_the_reason_is_kept()
    {
        var client = await CoordinatorAsync();

        var badDate = await PostAsync(client, "/2026Q3/reopen", new() { ["OpenUntil"] = "2026-13-45", ["Reason"] = "延期" });
        var noDepartment = await PostAsync(client, "/2026Q3/exceptions", new() { ["DepartmentId"] = "", ["OpenUntil"] = "2026-10-31", ["Reason"] = "单位延期说明" });
        var noReason = await PostAsync(client, "/2026Q3/close", new() { ["Reason"] = "  " });

        WebTestHelpers.Decoded(await badDate.Content.ReadAsStringAsync()).Should().Contain("请按 yyyy-MM-dd 格式填写日期，例如 2026-10-31。");
        var exceptionPage = WebTestHelpers.Decoded(await noDepartment.Content.ReadAsStringAsync());
        exceptionPage.Should().Contain("请选择单位。").And.Contain("单位延期说明</textarea>").And.Contain("value=\"2026-10-31\"");
        WebTestHelpers.Decoded(await noReason.Content.ReadAsStringAsync()).Should().Contain("请填写原因（填报人员会看到）。");
        new[] { badDate.StatusCode, noDepartment.StatusCode, noReason.StatusCode }.Should().AllBeEquivalentTo(HttpStatusCode.UnprocessableEntity);
        (await OverrideCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Closing_a_quarter_past_its_deadline_is_refused_with_the_reason_it_is_already_closed()
    {
        var client = await CoordinatorAsync();

        var response = await client.PostUnofferedAsync(Page, Page + "/2026Q2/close", new Dictionary<string, string> { ["Reason"] = "再关一次" });

        response.StatusCode.Should().Be(HttpStatusCode.Conflict, "a quarter past its deadline is refused as it stands");
        var text = WebTestHelpers.Decoded(await response.Content.ReadAsStringAsync());
        text.Should().Contain("2026年第二季度已于2026-07-15截止填报，无需关闭。").And.Contain("再关一次</textarea>");
        (await OverrideCountAsync()).Should().Be(0);
    }

    [Theory]
    [InlineData("/2036Q1/close")]
    [InlineData("/2024Q4/reopen")]
    [InlineData("/not-a-quarter/reset")]
    [InlineData("/2026Q5/exceptions")]
    [InlineData("/2026Q2/exceptions/999999/delete")]
    public async Task An_unknown_quarter_or_exception_in_the_address_is_not_found(string action)
    {
        var client = await CoordinatorAsync();

        var response = await client.PostUnofferedAsync(Page, Page + action, new Dictionary<string, string> { ["Reason"] = "x", ["OpenUntil"] = "2026-09-30" });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await OverrideCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_reporter_may_neither_see_the_page_nor_close_a_quarter()
    {
        var reporter = await _factory.SignedInAsync("reporter1", [Roles.Reporter], "市教委");

        (await reporter.IsForbiddenAsync(Page)).Should().BeTrue();
        var token = await reporter.GetAntiforgeryTokenAsync("/account/change-password");
        using var close = new HttpRequestMessage(HttpMethod.Post, Page + "/2026Q3/close")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Reason"] = "越权" }),
        };
        (await reporter.IsForbiddenAsync(close)).Should().BeTrue();
        (await OverrideCountAsync()).Should().Be(0);
    }
}
