using System.Net;
using System.Text;
using System.Text.Json;
using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Core.Auditing;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Audit;

/// <summary>GET /audit/export: a CSV Excel opens correctly in China, safe against formula injection, and itself audited.</summary>
public sealed class AuditExportTests(AuditApp app) : IClassFixture<AuditApp>
{
    private static readonly string[] Header =
        ["时间（北京时间）", "操作", "操作代码", "结果", "操作人", "操作人ID", "客户端地址", "对象类型", "对象ID", "对象名称", "详情"];

    [Fact]
    public async Task Export_is_UTF8_CSV_with_a_byte_order_mark_a_Chinese_header_and_one_record_per_entry()
    {
        var marker = AuditPageTests.Marker();
        await app.AddEntryAsync(new DateTime(2026, 3, 1, 16, 30, 5, DateTimeKind.Utc), AuditActions.DepartmentUpdated, marker + "-市教委",
            AuditOutcome.Success, actor: "张管理", address: "10.0.0.9", targetType: "Department", targetId: "7",
            details: new { before = new { Name = "市教委" }, after = new { Name = "重庆市教育委员会" } });
        await app.AddEntryAsync(new DateTime(2026, 3, 1, 17, 0, 0, DateTimeKind.Utc), AuditActions.SignInFailed, marker + "-second",
            AuditOutcome.Failure, actor: "lisi", address: null, targetId: null,
            details: "他说：\"密码错了\",\r\n然后换行");
        using var client = await app.SignedInAsAsync(Roles.Auditor);

        var response = await client.GetAsync($"/audit/export?target={marker}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentType.CharSet.Should().Be("utf-8");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        response.Content.Headers.ContentDisposition.FileName.Should().MatchRegex("^eduplan-audit-\\d{8}-\\d{6}\\.csv$");
        response.Headers.CacheControl!.NoStore.Should().BeTrue("an audit export must not linger in a proxy cache");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal([0xEF, 0xBB, 0xBF], "Excel needs the BOM to read UTF-8");
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3);
        text.Should().NotStartWith("\uFEFF", "there is exactly one BOM");

        var records = Rfc4180.Parse(text);

        records[0].Should().Equal(Header);
        records.Should().HaveCount(3).And.OnlyContain(r => r.Count == Header.Length);
        records[1].Should().Equal(
            "2026-03-02 01:00:00", "登录失败", "SignInFailed", "失败", "lisi", "actor-id-lisi", "", "用户", "", marker + "-second",
            "他说：\"密码错了\",\r\n然后换行");
        records[2].Should().Equal(
            "2026-03-02 00:30:05", "修改单位", "DepartmentUpdated", "成功", "张管理", "actor-id-张管理", "10.0.0.9", "单位", "7", marker + "-市教委",
            "{\"before\":{\"Name\":\"市教委\"},\"after\":{\"Name\":\"重庆市教育委员会\"}}");
    }

