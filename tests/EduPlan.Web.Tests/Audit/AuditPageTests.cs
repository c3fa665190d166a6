using System.Net;
using System.Text.RegularExpressions;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Core.Auditing;

namespace EduPlan.Web.Tests.Audit;

/// <summary>/audit as the auditor reads it: China time, Chinese labels, readable details, filters, paging.</summary>
public sealed partial class AuditPageTests(AuditApp app) : IClassFixture<AuditApp>
{
    [Fact]
    public async Task Auditor_sees_an_entry_in_China_time_with_its_label_outcome_and_changed_fields()
    {
        var marker = Marker();
        await app.AddEntryAsync(
            new DateTime(2026, 3, 1, 16, 30, 5, DateTimeKind.Utc),
            AuditActions.UserUpdated,
            marker,
            AuditOutcome.Denied,
            actor: "zhangsan",
            address: "10.9.8.7",
            details: new
            {
                before = new { DisplayName = "张三", Roles = new[] { "Reporter" }, Department = "市教委", Phone = (string?)null },
                after = new { DisplayName = "张三丰", Roles = new[] { "Reporter", "Viewer" }, Department = "市教委", Phone = "13800000000" },
            });
        using var client = await app.SignedInAsAsync(Roles.Auditor);

        var html = await client.GetPageAsync("/audit?target=" + marker);

        var row = SingleRow(html);
        row.Should().Contain("2026-03-02 00:30:05", "16:30 UTC is half past midnight the next day in Beijing");
        row.Should().NotContain("2026-03-01 16:30");
        row.Should().Contain(">修改用户<");
        row.Should().MatchRegex("class=\"badge text-bg-danger\">拒绝<");
        row.Should().Contain(">zhangsan<").And.Contain(">10.9.8.7<").And.Contain(marker);
        row.Should().Contain("DisplayName：").And.Contain("<del class=\"audit-before\">张三</del>").And.Contain("<ins class=\"audit-after\">张三丰</ins>");
        row.Should().Contain("<ins class=\"audit-after\">Reporter、Viewer</ins>", "a list is shown joined with 、");
        row.Should().Contain("Phone：").And.Contain("<del class=\"audit-before\">（空）</del>");
        row.Should().NotContain("Department：", "an unchanged field is left out");
        html.Should().Contain("共1条记录，第1/1页");
        html.Should().NotContain("style=\"", "the CSP forbids inline styles");
        html.Should().Contain("aria-current=\"page\" href=\"/audit\"", "the navigation marks the audit page");
    }

