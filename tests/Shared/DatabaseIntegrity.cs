using EduPlan.Application.Auditing;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Tests;

/// <summary>
/// What must hold after a process was killed in the middle of writing: the database's own integrity check, every
/// report's history complete (revisions 1..Revision), every submission audited, and each plan imported whole.
/// </summary>
public static class DatabaseIntegrity
{
    /// <summary>The problems found; empty when the database is sound. A schema left half migrated gets the engine's check only.</summary>
    public static async Task<List<string>> CheckAsync(DatabaseSettings settings)
    {
        await using var db = new EduPlanDbContext(new DbContextOptionsBuilder<EduPlanDbContext>().UseEduPlanDatabase(settings).Options);
        var problems = new List<string>();
        if (db.Database.IsSqlite())
        {
            var check = await db.Database.SqlQueryRaw<string>("SELECT integrity_check AS Value FROM pragma_integrity_check").ToListAsync();
            if (check is not ["ok"])
            {
                problems.AddRange(check.Select(c => "integrity_check: " + c));
            }

            var orphans = await db.Database.SqlQueryRaw<string>("""SELECT "table" || ' row ' || rowid AS Value FROM pragma_foreign_key_check""").ToListAsync();
            problems.AddRange(orphans.Select(o => "foreign key broken: " + o));
        }
        else
        {
            // PostgreSQL enforces foreign keys at all times; its B-tree indexes are checked with amcheck where allowed.
            problems.AddRange(await CheckPostgresIndexesAsync(db));
        }

        if ((await DatabaseMigrations.PendingAsync(db)).Count > 0)
        {
            // Killed while migrating: the next start (or CLI write) applies the rest; no data can be there yet.
            return problems;
        }

        var reports = await db.ProgressReports.AsNoTracking()
            .Select(r => new
            {
                r.Id,
                r.Revision,
                Count = r.Revisions.Count(),
                Max = r.Revisions.Max(v => (int?)v.Number),
                Submissions = r.Revisions.Count(v => v.Action == ReportAction.Submitted),
            })
            .ToListAsync();
        var audited = (await db.AuditEntries.AsNoTracking()
                .Where(a => a.Action == AuditActions.ReportSubmitted && a.TargetType == "Report")
                .Select(a => a.TargetId)
                .ToListAsync())
            .GroupBy(id => id).ToDictionary(g => g.Key ?? "", g => g.Count());
        foreach (var report in reports)
        {
            if (report.Count == 0 || report.Max != report.Revision || report.Count != report.Revision)
            {
                problems.Add($"report {report.Id} is at revision {report.Revision} but has {report.Count} revisions (highest {report.Max})");
            }

            var entries = audited.GetValueOrDefault(report.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (entries != report.Submissions)
            {
                problems.Add($"report {report.Id} was submitted {report.Submissions} times but has {entries} ReportSubmitted audit entries");
            }
        }

        var plans = await db.Plans.AsNoTracking().Select(p => new { p.Code, Tasks = p.Tasks.Count, Sections = p.Sections.Count }).ToListAsync();
        foreach (var plan in plans.Where(p => p.Tasks == 0 || p.Sections == 0))
        {
            problems.Add($"plan {plan.Code} has {plan.Sections} sections and {plan.Tasks} tasks: half imported");
        }

        return problems;
    }

    private static async Task<List<string>> CheckPostgresIndexesAsync(EduPlanDbContext db)
    {
        try
        {
            await db.Database.ExecuteSqlRawAsync("CREATE EXTENSION IF NOT EXISTS amcheck");
        }
        catch (Exception e) when (e is Npgsql.PostgresException)
        {
            return [];
        }

        var failures = new List<string>();
        var indexes = await db.Database.SqlQueryRaw<string>("""
            SELECT c.relname AS "Value" FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
            WHERE am.amname = 'btree' AND c.relnamespace = 'public'::regnamespace
            """).ToListAsync();
        foreach (var index in indexes)
        {
            try
            {
                var name = $"public.\"{index}\"";
                await db.Database.ExecuteSqlAsync($"SELECT bt_index_check({name}::regclass, true)");
            }
            catch (Npgsql.PostgresException e)
            {
                failures.Add($"index {index}: {e.MessageText}");
            }
        }

        return failures;
    }
}
