using System.Text.Json;
using EduPlan.Application;
using EduPlan.Application.Auditing;
using EduPlan.Application.Reporting.Review;
using EduPlan.Core.Auditing;
using EduPlan.Core.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ReportFields = EduPlan.Core.Reporting.ReportFields;

namespace EduPlan.Application.Tests.Reporting.Review;

public class ReportReviewTests : IAsyncLifetime
{
    private readonly ReportingDatabase database = new();

    public Task InitializeAsync() => database.InitializeAsync();

    public Task DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Approve_makes_a_submitted_report_final_with_a_revision_and_an_audit_entry()
    {
        var id = await database.SubmittedAsync(database.Education);
        database.SetChinaTime(new DateTime(2026, 9, 12, 15, 30, 0));

        var result = await database.ReviewAsync(r => r.ApproveAsync(id, 2));

        result.Kind.Should().Be(ResultKind.Saved);
        result.Value!.State.Should().Be(ReportState.Approved);
        var report = await database.ReportAsync(id);
        report.State.Should().Be(ReportState.Approved);
        report.Revision.Should().Be(3);
        report.ApprovedAt.Should().Be(new DateTime(2026, 9, 12, 7, 30, 0));
        report.ApprovedByName.Should().Be("coordinator");
        var revision = (await database.RevisionsAsync(id)).Last();
        revision.Should().BeEquivalentTo(new { Number = 3, Action = ReportAction.Approved, StateAfter = ReportState.Approved, ActorId = "user-coordinator", ActorName = "coordinator", Comment = (string?)null });
        ReportSnapshot.FromJson(revision.Snapshot).State.Should().Be(ReportState.Approved);
        var audit = (await database.AuditAsync(AuditActions.ReportApproved)).Should().ContainSingle().Subject;
        audit.Outcome.Should().Be(AuditOutcome.Success);
        audit.TargetType.Should().Be("Report");
        audit.TargetId.Should().Be(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        audit.TargetName.Should().Be("chongqing#10 2026Q3 市教委");
        audit.ActorName.Should().Be("coordinator");
        JsonDocument.Parse(audit.Details!).RootElement.GetProperty("revision").GetInt32().Should().Be(3);
    }

    [Fact]
    public async Task Return_keeps_the_comment_and_the_field_it_points_at()
    {
        var id = await database.SubmittedAsync(database.Education);

        var result = await database.ReviewAsync(r => r.ReturnAsync(id, 2, "  请补充通过复核的区县名单。  ", "progress"));

        result.Kind.Should().Be(ResultKind.Saved);
        var report = await database.ReportAsync(id);
        report.State.Should().Be(ReportState.Returned);
        report.ReviewComment.Should().Be("请补充通过复核的区县名单。");
        report.ReviewField.Should().Be(ReportFields.Progress, "the field is stored as the form spells it");
        report.ApprovedAt.Should().BeNull();
        var revision = (await database.RevisionsAsync(id)).Last();
        revision.Should().BeEquivalentTo(new { Number = 3, Action = ReportAction.Returned, StateAfter = ReportState.Returned, Comment = "请补充通过复核的区县名单。" });
        var audit = (await database.AuditAsync(AuditActions.ReportReturned)).Should().ContainSingle().Subject;
        var details = JsonDocument.Parse(audit.Details!).RootElement;
        details.GetProperty("comment").GetString().Should().Be("请补充通过复核的区县名单。");
        details.GetProperty("field").GetString().Should().Be("Progress");
    }

    [Fact]
    public async Task Approving_a_resubmitted_report_clears_the_return_comment()
    {
        var id = await database.ReturnedAsync(database.Education, comment: "请补充区县名单");
        await database.SubmitAsync(id, r => r.Progress += "名单见附件。");

        var result = await database.ReviewAsync(r => r.ApproveAsync(id, 4));

        result.Kind.Should().Be(ResultKind.Saved);
        var report = await database.ReportAsync(id);
        report.ReviewComment.Should().BeNull();
        report.ReviewField.Should().BeNull();
        (await database.RevisionsAsync(id)).Select(r => r.Action).Should().Equal(
            ReportAction.Saved, ReportAction.Submitted, ReportAction.Returned, ReportAction.Submitted, ReportAction.Approved);
    }

    [Fact]
    public async Task Reopen_sends_an_approved_report_back_to_the_department_with_the_reason()
    {
        var id = await database.ApprovedAsync(database.Education);

        var result = await database.ReviewAsync(r => r.ReopenAsync(id, 3, "统计口径调整，请按新口径重新填报覆盖率"));

        result.Kind.Should().Be(ResultKind.Saved);
        var report = await database.ReportAsync(id);
        report.State.Should().Be(ReportState.Returned);
        report.ReviewComment.Should().Be("统计口径调整，请按新口径重新填报覆盖率");
        report.ApprovedAt.Should().BeNull("a reopened report is no longer approved");
        report.ApprovedByName.Should().BeNull();
        var revision = (await database.RevisionsAsync(id)).Last();
        revision.Should().BeEquivalentTo(new { Number = 4, Action = ReportAction.Reopened, StateAfter = ReportState.Returned, Comment = "统计口径调整，请按新口径重新填报覆盖率" });
        var audit = (await database.AuditAsync(AuditActions.ReportReopened)).Should().ContainSingle().Subject;
        JsonDocument.Parse(audit.Details!).RootElement.GetProperty("reason").GetString().Should().Be("统计口径调整，请按新口径重新填报覆盖率");
        audit.TargetName.Should().Be("chongqing#10 2026Q3 市教委");
    }

    public static TheoryData<string, string?, string, string> BadInput() => new()
    {
        { "return", "   ", ReportReview.CommentField, "请填写退回意见" },
        { "return", new string('改', ProgressReport.MaxTextLength + 1), ReportReview.CommentField, "不能超过4000个字" },
        { "return-field", "请补充", ReportReview.FieldField, "请从列表中选择" },
        { "reopen", "", ReportReview.ReasonField, "请填写重新打开的原因" },
        { "reopen", null, ReportReview.ReasonField, "请填写重新打开的原因" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Incomplete_input_is_refused_next_to_its_field_and_writes_nothing(string step, string? text, string field, string message)
    {
        var id = step == "reopen" ? await database.ApprovedAsync(database.Education) : await database.SubmittedAsync(database.Education);
        var before = await database.ReportAsync(id);

        var result = await database.ReviewAsync(r => step switch
        {
            "return" => r.ReturnAsync(id, before.Revision, text),
            "return-field" => r.ReturnAsync(id, before.Revision, text, "Password"),
            _ => r.ReopenAsync(id, before.Revision, text),
        });

        result.Kind.Should().Be(ResultKind.Invalid);
        result.Errors.Should().ContainSingle().Which.Should().Match<Core.Messages.FieldError>(e => e.Field == field && e.Message.ToString().Contains(message));
        var after = await database.ReportAsync(id);
        after.State.Should().Be(before.State);
        after.Revision.Should().Be(before.Revision);
        (await database.AuditAsync(AuditActions.ReportReturned)).Should().BeEmpty();
        (await database.AuditAsync(AuditActions.ReportReopened)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_comment_of_exactly_the_longest_length_is_accepted()
    {
        var id = await database.SubmittedAsync(database.Education);

        var result = await database.ReviewAsync(r => r.ReturnAsync(id, 2, new string('改', ProgressReport.MaxTextLength)));

        result.Kind.Should().Be(ResultKind.Saved);
        (await database.ReportAsync(id)).ReviewComment.Should().HaveLength(ProgressReport.MaxTextLength);
    }

    public static TheoryData<ReportState, string, string> Illegal() => new()
    {
        { ReportState.Draft, "approve", "该报告尚未提交" },
        { ReportState.Draft, "return", "该报告尚未提交" },
        { ReportState.Draft, "reopen", "该报告尚未审核通过" },
        { ReportState.Submitted, "reopen", "该报告尚未审核通过" },
        { ReportState.Returned, "approve", "该报告已退回" },
        { ReportState.Returned, "return", "该报告已退回" },
        { ReportState.Approved, "approve", "该报告已审核通过" },
        { ReportState.Approved, "return", "该报告已审核通过" },
    };

    [Theory]
    [MemberData(nameof(Illegal))]
    public async Task A_step_the_workflow_does_not_allow_is_refused_with_its_reason(ReportState state, string step, string reason)
    {
        var id = state switch
        {
            ReportState.Draft => await database.DraftAsync(database.Education),
            ReportState.Submitted => await database.SubmittedAsync(database.Education),
            ReportState.Returned => await database.ReturnedAsync(database.Education),
            _ => await database.ApprovedAsync(database.Education),
        };
        var before = await database.ReportAsync(id);
        var revisions = (await database.RevisionsAsync(id)).Count;
        var audits = await database.QueryAsync(db => db.AuditEntries.CountAsync());

        var result = await database.ReviewAsync(r => step switch
        {
            "approve" => r.ApproveAsync(id, before.Revision),
            "return" => r.ReturnAsync(id, before.Revision, "请修改"),
            _ => r.ReopenAsync(id, before.Revision, "请修改"),
        });

        result.Kind.Should().Be(ResultKind.Refused);
        result.Reason.Should().Contain(reason);
        var after = await database.ReportAsync(id);
        new { after.State, after.Revision, after.UpdatedAt, after.ReviewComment, after.ApprovedAt }
            .Should().Be(new { before.State, before.Revision, before.UpdatedAt, before.ReviewComment, before.ApprovedAt });
        (await database.RevisionsAsync(id)).Should().HaveCount(revisions);
        (await database.QueryAsync(db => db.AuditEntries.CountAsync())).Should().Be(audits);
    }

    [Fact]
    public async Task Of_two_coordinators_acting_on_the_same_revision_the_second_is_told_and_changes_nothing()
    {
        var id = await database.SubmittedAsync(database.Education);
        var other = new FixedAuditActor("user-coordinator-2", "coordinator2", "10.0.0.11");

        var first = await database.ReviewAsync(r => r.ApproveAsync(id, 2));
        var second = await database.ReviewAsync(r => r.ReturnAsync(id, 2, "请补充材料"), other);

        first.Kind.Should().Be(ResultKind.Saved);
        second.Kind.Should().Be(ResultKind.Conflict);
        second.Reason.Should().Contain("已被他人更新").And.Contain("coordinator").And.Contain("已通过");
        second.Value!.State.Should().Be(ReportState.Approved);
        second.Value.Revision.Should().Be(3);
        var report = await database.ReportAsync(id);
        report.State.Should().Be(ReportState.Approved);
        report.ReviewComment.Should().BeNull();
        (await database.RevisionsAsync(id)).Should().HaveCount(3);
        (await database.AuditAsync(AuditActions.ReportReturned)).Should().BeEmpty();
        (await database.AuditAsync(AuditActions.ReportApproved)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_change_saved_between_reading_and_writing_is_a_conflict_not_an_overwrite()
    {
        var id = await database.SubmittedAsync(database.Education);
        // Another request moves the report on after this one has read it, just before this one's transaction starts
        // (the save and the leaders' read model go in one transaction; the test database is one shared connection).
        var race = new BeforeTransaction(() => database.Data.Database.ExecuteAsync(
            $"""UPDATE "ProgressReports" SET "Revision" = "Revision" + 1, "UpdatedByName" = 'coordinator2' WHERE "Id" = {id}"""));

        var result = await database.Use(s => new ReportReview(s.Db, s.Audit, s.Clock, s.Options).ApproveAsync(id, 2), ReportingDatabase.Coordinator, race);

        result.Kind.Should().Be(ResultKind.Conflict);
        result.Reason.Should().Contain("coordinator2");
        var report = await database.ReportAsync(id);
        report.State.Should().Be(ReportState.Submitted);
        report.Revision.Should().Be(3);
        (await database.RevisionsAsync(id)).Should().HaveCount(2);
        (await database.AuditAsync(AuditActions.ReportApproved)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_unknown_report_is_not_found()
    {
        var result = await database.ReviewAsync(r => r.ApproveAsync(999_999, 1));

        result.Kind.Should().Be(ResultKind.NotFound);
        result.Value.Should().BeNull();
    }

    /// <summary>Runs some work once, just before the first transaction of the context it is attached to begins.</summary>
    private sealed class BeforeTransaction(Func<Task> work) : DbTransactionInterceptor
    {
        private bool done;

        public override async ValueTask<InterceptionResult<System.Data.Common.DbTransaction>> TransactionStartingAsync(
            System.Data.Common.DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<System.Data.Common.DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (!done)
            {
                done = true;
                await work();
            }

            return result;
        }
    }
}
