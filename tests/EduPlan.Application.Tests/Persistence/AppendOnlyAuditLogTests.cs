using System.Data.Common;
using EduPlan.Application.Auditing;
using EduPlan.Core.Auditing;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Tests.Persistence;

/// <summary>The audit log can only grow: the DbContext and the database's triggers (SQLite, PostgreSQL) both refuse changes, and deletes before 180 days.</summary>
public sealed class AppendOnlyAuditLogTests
{
    [Fact]
    public async Task The_context_refuses_to_save_a_changed_audit_entry()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await InsertAsync(database, DateTime.UtcNow, "original");

        await using (var db = database.CreateContext())
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.Id == id);
            entry.TargetName = "tampered";
            entry.Outcome = AuditOutcome.Success;

            var save = () => db.SaveChangesAsync();
            await save.Should().ThrowAsync<InvalidOperationException>().WithMessage("*append-only*");
        }

        (await TargetNameAsync(database, id)).Should().Be("original");
    }

    [Fact]
    public async Task The_context_refuses_to_delete_an_audit_entry_even_an_old_one()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await InsertAsync(database, DateTime.UtcNow.AddDays(-400), "old");

        await using (var db = database.CreateContext())
        {
            db.AuditEntries.Remove(await db.AuditEntries.SingleAsync(a => a.Id == id));

            var save = () => db.SaveChangesAsync();
            await save.Should().ThrowAsync<InvalidOperationException>().WithMessage("*append-only*");
        }

        (await CountAsync(database)).Should().Be(1, "purging old rows is the operator's job, never the application's");
    }

    [Fact]
    public async Task Adding_new_entries_next_to_other_changes_is_allowed()
    {
        await using var database = await TestDatabase.CreateAsync();

        await using (var db = database.CreateContext())
        {
            var log = new AuditLog(db, new FixedAuditActor("u1", "zhangsan", "10.0.0.8"), TimeProvider.System);
            log.Add(AuditActions.DepartmentCreated, AuditOutcome.Success, AuditTarget.Department(7, "市教委"), new { after = new { Name = "市教委" } });
            db.Departments.Add(new Core.Organisation.Department { Name = "市教委", ShortName = "市教委", Kind = Core.Organisation.DepartmentKind.MunicipalDepartment });
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            var saved = await db.AuditEntries.SingleAsync();
            saved.ActorName.Should().Be("zhangsan");
            saved.TargetName.Should().Be("市教委");
            saved.Details.Should().Be("{\"after\":{\"Name\":\"市教委\"}}", "Chinese stays readable in the stored JSON");
            saved.OccurredAt.Kind.Should().Be(DateTimeKind.Utc);
        }
    }

    [Fact]
    public async Task A_raw_SQL_update_is_refused_by_the_database()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await InsertAsync(database, DateTime.UtcNow.AddDays(-400), "original");

        var update = () => database.ExecuteAsync($"""UPDATE "AuditEntries" SET "TargetName" = 'tampered' WHERE "Id" = {id}""");

        await update.Should().ThrowAsync<DbException>().WithMessage("*append-only*");
        (await TargetNameAsync(database, id)).Should().Be("original", "even an entry old enough to be purged cannot be rewritten");
    }

    [Fact]
    public async Task A_bulk_ExecuteUpdate_which_bypasses_the_context_is_refused_by_the_database()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await InsertAsync(database, DateTime.UtcNow, "original");

        await using (var db = database.CreateContext())
        {
            var update = () => db.AuditEntries.ExecuteUpdateAsync(s => s.SetProperty(a => a.TargetName, "tampered"));
            await update.Should().ThrowAsync<DbException>().WithMessage("*append-only*");
        }

        (await TargetNameAsync(database, id)).Should().Be("original");
    }

    [Fact]
    public async Task A_raw_SQL_delete_of_an_entry_younger_than_180_days_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await InsertAsync(database, DateTime.UtcNow.AddDays(-179), "recent");

        var delete = () => database.ExecuteAsync($"""DELETE FROM "AuditEntries" WHERE "Id" = {id}""");

        await delete.Should().ThrowAsync<DbException>().WithMessage("*180 days*");
        (await CountAsync(database)).Should().Be(1);
    }

    [Fact]
    public async Task An_entry_older_than_180_days_may_be_purged_by_the_operator_with_SQL()
    {
        await using var database = await TestDatabase.CreateAsync();
        var oldId = await InsertAsync(database, DateTime.UtcNow.AddDays(-181), "old");
        var recentId = await InsertAsync(database, DateTime.UtcNow.AddDays(-1), "recent");

        (await database.ExecuteAsync($"""DELETE FROM "AuditEntries" WHERE "Id" = {oldId}""")).Should().Be(1);

        (await TargetNameAsync(database, oldId)).Should().BeNull();
        (await TargetNameAsync(database, recentId)).Should().Be("recent");
    }

    [Fact]
    public async Task A_purge_that_would_also_delete_a_recent_entry_deletes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await InsertAsync(database, DateTime.UtcNow.AddDays(-300), "old");
        await InsertAsync(database, DateTime.UtcNow.AddDays(-10), "recent");

        await using (var db = database.CreateContext())
        {
            var purgeAll = () => db.AuditEntries.ExecuteDeleteAsync();
            await purgeAll.Should().ThrowAsync<DbException>().WithMessage("*180 days*");
        }

        (await CountAsync(database)).Should().Be(2, "the statement is rolled back as a whole");
    }

    private static async Task<long> InsertAsync(TestDatabase database, DateTime occurredAtUtc, string targetName)
    {
        await using var db = database.CreateContext();
        var entry = new AuditEntry
        {
            OccurredAt = DateTime.SpecifyKind(occurredAtUtc, DateTimeKind.Utc),
            Action = AuditActions.UserUpdated,
            Outcome = AuditOutcome.Denied,
            ActorName = "admin",
            ClientAddress = "127.0.0.1",
            TargetType = "User",
            TargetId = "u-1",
            TargetName = targetName,
        };
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync();
        return entry.Id;
    }

    private static async Task<string?> TargetNameAsync(TestDatabase database, long id)
    {
        await using var db = database.CreateContext();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Id == id).Select(a => a.TargetName).SingleOrDefaultAsync();
    }

    private static async Task<int> CountAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.AuditEntries.CountAsync();
    }
}