    [Fact]
    public async Task Sign_in_events_reach_the_auditor_without_the_password_typed()
    {
        const string wrongPassword = "Wrong-Secret-Passw0rd-7781";
        using (var visitor = app.CreateBrowser())
        {
            (await visitor.SignInAsync(WebTestHelpers.AdminUserName, wrongPassword)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var client = await app.SignedInAsAsync(Roles.Auditor);

        var failures = await client.GetPageAsync("/audit?action=SignInFailed&actor=admin");
        var ownSignIn = await client.GetPageAsync($"/audit?action=SignIn&actor={AuditApp.Auditor}");
        var export = await client.GetStringAsync("/audit/export?action=SignInFailed");

        failures.Should().Contain(">登录失败<").And.Contain("<td class=\"audit-actor\">admin</td>").And.Contain("text-bg-warning");
        ownSignIn.Should().Contain($"<td class=\"audit-actor\">{AuditApp.Auditor}</td>", "the auditor's own sign-in is on record too");
        failures.Should().NotContain(wrongPassword);
        export.Should().Contain(",SignInFailed,").And.NotContain(wrongPassword);
    }

    [Fact]
    public async Task Markup_in_details_and_names_is_shown_as_text()
    {
        var marker = Marker();
        await app.AddEntryAsync(DateTime.UtcNow, AuditActions.AccessDenied, marker + "<img src=x onerror=alert(1)>",
            details: "<script>alert('raw')</script>", actor: "<b>bold</b>");
        await app.AddEntryAsync(DateTime.UtcNow, AuditActions.AccessDenied, marker,
            details: new { reason = "<script>alert(1)</script>" });
        using var client = await app.SignedInAsAsync(Roles.Auditor);

        var html = await client.GetPageAsync("/audit?target=" + marker);

        html.Should().NotContain("<script>alert").And.NotContain("<img src=x").And.NotContain("<b>bold</b>");
        html.Should().Contain("&lt;script&gt;alert(&#x27;raw&#x27;)&lt;/script&gt;", "text that is not JSON is shown as it is, encoded");
        html.Should().Contain("reason：</span>&lt;script&gt;alert(1)&lt;/script&gt;");
        html.Should().Contain("&lt;img src=x onerror=alert(1)&gt;").And.Contain("&lt;b&gt;bold&lt;/b&gt;");
    }

    [Fact]
    public async Task Every_action_in_the_filter_has_a_Chinese_label()
    {
        using var client = await app.SignedInAsAsync(Roles.Auditor);

        var html = await client.GetPageAsync("/audit");

        var select = html[html.IndexOf("<select id=\"audit-action\"", StringComparison.Ordinal)..];
        select = select[..select.IndexOf("</select>", StringComparison.Ordinal)];
        var options = ActionOption().Matches(select).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        options.Keys.Should().BeEquivalentTo(AuditActions.All);
        options.Should().OnlyContain(o => o.Value != o.Key && HasChinese(o.Value), "each action needs an AuditOp<Action> resource");
        options[AuditActions.SignInFailed].Should().Be("登录失败");
        options[AuditActions.AuditExported].Should().Be("导出审计日志");
    }

    [Fact]
    public async Task A_day_filter_is_a_whole_day_in_China_time()
    {
        var marker = Marker();
        await app.AddEntryAsync(new DateTime(2026, 5, 9, 15, 59, 59, DateTimeKind.Utc), AuditActions.SignIn, marker + "-9may-late");
        await app.AddEntryAsync(new DateTime(2026, 5, 9, 16, 0, 0, DateTimeKind.Utc), AuditActions.SignIn, marker + "-10may-midnight");
        await app.AddEntryAsync(new DateTime(2026, 5, 10, 15, 59, 59, DateTimeKind.Utc), AuditActions.SignIn, marker + "-10may-late");
        await app.AddEntryAsync(new DateTime(2026, 5, 10, 16, 0, 0, DateTimeKind.Utc), AuditActions.SignIn, marker + "-11may-midnight");
        using var client = await app.SignedInAsAsync(Roles.Auditor);

        var html = await client.GetPageAsync($"/audit?from=2026-05-10&to=2026-05-10&target={marker}");

        TargetsIn(html, marker).Should().Equal(marker + "-10may-late", marker + "-10may-midnight");
        html.Should().Contain("value=\"2026-05-10\"", "the form keeps the dates");
    }

    [Fact]
    public async Task Action_outcome_actor_target_and_address_filters_narrow_the_list()
    {
        var marker = Marker();
        var now = DateTime.UtcNow;
        await app.AddEntryAsync(now.AddMinutes(-5), AuditActions.SignInFailed, marker + "-a", AuditOutcome.Failure, actor: "wangwu", address: "192.168.7.1");
        await app.AddEntryAsync(now.AddMinutes(-4), AuditActions.SignIn, marker + "-b", AuditOutcome.Success, actor: "wangwu", address: "192.168.7.1");
        await app.AddEntryAsync(now.AddMinutes(-3), AuditActions.SignInFailed, marker + "-c", AuditOutcome.Failure, actor: "zhaoliu", address: "10.20.30.40");
        await app.AddEntryAsync(now.AddMinutes(-2), AuditActions.AccessDenied, marker + "-d", AuditOutcome.Denied, actor: "zhaoliu", address: "10.20.30.40", targetId: "unique-id-" + marker);
        using var client = await app.SignedInAsAsync(Roles.Auditor);

        TargetsIn(await client.GetPageAsync($"/audit?target={marker}&action=SignInFailed"), marker).Should().Equal(marker + "-c", marker + "-a");
        TargetsIn(await client.GetPageAsync($"/audit?target={marker}&outcome=Denied"), marker).Should().Equal(marker + "-d");
        TargetsIn(await client.GetPageAsync($"/audit?target={marker}&actor=wang"), marker).Should().Equal(marker + "-b", marker + "-a");
        TargetsIn(await client.GetPageAsync($"/audit?target={marker}&address=10.20."), marker).Should().Equal(marker + "-d", marker + "-c");
        TargetsIn(await client.GetPageAsync($"/audit?target=unique-id-{marker}"), marker).Should().Equal(marker + "-d");
        var combined = await client.GetPageAsync($"/audit?target={marker}&action=SignInFailed&actor=zhao");
        TargetsIn(combined, marker).Should().Equal(marker + "-c");
        combined.Should().MatchRegex("<option value=\"SignInFailed\" selected=\"selected\">", "the form keeps the chosen action");
    }

    [Fact]
    public async Task An_unknown_action_or_reversed_dates_show_an_error_and_no_entries()
    {
        var marker = Marker();
        await app.AddEntryAsync(DateTime.UtcNow, AuditActions.SignIn, marker);
        using var client = await app.SignedInAsAsync(Roles.Auditor);

        var unknown = await client.GetPageAsync($"/audit?target={marker}&action=DropTable");
        var reversed = await client.GetPageAsync($"/audit?target={marker}&from=2026-05-10&to=2026-05-01");
        var notADate = await client.GetPageAsync($"/audit?target={marker}&from=abc");

        unknown.Should().Contain("没有这种操作类型。").And.NotContain("<table");
        unknown.Should().NotContain("style=\"", "the CSP forbids inline styles");
        reversed.Should().Contain("结束日期不能早于开始日期。").And.NotContain("<table");
        notADate.Should().Contain("“abc”不是“开始日期”的有效值").And.NotContain("<table");
    }

    [Fact]
    public async Task Pages_hold_fifty_entries_newest_first_and_the_pager_keeps_the_filter()
    {
        var marker = Marker();
        var start = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 1; i <= 55; i++)
        {
            await app.AddEntryAsync(start.AddMinutes(i), AuditActions.UserCreated, $"{marker}-{i:00}");
        }

        using var client = await app.SignedInAsAsync(Roles.Auditor);

        var first = await client.GetPageAsync($"/audit?target={marker}");
        var second = await client.GetPageAsync($"/audit?target={marker}&page=2");

        var firstTargets = TargetsIn(first, marker);
        firstTargets.Should().HaveCount(50);
        firstTargets[0].Should().Be($"{marker}-55");
        firstTargets[^1].Should().Be($"{marker}-06");
        TargetsIn(second, marker).Should().Equal($"{marker}-05", $"{marker}-04", $"{marker}-03", $"{marker}-02", $"{marker}-01");
        first.Should().Contain($"href=\"/audit?target={marker}&amp;page=2\"", "the next-page link keeps the filter");
        first.Should().Contain("共55条记录，第1/2页");
        second.Should().Contain($"rel=\"prev\" href=\"/audit?target={marker}\"");
    }

    [Fact]
    public async Task The_page_offers_no_way_to_change_or_delete_an_entry()
    {
        var marker = Marker();
        await app.AddEntryAsync(DateTime.UtcNow, AuditActions.SignIn, marker);
        using var client = await app.SignedInAsAsync(Roles.Auditor);

        var html = await client.GetPageAsync($"/audit?target={marker}");

        var main = html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];
        main.Should().NotContainEquivalentOf("method=\"post\"", "the only form on the page is the GET filter");
        main.Should().Contain("<form method=\"get\" action=\"/audit\"");
        main.Should().Contain("formaction=\"/audit/export\"");
    }

    internal static string Marker() => "m" + Guid.NewGuid().ToString("N")[..10];

    private static string SingleRow(string html)
    {
        var rows = BodyRow().Matches(html).Select(m => m.Value).ToList();
        rows.Should().ContainSingle();
        return rows[0];
    }

    /// <summary>The target names in the table that start with the marker, in the order shown.</summary>
    private static List<string> TargetsIn(string html, string marker) =>
        TargetCell().Matches(html)
            .Select(m => WebTestHelpers.Decoded(m.Groups[1].Value).Trim())
            .Select(cell => cell.Split(['\n', ' '], StringSplitOptions.RemoveEmptyEntries).Single(w => w.StartsWith(marker, StringComparison.Ordinal)))
            .ToList();

    private static bool HasChinese(string text) => text.Any(c => c >= '\u4e00' && c <= '\u9fff');

    [GeneratedRegex("<tr>\\s*<td class=\"text-nowrap\">.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex BodyRow();

    [GeneratedRegex("<td class=\"audit-target\">(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex TargetCell();

    [GeneratedRegex("<option value=\"([A-Za-z]+)\"(?: selected=\"selected\")?>([^<]*)</option>")]
    private static partial Regex ActionOption();
}
