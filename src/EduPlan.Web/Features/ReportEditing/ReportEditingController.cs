using EduPlan.Application;
using EduPlan.Application.Ownership;
using EduPlan.Application.Reporting.Editing;
using EduPlan.Core.Reporting;
using EduPlan.Web.Authorization;
using EduPlan.Web.Features.Shared;
using EduPlan.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EduPlan.Web.Features.ReportEditing;

/// <summary>
/// The quarterly report form of a reporter's own department: one multipart form carries the fields, a new file, a
/// new link and the "remove evidence" buttons, so adding evidence never loses typed text.
/// </summary>
[Authorize(Policy = Policies.ReportProgress)]
public sealed class ReportEditingController(
    ProgressReporting reporting,
    OwnershipQueries ownership,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResources> localizer) : Controller
{
    /// <summary>
    /// The largest request the form's POST accepts: a file of ReportingOptions.MaxEvidenceBytes (10 MB) plus the
    /// texts and multipart framing. A somewhat larger file still arrives and is refused with a message beside the
    /// field, typed text kept; report-form.js stops a much larger one before it is sent.
    /// </summary>
    public const long MaxRequestBytes = 12L * 1024 * 1024;

    private const string MessageKey = "ReportFormMessage";

    [HttpGet("my/tasks/{taskId:int}/{quarter}")]
    public async Task<IActionResult> Edit([FromRoute] int taskId, [FromRoute] string quarter, CancellationToken cancellationToken)
    {
        var (refusal, departmentId, period) = await CheckAsync(taskId, quarter, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var form = await reporting.GetFormAsync(taskId, period, departmentId, cancellationToken);
        if (form is null)
        {
            return NotFound();
        }

        return View("Edit", new ReportFormViewModel
        {
            Form = form,
            Input = ReportFormInput.From(form.Values, form.Revision),
            Refusal = form.Refusal,
            Message = TempData[MessageKey] as string,
        });
    }

    [HttpPost("my/tasks/{taskId:int}/{quarter}")]
    [RequestSizeLimit(MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    public async Task<IActionResult> Edit(
        [FromRoute] int taskId,
        [FromRoute] string quarter,
        [Bind(
            nameof(ReportFormInput.Status), nameof(ReportFormInput.Percent), nameof(ReportFormInput.Progress), nameof(ReportFormInput.Problems),
            nameof(ReportFormInput.NextSteps), nameof(ReportFormInput.PercentDropExplanation), nameof(ReportFormInput.Indicators),
            nameof(ReportFormInput.Revision), nameof(ReportFormInput.EvidenceLinkTitle), nameof(ReportFormInput.EvidenceLinkUrl),
            nameof(ReportFormInput.RemoveEvidenceIds))]
        ReportFormInput input,
        IFormFile? evidenceFile,
        [FromForm] string? intent,
        [FromForm] int? removeEvidence,
        CancellationToken cancellationToken)
    {
        var (refusal, departmentId, period) = await CheckAsync(taskId, quarter, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        // A "remove" button posts the whole form: the removal is saved with what is typed, as a draft.
        if (removeEvidence is { } removed && !input.RemoveEvidenceIds.Contains(removed))
        {
            input.RemoveEvidenceIds.Add(removed);
        }

        var submit = removeEvidence is null && intent == "submit";
        // A chosen file is passed on even when empty, so the reporter is told it is empty rather than it vanishing.
        await using var fileStream = evidenceFile is { FileName.Length: > 0 } ? evidenceFile.OpenReadStream() : null;
        var command = new SaveReportCommand(taskId, period, departmentId, input.Revision, input.ToInput(), submit)
        {
            File = fileStream is null ? null : new EvidenceFileUpload(evidenceFile!.FileName, fileStream),
            Link = new EvidenceLinkInput(input.EvidenceLinkTitle, input.EvidenceLinkUrl),
            RemoveEvidenceIds = input.RemoveEvidenceIds,
        };
        var result = await reporting.SaveAsync(command, cancellationToken);
        switch (result.Kind)
        {
            case ResultKind.Saved:
                TempData[MessageKey] = localizer[result.Value!.Submitted ? "ReportFormSubmitted" : "ReportFormSaved"].Value;
                return Redirect(ReportFormViewModel.FormUrl(taskId, period));
            case ResultKind.NotFound:
                return NotFound();
            case ResultKind.Forbidden:
                return await ForbiddenAsync(result.Reason!);
        }

        var form = await reporting.GetFormAsync(taskId, period, departmentId, cancellationToken);
        if (form is null)
        {
            return NotFound();
        }

        var saved = result.Value!;
        var typed = ReportFormInput.From(saved.Typed, input.Revision, input);
        this.SetFailureStatus(result);
        if (result.Kind == ResultKind.Conflict)
        {
            // The new revision goes into the form, so saving again is a conscious choice to save over their version.
            typed.Revision = saved.Revision;
            // Evidence the other version no longer has cannot be removed twice.
            typed.RemoveEvidenceIds = typed.RemoveEvidenceIds.Where(id => form.Evidence.Any(e => e.Id == id)).ToList();
            return View("Conflict", new ReportFormViewModel
            {
                Form = form,
                Input = typed,
                Refusal = form.Refusal,
                Theirs = saved.Current,
                ConflictReason = result.Reason,
                FileNotSaved = saved.FileNotSaved,
            });
        }

        ModelState.Clear();
        if (result.Kind == ResultKind.Invalid)
        {
            ModelState.AddErrors(result);
            return View("Edit", new ReportFormViewModel
            {
                Form = form,
                Input = typed,
                // The report may have become uneditable since (e.g. the window closed while the page was open).
                Refusal = form.Refusal,
                FileNotSaved = saved.FileNotSaved,
                ShowsUnsavedInput = form.Refusal is not null,
            });
        }

        // Refused: the window closed or the report was submitted meanwhile. The stored report is shown read-only with
        // the reason, and what was typed below it, so nothing typed is lost.
        return View("Edit", new ReportFormViewModel
        {
            Form = form,
            Input = typed,
            Refusal = result.Reason,
            FileNotSaved = saved.FileNotSaved,
            ShowsUnsavedInput = true,
        });
    }

    /// <summary>
    /// The checks before any record is read: a real reporting quarter (else 404), an existing task (else 404), and a
    /// reporter whose department leads or joins the task (else 403, whether the id was followed or guessed).
    /// </summary>
    private async Task<(IActionResult? Refusal, int DepartmentId, Quarter Quarter)> CheckAsync(int taskId, string quarter, CancellationToken cancellationToken)
    {
        if (!Quarter.TryParse(quarter, out var period) || !period.IsReportingQuarter)
        {
            return (NotFound(), 0, default);
        }

        var task = await ownership.GetTaskAsync(taskId, cancellationToken);
        if (task is null)
        {
            return (NotFound(), 0, default);
        }

        // Owners of the report's quarter: a department that owned the task then reports on it, whoever owns it today.
        var owners = await ownership.OwnersInAsync(taskId, period, cancellationToken);
        var allowed = await authorization.AuthorizeAsync(User, TaskOwnershipResource.In(task.TaskId, owners), TaskOwnershipOperations.ReportOnTask);
        if (!allowed.Succeeded || User.DepartmentId() is not { } departmentId)
        {
            return (await ForbiddenAsync(ProgressReporting.NotOwnerReason), 0, default);
        }

        return (null, departmentId, period);
    }

    /// <summary>The 403 page with the reason (audited), and the way back to the department's tasks.</summary>
    private Task<IActionResult> ForbiddenAsync(Core.Messages.Message reason) =>
        this.ForbiddenAsync(reason, backUrl: "/my/tasks", backText: localizer["ReportFormBackToMyTasks"].Value);
}
