using EduPlan.Application;
using EduPlan.Application.Reporting.History;
using EduPlan.Application.Reporting.Review;
using EduPlan.Core.Plans;
using EduPlan.Web.Authorization;
using EduPlan.Web.Features.Reports;
using EduPlan.Web.Features.Shared;
using EduPlan.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EduPlan.Web.Features.Review;

/// <summary>
/// 待审核: the submitted reports, filtered, sorted and paged, approved (one by one or the selected ones together) or
/// returned in place; and reopening an approved report (from its page). Every form posts the revision it showed, so a
/// coordinator never acts on a version they did not see.
/// </summary>
[Authorize(Policy = Policies.ReviewReports)]
[Route("review")]
public sealed class ReviewController(ReportReview review, ReviewQueueQuery queue, ReportReading reading, IStringLocalizer<SharedResources> localizer) : Controller
{
    /// <summary>The page the approve / return forms came from when it is not the queue.</summary>
    public const string FromReport = "report";

    /// <summary>The most reports one batch approval takes (a page of the queue).</summary>
    public const int MaxBatch = ReviewQueueQuery.PageSize;

    private const string MessageKey = "ReviewMessage";
    private const string ReportKey = "ReviewReport";
    private const string BatchKey = "ReviewBatch";

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] ReviewQueueForm form, CancellationToken cancellationToken) =>
        View("Index", new ReviewPageViewModel(await queue.ListAsync(form.ToFilter(), cancellationToken: cancellationToken), form)
        {
            Message = TempData[MessageKey] as string,
            MessageReportId = TempData[ReportKey] as int?,
            Batch = BatchOutcome.Read(TempData[BatchKey] as string),
        });

    /// <summary>
    /// Approves each selected report on its own: its own revision check, history entry and audit entry, so one that
    /// changed or was reviewed meanwhile is refused alone and the others go through. The queue then lists each outcome.
    /// </summary>
    [HttpPost("approve-selected")]
    public async Task<IActionResult> ApproveSelected([FromForm] List<string?>? selected, [FromForm] string? back, CancellationToken cancellationToken)
    {
        var picks = ReviewSelection.Parse(selected, MaxBatch);
        var outcomes = new List<BatchOutcome>();
        foreach (var pick in picks)
        {
            var result = await review.ApproveAsync(pick.ReportId, pick.Revision, cancellationToken);
            outcomes.Add(result.Kind switch
            {
                ResultKind.Saved => new BatchOutcome(pick.ReportId, true, localizer["ReviewApproved", Describe(result.Value!)].Value),
                ResultKind.NotFound => new BatchOutcome(pick.ReportId, false, localizer["ReviewBatchNotFound", pick.ReportId].Value),
                _ => new BatchOutcome(pick.ReportId, false, result.Value is { } current
                    ? $"{Describe(current)}{localizer["SummarySeparator"].Value}{result.Messages.First().Text()}"
                    : result.Messages.First().Text()),
            });
        }

        TempData[BatchKey] = BatchOutcome.Write(outcomes.Count > 0 ? outcomes : [new BatchOutcome(0, false, localizer["ReviewBatchNothing"].Value)]);
        return Redirect(ReviewQueueForm.IsQueueUrl(back) ? back! : "/review");
    }

    [HttpPost("{id:int}/approve")]
    public async Task<IActionResult> Approve([FromRoute] int id, [FromForm] int revision, [FromForm] string? from, CancellationToken cancellationToken)
    {
        var result = await review.ApproveAsync(id, revision, cancellationToken);
        return await AfterAsync(id, result, from, ReviewFormState.From(id, result), "ReviewApproved", cancellationToken);
    }

    [HttpPost("{id:int}/return")]
    public async Task<IActionResult> Return(
        [FromRoute] int id,
        [FromForm] int revision,
        [FromForm] string? comment,
        [FromForm] string? field,
        [FromForm] string? from,
        CancellationToken cancellationToken)
    {
        var result = await review.ReturnAsync(id, revision, comment, field, cancellationToken);
        return await AfterAsync(id, result, from, ReviewFormState.From(id, result, comment, field), "ReviewReturned", cancellationToken);
    }

    [HttpPost("{id:int}/reopen")]
    public async Task<IActionResult> Reopen([FromRoute] int id, [FromForm] int revision, [FromForm] string? reason, CancellationToken cancellationToken)
    {
        var result = await review.ReopenAsync(id, revision, reason, cancellationToken);
        switch (result.Kind)
        {
            case ResultKind.NotFound:
                return NotFound();
            case ResultKind.Saved:
                TempData[ReportsController.MessageKey] = localizer["ReviewReopened", Describe(result.Value!)].Value;
                return Redirect(ReportDisplay.Url(id));
            default:
                return await ReportPageAsync(id, result, ReviewFormState.From(id, result, reason: reason), cancellationToken);
        }
    }

    private async Task<IActionResult> AfterAsync(
        int id, Result<ReviewedReport> result, string? from, ReviewFormState state, string doneKey, CancellationToken cancellationToken)
    {
        switch (result.Kind)
        {
            case ResultKind.NotFound:
                return NotFound();
            case ResultKind.Saved:
                // Back to the queue, whichever page the form was on: the coordinator goes on with the next report.
                TempData[MessageKey] = localizer[doneKey, Describe(result.Value!)].Value;
                TempData[ReportKey] = id;
                return Redirect("/review");
            default:
                if (from == FromReport)
                {
                    return await ReportPageAsync(id, result, state, cancellationToken);
                }

                this.SetFailureStatus(result);
                return View("Index", new ReviewPageViewModel(await queue.ListAsync(new ReviewQueueFilter(), cancellationToken: cancellationToken), new ReviewQueueForm()) { State = state });
        }
    }

    /// <summary>The report page again, with the refusal beside the form and the text typed kept.</summary>
    private async Task<IActionResult> ReportPageAsync(int id, Result<ReviewedReport> result, ReviewFormState state, CancellationToken cancellationToken)
    {
        var read = await reading.GetReportAsync(id, User.ReportViewer(), cancellationToken);
        if (read.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        this.SetFailureStatus(result);
        var page = ReportPageViewModel.For(read.Value!, User);
        page.Review = state;
        return View("~/Features/Reports/Details.cshtml", page);
    }

    /// <summary>"（十）推进义务教育优质均衡发展 · 市教委 · 2026年第三季度"</summary>
    private static string Describe(ReviewedReport report) =>
        $"{ChineseNumerals.TaskMarker(report.TaskNumber)}{report.TaskTitle} · {report.DepartmentShortName} · {report.Quarter.Text()}";
}
