using System.Data.Common;
using EduPlan.Application.Reporting.Review;
using EduPlan.Application.Tests.Reporting.Review;
using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Tests.Reporting.History;

/// <summary>
/// Report history cannot be rewritten: the DbContext (ReportHistoryInterceptor) and the database's triggers (migration
/// RevisionsAppendOnly; SQLite here, PostgreSQL on the PostgreSQL run) refuse to change or delete a revision, and to
/// delete an approved report or change it other than by reopening, which writes a new revision.
/// </summary>
public sealed class ReportHistoryAppendOnlyTests : IAsyncLifetime
{
    private readonly ReportingDatabase database = new();

    public Task InitializeAsync() => database.InitializeAsync();

    public Task DisposeAsync() => database.DisposeAsync();

    private TestDatabase Sql => database.Data.Database;

    [Fact]
    public async Task The_context_refuses_to_change_or_delete_a_revision()
    {
        var id = await database.SubmittedAsync(database.Education);

        await using (var db = database.Data.Context())
        {
            var revision = await db.ReportRevisions.SingleAsync(r => r.ReportId == id && r.Number == 1);
            revision.Comment = "改写的历史";
            var change = () => db.SaveChangesAsync();
            await change.Should().ThrowAsync<InvalidOperationException>().WithMessage("*append-only*");
        }

        await using (var db = database.Data.Context())
        {
            db.ReportRevisions.Remove(await db.ReportRevisions.SingleAsync(r => r.ReportId == id && r.Number == 1));
            var delete = () => db.SaveChangesAsync();
            await delete.Should().ThrowAsync<InvalidOperationException>().WithMessage("*append-only*");
        }

        (await RevisionCommentsAsync(id)).Should().Equal(null, null);
    }

    [Fact]
    public async Task The_context_refuses_to_edit_or_delete_an_approved_report()
    {
        var id = await database.ApprovedAsync(database.Education, progress: "审核通过的进展");

        await using (var db = database.Data.Context())
        {
            var report = await db.ProgressReports.SingleAsync(r => r.Id == id);
            report.Progress = "审核后悄悄改写";
            var edit = () => db.SaveChangesAsync();
            await edit.Should().ThrowAsync<InvalidOperationException>().WithMessage("*changes only by reopening*");
        }

        await using (var db = database.Data.Context())
        {
            var report = await db.ProgressReports.SingleAsync(r => r.Id == id);
            report.State = ReportState.Returned;
            report.Percent = 99;
            var reopenAndEdit = () => db.SaveChangesAsync();
            await reopenAndEdit.Should().ThrowAsync<InvalidOperationException>("reopening keeps the content as approved");
        }

        await using (var db = database.Data.Context())
        {
            db.ProgressReports.Remove(await db.ProgressReports.SingleAsync(r => r.Id == id));
            var delete = () => db.SaveChangesAsync();
            await delete.Should().ThrowAsync<InvalidOperationException>().WithMessage("*changes only by reopening*");
        }

        var stored = await database.ReportAsync(id);
        stored.State.Should().Be(ReportState.Approved);
        stored.Progress.Should().Be("审核通过的进展");
    }

    [Fact]
    public async Task Reopening_an_approved_report_writes_a_new_revision_and_leaves_the_old_ones_as_they_were()
    {
        var id = await database.ApprovedAsync(database.Education, progress: "审核通过的进展");
        var before = await RevisionsAsync(id);

        var result = await database.ReviewAsync(r => r.ReopenAsync(id, 3, "数据口径有误，请核实后重新提交"));

        result.Kind.Should().Be(ResultKind.Saved);
        var after = await RevisionsAsync(id);
        after.Take(before.Count).Should().BeEquivalentTo(before, options => options.WithStrictOrdering());
        after.Should().HaveCount(before.Count + 1);
        after[^1].Should().BeEquivalentTo(new { Number = 4, Action = ReportAction.Reopened, StateAfter = ReportState.Returned });
        (await database.ReportAsync(id)).Progress.Should().Be("审核通过的进展");
    }

    [Fact]
    public async Task The_database_refuses_SQL_that_changes_or_deletes_a_revision()
    {
        var id = await database.SubmittedAsync(database.Education);

        var update = () => Sql.ExecuteAsync($"""UPDATE "ReportRevisions" SET "Comment" = 'tampered' WHERE "ReportId" = {id}""");
        var delete = () => Sql.ExecuteAsync($"""DELETE FROM "ReportRevisions" WHERE "ReportId" = {id}""");

        await update.Should().ThrowAsync<DbException>().WithMessage("*ReportRevisions is append-only*");
        await delete.Should().ThrowAsync<DbException>().WithMessage("*ReportRevisions is append-only*");
        (await RevisionCommentsAsync(id)).Should().Equal(null, null);
    }

    [Fact]
    public async Task The_database_refuses_SQL_that_edits_or_deletes_an_approved_report_but_lets_a_draft_change()
    {
        var approved = await database.ApprovedAsync(database.Education, progress: "审核通过的进展");
        var draft = await database.DraftAsync(database.Finance, progress: "草稿");

        var edit = () => Sql.ExecuteAsync($"""UPDATE "ProgressReports" SET "Progress" = 'tampered' WHERE "Id" = {approved}""");
        var unapprove = () => Sql.ExecuteAsync($"""UPDATE "ProgressReports" SET "State" = 'Draft' WHERE "Id" = {approved}""");
        var reopenAndEdit = () => Sql.ExecuteAsync($"""UPDATE "ProgressReports" SET "State" = 'Returned', "Percent" = 99 WHERE "Id" = {approved}""");
        var deleteApproved = () => Sql.ExecuteAsync($"""DELETE FROM "ProgressReports" WHERE "Id" = {approved}""");

        await edit.Should().ThrowAsync<DbException>().WithMessage("*changes only by reopening*");
        await unapprove.Should().ThrowAsync<DbException>().WithMessage("*changes only by reopening*");
        await reopenAndEdit.Should().ThrowAsync<DbException>().WithMessage("*changes only by reopening*");
        await deleteApproved.Should().ThrowAsync<DbException>();
        (await Sql.ExecuteAsync($"""UPDATE "ProgressReports" SET "Progress" = '草稿改过' WHERE "Id" = {draft}""")).Should().Be(1);
        (await Sql.ExecuteAsync($"""UPDATE "ProgressReports" SET "State" = 'Returned', "ReviewComment" = '重新打开' WHERE "Id" = {approved}""")).Should().Be(1, "a reopening keeps the content");
        (await database.ReportAsync(approved)).Progress.Should().Be("审核通过的进展");
    }

    private Task<List<ReportRevision>> RevisionsAsync(int reportId) =>
        database.QueryAsync(db => db.ReportRevisions.AsNoTracking().Where(r => r.ReportId == reportId).OrderBy(r => r.Number).ToListAsync());

    private async Task<List<string?>> RevisionCommentsAsync(int reportId) =>
        (await RevisionsAsync(reportId)).Select(r => r.Comment).ToList();
}
