using EduPlan.Application.Auditing;
using EduPlan.Application.Progress;
using EduPlan.Application.Users;
using EduPlan.Core.Auditing;
using EduPlan.Core.Messages;
using EduPlan.Core.Reporting;
using EduPlan.Core.Text;
using EduPlan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduPlan.Application.Reporting.Review;

/// <summary>
/// A coordinator's review of a submitted report: approve it, return it with a comment (which may point at a field),
/// or reopen an approved one with a reason. Only the workflow's steps are allowed; each is checked against the
/// revision the coordinator saw, recorded in the report's history and audited in the same save. No one approves or
/// returns a report of their own department or one they submitted themselves (403 with the reason), unless
/// <see cref="ReportingOptions.AllowSelfReview"/> is on for a one-person office; then each such step is audited as
/// <see cref="AuditActions.ReportSelfReviewed"/> beside the step itself. Every review, page or batch, comes through here.
/// </summary>
public sealed class ReportReview(EduPlanDbContext db, AuditLog audit, TimeProvider clock, IOptions<ReportingOptions> options)
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
    public Task<Result<ReviewedReport>> ApproveAsync(int reportId, int postedRevision, CancellationToken cancellationToken = default) =>
        RunAsync(reportId, postedRevision, Step.Approve, null, null, cancellationToken);

    /// <summary>Submitted → Returned with a required comment (at most 4,000 characters), optionally pointing at one of <see cref="ReviewableFields.All"/>.</summary>
    public Task<Result<ReviewedReport>> ReturnAsync(int reportId, int postedRevision, string? comment, string? field = null, CancellationToken cancellationToken = default) =>
        RunAsync(reportId, postedRevision, Step.Return, comment, field, cancellationToken);

    /// <summary>Approved → Returned with a required reason, so the department edits and submits again.</summary>
    public Task<Result<ReviewedReport>> ReopenAsync(int reportId, int postedRevision, string? reason, CancellationToken cancellationToken = default) =>
        RunAsync(reportId, postedRevision, Step.Reopen, reason, null, cancellationToken);

    private async Task<Result<ReviewedReport>> RunAsync(int reportId, int postedRevision, Step step, string? text, string? field, CancellationToken cancellationToken)
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
            return NotFound();
        }

        var self = step == Step.Reopen ? null : await SelfReviewAsync(report, cancellationToken);
        if (self is not null && !options.Value.AllowSelfReview)
        {
            return Result<ReviewedReport>.Forbidden(
                self == SelfReview.Department ? new Message("Review_OwnDepartment", report.Department!.ShortName) : new Message("Review_OwnSubmission"),
                Summary(report));
        }

        var comment = TextSanitiser.FreeText(text)?.Trim();
        var errors = Validate(step, comment, field, out var pointsAt);
        if (errors.Count > 0)
        {
            return Result<ReviewedReport>.Invalid(errors, Summary(report));
        }

        if (report.Revision != postedRevision)
        {
            return await ConflictAsync(report, cancellationToken);
        }

        if (ReportWorkflow.Refusal(report.State, ActionOf(step)) is { } refusal)
        {
            return Result<ReviewedReport>.Refused(refusal, Summary(report));
        }

        // One value per indicator, department and quarter: a second, different value is not published.
        if (step == Step.Approve && await IndicatorValueConflicts.RefusalAsync(db, report, cancellationToken) is { } clash)
        {
            return Result<ReviewedReport>.Refused(clash, Summary(report));
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
        if (self is not null)
        {
            // Allowed by Reporting:AllowSelfReview: said in its own entry, so an auditor finds every use of the exception.
            audit.Add(AuditActions.ReportSelfReviewed, AuditOutcome.Success, Target(report), new { step = step.ToString(), revision = revision.Number, why = self.ToString() });
        }
        try
        {
            // The lights and the leaders' figures change with the report, in the same transaction.
            await ProgressReadModel.SaveChangesAsync(db, [report.TaskId], cancellationToken);
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
                return NotFound();
            }

            if (current.Revision == postedRevision)
            {
                throw;
            }

            return await ConflictAsync(current, cancellationToken);
        }

        return Result<ReviewedReport>.Saved(Summary(report));
    }

    /// <summary>Why the acting user is too close to the report to review it: a member of its department, or its last submitter.</summary>
    private enum SelfReview
    {
        Department,
        Submitter,
    }

    private async Task<SelfReview?> SelfReviewAsync(ProgressReport report, CancellationToken cancellationToken)
    {
        var userId = audit.Actor.UserId;
        if (userId is null)
        {
            return null;
        }

        var department = await db.Users.Where(u => u.Id == userId).Select(u => u.DepartmentId).SingleOrDefaultAsync(cancellationToken);
        if (department == report.DepartmentId)
        {
            return SelfReview.Department;
        }

        var submitter = await db.ReportRevisions
            .Where(r => r.ReportId == report.Id && r.Action == ReportAction.Submitted)
            .OrderByDescending(r => r.Number)
            .Select(r => r.ActorId)
            .FirstOrDefaultAsync(cancellationToken);
        return submitter == userId ? SelfReview.Submitter : null;
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
        if (string.IsNullOrEmpty(comment))
        {
            errors.Add(FieldError.Of(key, step == Step.Return ? "Review_CommentRequired" : "Review_ReasonRequired"));
        }
        else if (comment.Length > ProgressReport.MaxTextLength)
        {
            errors.Add(FieldError.Of(key, step == Step.Return ? "Review_CommentTooLong" : "Review_ReasonTooLong", ProgressReport.MaxTextLength, comment.Length));
        }

        if (step == Step.Return && !string.IsNullOrWhiteSpace(field))
        {
            pointsAt = ReviewableFields.Find(field);
            if (pointsAt is null)
            {
                errors.Add(FieldError.Of(FieldField, "Review_FieldUnknown"));
            }
        }

        return errors;
    }

    private static Result<ReviewedReport> NotFound() => Result<ReviewedReport>.NotFound(new Message("Reading_NotFound"));

    private async Task<Result<ReviewedReport>> ConflictAsync(ProgressReport current, CancellationToken cancellationToken) =>
        Result<ReviewedReport>.Conflict(Summary(current), new Message(
            "Review_Conflict", await PersonNames.ShownAsync(db, current.UpdatedByName, cancellationToken), ChinaCalendar.ToChina(current.UpdatedAt), current.State));

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
