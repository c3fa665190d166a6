using EduPlan.Application.Auditing;
using EduPlan.Application.Security;
using EduPlan.Tests;
using EduPlan.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Audit;

/// <summary>An export stops at <see cref="AuditController.MaxExportRows"/> rows (the newest) and says so in a last record.</summary>
public sealed class AuditExportLimitTests(AuditApp app) : IClassFixture<AuditApp>
{
    [Fact]
    public async Task An_export_over_the_limit_has_the_newest_100000_rows_and_a_note()
    {
        const int entries = AuditController.MaxExportRows + 1;
        // Inserted by SQL in one statement: 100 001 rows through EF would take most of a minute.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(TestDatabases.OnPostgres
            ? $"""
              INSERT INTO "AuditEntries" ("OccurredAt", "Action", "Outcome", "ActorName", "ClientAddress", "TargetType", "TargetId", "TargetName")
              SELECT timestamptz '2026-01-01 00:00:00+00' + i * interval '1 second', 'SignIn', 'Success', 'bulk', '10.0.0.1', 'User', i::text, 'bulk-' || i
              FROM generate_series(1, {entries}) AS i
              """
            : $"""
              WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {entries})
              INSERT INTO AuditEntries (OccurredAt, Action, Outcome, ActorName, ClientAddress, TargetType, TargetId, TargetName)
              SELECT strftime('%Y-%m-%d %H:%M:%S', '2026-01-01', '+' || i || ' seconds'), 'SignIn', 'Success', 'bulk', '10.0.0.1', 'User', i, 'bulk-' || i
              FROM n
              """));
        using var client = await app.SignedInAsAsync(Roles.Auditor);

        var records = await AuditExportTests.ExportAsync(client, "/audit/export?actor=bulk");

        records.Should().HaveCount(1 + AuditController.MaxExportRows + 1, "header, the rows, and the note");
        records[1][9].Should().Be("bulk-" + entries, "the newest entries are the ones exported");
        records[AuditController.MaxExportRows][9].Should().Be("bulk-2");
        records.Should().NotContain(r => r[9] == "bulk-1");
        records[^1][0].Should().StartWith("（仅导出了最新的100000条记录");
        records[^1].Skip(1).Should().OnlyContain(c => c.Length == 0);
        var recorded = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditActions.AuditExported && a.Details!.Contains("\"actor\":\"bulk\""))
            .Select(a => a.Details)
            .SingleAsync());
        recorded.Should().Contain("\"rows\":100000");
    }
}
