using System.Security.Claims;
using EduPlan.Application;
using EduPlan.Application.Reporting.History;
using EduPlan.Application.Reporting.Review;
using EduPlan.Application.Security;
using EduPlan.Core.Reporting;
using EduPlan.Web.Authorization;
using EduPlan.Web.Features.Shared;

namespace EduPlan.Web.Features.Reports;

/// <summary>The report page: one report, its history, a form to compare two versions, and the coordinator's actions.</summary>
public sealed class ReportPageViewModel
{
    public required ReportDetails Report { get; init; }

    /// <summary>What was just done (e.g. reopened), shown once.</summary>
    public string? Message { get; init; }

    /// <summary>A coordinator looking at a submitted report: approve / return forms.</summary>
    public bool CanReview { get; init; }

    /// <summary>A coordinator looking at an approved report: the reopen form.</summary>
    public bool CanReopen { get; init; }

    /// <summary>A reporter of the department, while the report can still be changed: a link to the form.</summary>
    public bool CanEdit { get; init; }

    /// <summary>What a refused or incomplete review step left: messages and the text typed, kept.</summary>
    public ReviewFormState? Review { get; set; }

    /// <summary>The versions the compare form selects at first.</summary>
    public RevisionView? CompareFrom { get; init; }

    public RevisionView? CompareTo { get; init; }

    public static ReportPageViewModel For(ReportDetails report, ClaimsPrincipal user, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(user);
        var coordinator = user.IsInRole(Roles.Coordinator);
        var (from, to) = ReportReading.DefaultComparison(report.ComparableRevisions);
        return new ReportPageViewModel
        {
            Report = report,
            Message = message,
            CanReview = coordinator && report.Header.State == ReportState.Submitted,
            CanReopen = coordinator && report.Header.State == ReportState.Approved,
            CanEdit = report.ViewerIsOwner && user.IsInRole(Roles.Reporter) && ReportWorkflow.IsEditable(report.Header.State),
            CompareFrom = from,
            CompareTo = to,
        };
    }
}

/// <summary>The page comparing two versions of a report.</summary>
public sealed record ReportDiffViewModel(ReportDiff Diff);


/// <summary>
/// The approve / return / reopen forms of one report after a step was refused or incomplete: the messages beside their
/// fields and what the coordinator typed, so nothing is lost.
/// </summary>
public sealed record ReviewFormState(int ReportId)
{
    /// <summary>A refusal or conflict about the report as a whole.</summary>
    public string? Error { get; init; }

    public string? CommentError { get; init; }

    public string? FieldError { get; init; }

    public string? ReasonError { get; init; }

    public string? Comment { get; init; }

    public string? Field { get; init; }

    public string? Reason { get; init; }

    /// <summary>Whether the return form should be open (it has an error or typed text).</summary>
    public bool ReturnOpen => CommentError is not null || FieldError is not null || !string.IsNullOrEmpty(Comment);

    public static ReviewFormState From(
        int reportId, Application.Result<ReviewedReport> result, string? comment = null, string? field = null, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        string? Message(string key) => result.ErrorsFor(key).FirstOrDefault()?.Text();
        return new ReviewFormState(reportId)
        {
            Error = result.Reason?.Text() ?? Message(Core.Messages.FieldError.Form),
            CommentError = Message(ReportReview.CommentField),
            FieldError = Message(ReportReview.FieldField),
            ReasonError = Message(ReportReview.ReasonField),
            Comment = comment,
            Field = field,
            Reason = reason,
        };
    }
}

/// <summary>The approve and return forms of one submitted report (on the review queue and on the report page).</summary>
/// <param name="Origin">"review" or "report": the page the forms are on, shown again after an error.</param>
public sealed record ReviewFormsModel(int ReportId, int Revision, string Origin, ReviewFormState? State);

/// <summary>A task's quarterly timeline on the task page.</summary>
public sealed record TaskTimelineViewModel(TaskTimeline Timeline, bool SeesUnapproved);
