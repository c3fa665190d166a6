using System.Globalization;

namespace EduPlan.Cli.Tests.Demo;

/// <summary>
/// The demo writes only what a user could have written: every report of a demo database, re-checked against the
/// portal's rules (<see cref="DemoRulesCheck"/>), and the check itself shown to catch a report the portal would refuse.
/// </summary>
[Collection(DemoRunCollection.Name)]
public sealed class DemoRulesTests(DemoRun run)
{
    [Fact]
    public async Task Every_report_of_the_demo_passes_the_portal_s_rules_with_its_history_and_audit_entries()
    {
        run.Result.ExitCode.Should().Be(0, run.Result.ToString());
        ((long)run.Sandbox.Scalar("""SELECT COUNT(*) FROM "ProgressReports" """)!).Should().BeGreaterThan(1000, "the check has something to check");

        var violations = await DemoRulesCheck.ViolationsAsync(run.Sandbox);

        violations.Should().BeEmpty();
    }

    [Fact]
    public async Task The_check_finds_reports_the_portal_would_refuse()
    {
        using var sandbox = new CliSandbox();
        (await sandbox.RunAsync("demo", "--today", DemoRun.Today, "--departments", "3", "--seed", "5")).ExitCode.Should().Be(0);
        (await DemoRulesCheck.ViolationsAsync(sandbox)).Should().BeEmpty();
        var submitted = Convert.ToInt64(sandbox.Scalar("""SELECT MIN("ReportId") FROM "ReportRevisions" WHERE "Action" = 'Submitted'"""), CultureInfo.InvariantCulture);
        var approved = Convert.ToInt64(sandbox.Scalar($"""SELECT MIN("Id") FROM "ProgressReports" WHERE "State" = 'Approved' AND "Id" <> {submitted}"""), CultureInfo.InvariantCulture);
        var audited = Convert.ToInt64(sandbox.Scalar(
            """SELECT MAX(CAST("TargetId" AS BIGINT)) FROM "AuditEntries" WHERE "Action" = 'ReportApproved' AND "OccurredAt" < '2025-06-01'"""), CultureInfo.InvariantCulture);

        // The database refuses to rewrite report history (migration RevisionsAppendOnly); someone with the rights to drop
        // its triggers still could, and the check must find what they did.
        sandbox.Execute(sandbox.OnPostgres
            ? """DROP TRIGGER "ReportRevisions_AppendOnly" ON "ReportRevisions"; DROP TRIGGER "ProgressReports_ApprovedOnlyReopened" ON "ProgressReports";"""
            : """DROP TRIGGER "ReportRevisions_NoUpdate"; DROP TRIGGER "ProgressReports_ApprovedOnlyReopened";""");

        // A submission of 150 %, an approved report changed behind its history's back, an approval no longer audited (older than 180 days).
        var percent150 = sandbox.OnPostgres ? """jsonb_set("Snapshot"::jsonb, '{Percent}', '150')::text""" : """json_set("Snapshot", '$.Percent', 150)""";
        sandbox.Execute($"""UPDATE "ReportRevisions" SET "Snapshot" = {percent150} WHERE "ReportId" = {submitted} AND "Action" = 'Submitted'""")
            .Should().BeGreaterThan(0);
        sandbox.Execute($"""UPDATE "ProgressReports" SET "Progress" = "Progress" || '（改）' WHERE "Id" = {approved}""").Should().Be(1);
        sandbox.Execute($"""DELETE FROM "AuditEntries" WHERE "Action" = 'ReportApproved' AND "TargetId" = '{audited}'""").Should().Be(1);

        var violations = await DemoRulesCheck.ViolationsAsync(sandbox);

        violations.Should().Contain(v => v.StartsWith($"report {submitted} ", StringComparison.Ordinal) && v.Contains("Percent", StringComparison.Ordinal));
        violations.Should().Contain(v => v.StartsWith($"report {approved} ", StringComparison.Ordinal) && v.Contains("not its last revision", StringComparison.Ordinal));
        violations.Should().Contain(v => v.StartsWith($"report {audited} ", StringComparison.Ordinal) && v.Contains("no audit entry", StringComparison.Ordinal));
    }
}
