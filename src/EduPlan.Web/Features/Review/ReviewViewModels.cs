using EduPlan.Application.Reporting.Review;
using EduPlan.Web.Features.Reports;

namespace EduPlan.Web.Features.Review;

/// <summary>The review queue, with the message of the last step or the refusal of one report's forms.</summary>
public sealed record ReviewPageViewModel(ReviewQueue Queue)
{
    public string? Message { get; init; }

    /// <summary>The report the message is about, linked from it.</summary>
    public int? MessageReportId { get; init; }

    /// <summary>The forms of the report whose step was refused or incomplete (messages and typed text).</summary>
    public ReviewFormState? State { get; init; }

    /// <summary>The refusal is about a report no longer in the queue (someone else reviewed it): shown at the top.</summary>
    public bool StateOutsideQueue => State is not null && Queue.Items.All(i => i.ReportId != State.ReportId);
}