    [Fact]
    public async Task Cells_that_a_spreadsheet_would_run_as_a_formula_are_prefixed_with_a_quote()
    {
        var marker = AuditPageTests.Marker();
        await app.AddEntryAsync(DateTime.UtcNow.AddMinutes(-4), AuditActions.UserCreated, "=cmd|' /C calc'!A0", actor: marker + "a", targetId: "=1+1");
        await app.AddEntryAsync(DateTime.UtcNow.AddMinutes(-3), AuditActions.UserCreated, "+SUM(A1:A9)", actor: marker + "b", targetId: "@SUM(1)");
        await app.AddEntryAsync(DateTime.UtcNow.AddMinutes(-2), AuditActions.UserCreated, "-2+3,\"x\"", actor: marker + "c", targetId: "\t=1");
        await app.AddEntryAsync(DateTime.UtcNow.AddMinutes(-1), AuditActions.UserCreated, "\r=1", actor: marker + "d", targetId: "a=b", details: "=HYPERLINK(\"http://evil\")");
        using var client = await app.SignedInAsAsync(Roles.Auditor);

        var records = await ExportAsync(client, $"/audit/export?actor={marker}");

        var byActor = records.Skip(1).ToDictionary(r => r[4]);
        byActor[marker + "a"][9].Should().Be("'=cmd|' /C calc'!A0");
        byActor[marker + "a"][8].Should().Be("'=1+1");
        byActor[marker + "b"][9].Should().Be("'+SUM(A1:A9)");
        byActor[marker + "b"][8].Should().Be("'@SUM(1)");
        byActor[marker + "c"][9].Should().Be("'-2+3,\"x\"", "the prefix goes inside the quoted cell");
        byActor[marker + "c"][8].Should().Be("'\t=1");
        byActor[marker + "d"][9].Should().Be("'\r=1");
        byActor[marker + "d"][8].Should().Be("a=b", "only the first character matters");
        byActor[marker + "d"][10].Should().Be("'=HYPERLINK(\"http://evil\")");
    }

    [Fact]
    public async Task Export_is_recorded_with_the_auditor_and_the_filter_used()
    {
        var marker = AuditPageTests.Marker();
        await app.AddEntryAsync(new DateTime(2026, 4, 2, 3, 0, 0, DateTimeKind.Utc), AuditActions.SignIn, marker);
        await app.AddEntryAsync(new DateTime(2026, 4, 2, 4, 0, 0, DateTimeKind.Utc), AuditActions.SignIn, marker + "-2");
        using var client = await app.SignedInAsAsync(Roles.Auditor);

        var records = await ExportAsync(client, $"/audit/export?from=2026-04-01&to=2026-04-30&action=SignIn&target={marker}");

        records.Should().HaveCount(3);
        var exported = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditActions.AuditExported && a.Details!.Contains(marker))
            .ToListAsync());
        var entry = exported.Should().ContainSingle().Subject;
        entry.ActorName.Should().Be(AuditApp.Auditor);
        entry.ActorId.Should().NotBeNullOrEmpty();
        entry.Outcome.Should().Be(AuditOutcome.Success);
        entry.OccurredAt.Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(1));
        using var details = JsonDocument.Parse(entry.Details!);
        details.RootElement.GetProperty("from").GetString().Should().Be("2026-04-01");
        details.RootElement.GetProperty("to").GetString().Should().Be("2026-04-30");
        details.RootElement.GetProperty("action").GetString().Should().Be("SignIn");
        details.RootElement.GetProperty("target").GetString().Should().Be(marker);
        details.RootElement.GetProperty("rows").GetInt32().Should().Be(2);
        details.RootElement.TryGetProperty("actor", out _).Should().BeFalse("only the fields that were filled in are recorded");
    }

    [Fact]
    public async Task The_audit_page_shows_exports_too()
    {
        var marker = AuditPageTests.Marker();
        using var client = await app.SignedInAsAsync(Roles.Auditor);
        await ExportAsync(client, $"/audit/export?target={marker}");

        var html = await client.GetPageAsync($"/audit?action=AuditExported&actor={AuditApp.Auditor}");

        html.Should().Contain("导出审计日志").And.Contain($"target：</span>{marker}").And.Contain("rows：</span>0");
    }

    [Fact]
    public async Task An_invalid_filter_exports_nothing_and_is_not_recorded()
    {
        var marker = AuditPageTests.Marker();
        using var client = await app.SignedInAsAsync(Roles.Auditor);

        var response = await client.GetAsync($"/audit/export?action=NoSuchAction&target={marker}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await response.Content.ReadAsStringAsync()).Should().Contain("没有这种操作类型。");
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.AuditExported && a.Details!.Contains(marker))))
            .Should().Be(0);
    }

    internal static async Task<List<List<string>>> ExportAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal([0xEF, 0xBB, 0xBF]);
        return Rfc4180.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }
}
