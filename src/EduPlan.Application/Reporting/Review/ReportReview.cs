using EduPlan.Application.Auditing;
using EduPlan.Core.Auditing;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Application.Reporting.Review;

/// <summary>
/// A coordinator's review of a submitted report: approve it, return it with a comment (which may point at a field),
/// or reopen an approved one with a reason. Only the workflow's steps are allowed; each is checked against the
/// revision the coordinator saw, recorded in the report's history and audited in the same save.
/// </summary>
public sealed class ReportReview(EduPlanDbContext db, AuditLog audit, TimeProvider clock)
{
    /// <summary>Form field of the return comment.</summary>
    public const string CommentField = "Comment";

    /// <summary>Form field of the report field the return comment points at.</summary>
    public const string FieldField = "Field";

    /// <summary>Form field of the reopening reason.</summary>
    public const string ReasonField = "Reason";

    private enum Step
    {
        Approve,
        Return,
        Reopen,
    }

    /// <summary>Submitted → Approved: the report becomes final and visible to everyone.</summary>
    public Task<ReviewResult> ApproveAsync(int reportId, int postedRevision, CancellationToken cancellationToken = default) =>
        RunAsync(reportId, postedRevision, Step.Approve, null, null, cancellationToken);

    /// <summary>Submitted → Returned with a required comment (at most 4,000 characters), optionally pointing at one of <see cref="ReviewableFields.All"/>.</summary>
    public Task<ReviewResult> ReturnAsync(int reportId, int postedRevision, string? comment, string? field = null, CancellationToken cancellationToken = default) =>
        RunAsync(reportId, postedRevision, Step.Return, comment, field, cancellationToken);

    /// <summary>Approved → Returned with a required reason, so the department edits and submits again.</summary>
    public Task<ReviewResult> ReopenAsync(int reportId, int postedRevision, string? reason, CancellationToken cancellationToken = default) =>
        RunAsync(reportId, postedRevision, Step.Reopen, reason, null, cancellationToken);

    private async Task<ReviewResult> RunAsync(int reportId, int postedRevision, Step step, string? text, string? field, CancellationToken cancellationToken)
    {
        var report = await db.ProgressReports
            .Include(r => r.Task!).ThenInclude(t => t.Plan)
            .Include(r => r.Department)
            .Include(r => r.IndicatorValues).ThenInclude(v => v.Indicator)
            .Include(r => r.Evidence)
            .AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null)
        {
            return new ReviewResult(ReviewOutcome.NotFound, null, [new FieldError(FieldError.Form, "没有这份报告。")]);
        }

        var comment = text?.Trim();
        var errors = Validate(step, comment, field, out var pointsAt);
        if (errors.Count > 0)
        {
            return new ReviewResult(ReviewOutcome.Invalid, Summary(report), errors);
        }

        if (report.Revision != postedRevision)
        {
            return Conflict(report);
        }

        if (ReportWorkflow.Refusal(report.State, ActionOf(step)) is { } refusal)
        {
            return new ReviewResult(ReviewOutcome.Refused, Summary(report), [new FieldError(FieldError.Form, refusal)]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var actor = audit.Actor;
        db.Entry(report).Property(r => r.Revision).OriginalValue = postedRevision;
        report.State = ReportWorkflow.After(report.State, ActionOf(step));
        string action;
        switch (step)
        {
            case Step.Approve:
                report.ApprovedAt = now;
                report.ApprovedByName = actor.UserName;
                report.ReviewComment = null;
                report.ReviewField = null;
                action = AuditActions.ReportApproved;
                break;
            case Step.Return:
                report.ReviewComment = comment;
                report.ReviewField = pointsAt;
                action = AuditActions.ReportReturned;
                break;
            default:
                // No longer approved: the history keeps who approved it and when.
                report.ApprovedAt = null;
                report.ApprovedByName = null;
                report.ReviewComment = comment;
                report.ReviewField = null;
                action = AuditActions.ReportReopened;
                break;
        }

        report.UpdatedById = actor.UserId;
        report.UpdatedByName = actor.UserName;
        var revision = ReportRevisions.Append(db, report, ActionOf(step), actor, now, step == Step.Approve ? null : comment);
        object details = step switch
        {
            Step.Approve => new { revision = revision.Number, status = report.Status.ToString(), percent = report.Percent },
            Step.Return => new { revision = revision.Number, comment, field = pointsAt },
            _ => new { revision = revision.Number, reason = comment },
        };
        audit.Add(action, AuditOutcome.Success, Target(report), details);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The report's revision moved on (or its next revision number was taken) between reading and saving.
            db.ChangeTracker.Clear();
            var current = await db.ProgressReports
                .Include(r => r.Task!).ThenInclude(t => t.Plan)
                .Include(r => r.Department)
                .AsNoTracking()
                .SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken);
            if (current is null)
            {
                return new ReviewResult(ReviewOutcome.NotFound, null, [new FieldError(FieldError.Form, "没有这份报告。")]);
            }

            if (current.Revision == postedRevision)
            {
                throw;
            }

            return Conflict(current);
        }

        return new ReviewResult(ReviewOutcome.Done, Summary(report), []);
    }

    private static List<FieldError> Validate(Step step, string? comment, string? field, out string? pointsAt)
    {
        var errors = new List<FieldError>();
        pointsAt = null;
        if (step == Step.Approve)
        {
            return errors;
        }

        var key = step == Step.Return ? CommentField : ReasonField;
        var what = step == Step.Return ? "退回意见" : "重新打开的原因";
        if (string.IsNullOrEmpty(comment))
        {
            errors.Add(new FieldError(key, step == Step.Return ? "请填写退回意见，说明需要修改的内容" : "请填写重新打开的原因"));
        }
        else if (comment.Length > ProgressReport.MaxTextLength)
        {
            errors.Add(new FieldError(key, $"{what}不能超过{ProgressReport.MaxTextLength}个字（现为{comment.Length}个字）"));
        }

        if (step == Step.Return && !string.IsNullOrWhiteSpace(field))
        {
            pointsAt = ReviewableFields.Find(field);
            if (pointsAt is null)
            {
                errors.Add(new FieldError(FieldField, "请从列表中选择退回意见所指的内容"));
            }
        }

        return errors;
    }

    private static ReviewResult Conflict(ProgressReport current)
    {
        var when = ChinaCalendar.ToChina(current.UpdatedAt).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var message = $"该报告已被他人更新（{current.UpdatedByName}，{when}），现为“{StateName(current.State)}”。你的操作没有执行，请查看最新内容后再决定。";
        return new ReviewResult(ReviewOutcome.Conflict, Summary(current), [new FieldError(FieldError.Form, message)]);
    }

    internal static string StateName(ReportState state) => state switch
    {
        ReportState.Draft => "草稿",
        ReportState.Submitted => "已提交",
        ReportState.Returned => "已退回",
        _ => "已通过",
    };

    private static ReportAction ActionOf(Step step) => step switch
    {
        Step.Approve => ReportAction.Approved,
        Step.Return => ReportAction.Returned,
        _ => ReportAction.Reopened,
    };

    private static AuditTarget Target(ProgressReport report) =>
        AuditTarget.Report(report.Id, report.Task!.Plan!.Code, report.Task.Number, report.Quarter.ToString(), report.Department!.ShortName);

    private static ReviewedReport Summary(ProgressReport report) => new(
        report.Id,
        report.TaskId,
        report.Task!.Plan!.Code,
        report.Task.Number,
        report.Task.Title,
        report.Department!.Name,
        report.Department.ShortName,
        report.Quarter,
        report.State,
        report.Revision,
        report.UpdatedAt,
        report.UpdatedByName);
}
