using System.Globalization;
using EduPlan.Application;
using EduPlan.Application.Departments;
using EduPlan.Application.Reporting;
using EduPlan.Application.Reporting.Periods;
using EduPlan.Core.Messages;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using EduPlan.Web.Authorization;
using EduPlan.Web.Features.Shared;
using EduPlan.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EduPlan.Web.Features.Periods;

/// <summary>填报期管理 (coordinators): close a quarter early, reopen it, restore its default dates, open it for one department.</summary>
[Authorize(Policy = Policies.ManagePeriods)]
[Route("reporting/periods")]
public sealed class PeriodsController(
    ReportingPeriodAdministration periods,
    ReportingCalendar calendar,
    DepartmentQueries departments,
    IStringLocalizer<SharedResources> localizer) : Controller
{
    private const string MessageKey = "PeriodsMessage";

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] bool all, CancellationToken cancellationToken) =>
        View(await PageAsync(all, TempData[MessageKey] as string, null, cancellationToken));

    [HttpPost("{quarter}/close")]
    public async Task<IActionResult> Close(
        [FromRoute] string quarter,
        [Bind(nameof(PeriodFormInput.Reason))] PeriodFormInput input,
        CancellationToken cancellationToken)
    {
        if (!TryReadQuarter(quarter, out var q))
        {
            return NotFound();
        }

        var result = await periods.CloseAsync(q, input.Reason, cancellationToken);
        return await FinishAsync(q, PeriodForms.Close, input, result, _ => localizer["PeriodsClosedMessage", q.Text()].Value, cancellationToken);
    }

    [HttpPost("{quarter}/reopen")]
    public async Task<IActionResult> Reopen(
        [FromRoute] string quarter,
        [Bind(nameof(PeriodFormInput.OpenUntil), nameof(PeriodFormInput.Reason))] PeriodFormInput input,
        CancellationToken cancellationToken)
    {
        if (!TryReadQuarter(quarter, out var q))
        {
            return NotFound();
        }

        if (!TryReadDate(input.OpenUntil, out var openUntil))
        {
            return await InvalidDateAsync(q, PeriodForms.Reopen, input, cancellationToken);
        }

        var result = await periods.ReopenAsync(q, openUntil, input.Reason, cancellationToken);
        return await FinishAsync(q, PeriodForms.Reopen, input, result,
            window => localizer["PeriodsReopenedMessage", q.Text(), ReportingWindow.Date(window.OpenUntil!.Value)].Value, cancellationToken);
    }

    [HttpPost("{quarter}/reset")]
    public async Task<IActionResult> Reset([FromRoute] string quarter, CancellationToken cancellationToken)
    {
        if (!TryReadQuarter(quarter, out var q))
        {
            return NotFound();
        }

        var result = await periods.ResetAsync(q, cancellationToken);
        TempData[MessageKey] = localizer[result.Changed ? "PeriodsResetMessage" : "PeriodsResetUnchanged", q.Text()].Value;
        return Redirect(PageUrl(q));
    }

    [HttpPost("{quarter}/exceptions")]
    public async Task<IActionResult> GrantException(
        [FromRoute] string quarter,
        [Bind(nameof(PeriodFormInput.DepartmentId), nameof(PeriodFormInput.OpenUntil), nameof(PeriodFormInput.Reason))] PeriodFormInput input,
        CancellationToken cancellationToken)
    {
        if (!TryReadQuarter(quarter, out var q))
        {
            return NotFound();
        }

        if (!TryReadDate(input.OpenUntil, out var openUntil))
        {
            return await InvalidDateAsync(q, PeriodForms.Exception, input, cancellationToken);
        }

        // A department id that is not a number leaves a binding error: show it rather than "请选择单位".
        if (!ModelState.IsValid)
        {
            return await FailedAsync(q, PeriodForms.Exception, input, [], StatusCodes.Status422UnprocessableEntity, cancellationToken);
        }

        var result = await periods.GrantExceptionAsync(q, input.DepartmentId, openUntil, input.Reason, cancellationToken);
        var name = result.Succeeded ? (await departments.GetAsync(input.DepartmentId!.Value, cancellationToken))?.Name ?? "" : "";
        return await FinishAsync(q, PeriodForms.Exception, input, result,
            window => localizer["PeriodsExceptionGrantedMessage", q.Text(), name, ReportingWindow.Date(window.OpenUntil!.Value)].Value, cancellationToken);
    }

    [HttpPost("{quarter}/exceptions/{departmentId:int}/delete")]
    public async Task<IActionResult> RemoveException([FromRoute] string quarter, [FromRoute] int departmentId, CancellationToken cancellationToken)
    {
        if (!TryReadQuarter(quarter, out var q))
        {
            return NotFound();
        }

        var department = await departments.GetAsync(departmentId, cancellationToken);
        var result = await periods.RemoveExceptionAsync(q, departmentId, cancellationToken);
        if (result.Kind == ResultKind.NotFound || department is null)
        {
            return NotFound();
        }

        TempData[MessageKey] = localizer["PeriodsExceptionRemovedMessage", q.Text(), department.Name].Value;
        return Redirect(PageUrl(q));
    }

    /// <summary>A quarter in the URL: "2026Q3" between 2025Q1 and 2035Q4; anything else is a page that does not exist.</summary>
    private static bool TryReadQuarter(string text, out Quarter quarter) =>
        Quarter.TryParse(text, out quarter) && quarter.IsReportingQuarter;

    /// <summary>Empty is "no date" (the service says it is required); anything else must be yyyy-MM-dd.</summary>
    private static bool TryReadDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        return false;
    }

    private Task<IActionResult> InvalidDateAsync(Quarter quarter, string form, PeriodFormInput input, CancellationToken cancellationToken) =>
        FailedAsync(quarter, form, input, [(ReportingPeriodAdministration.OpenUntilField, localizer["PeriodsDateInvalid"].Value)],
            StatusCodes.Status422UnprocessableEntity, cancellationToken);

    private async Task<IActionResult> FinishAsync(
        Quarter quarter, string form, PeriodFormInput input, Result<PeriodWindow> result, Func<PeriodWindow, string> savedMessage, CancellationToken cancellationToken)
    {
        switch (result.Kind)
        {
            case ResultKind.Saved:
                TempData[MessageKey] = result.Changed ? savedMessage(result.Value!) : localizer["PeriodsUnchanged", result.Value!.Reason.Text()].Value;
                return Redirect(PageUrl(quarter));
            case ResultKind.NotFound:
                return NotFound();
            default:
                // A refusal ("已截止，无需关闭") belongs to the form as a whole, like its field errors belong to their fields.
                var errors = result.Errors.Select(e => (e.Field, e.Text()))
                    .Concat(result.Reason is { } reason ? [(FieldError.Form, reason.Text())] : []);
                return await FailedAsync(quarter, form, input, errors, ResultMapping.StatusCode(result.Kind), cancellationToken);
        }
    }

    /// <summary>The page again, with the failing form open, its input kept and each message beside its field.</summary>
    private async Task<IActionResult> FailedAsync(
        Quarter quarter, string form, PeriodFormInput input, IEnumerable<(string Field, string Text)> errors, int status, CancellationToken cancellationToken)
    {
        var byField = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!byField.TryGetValue(field, out var list))
            {
                byField[field] = list = [];
            }

            list.Add(message);
        }

        foreach (var (field, entry) in ModelState)
        {
            foreach (var error in entry.Errors)
            {
                Add(field, error.ErrorMessage);
            }
        }

        foreach (var (field, text) in errors)
        {
            Add(field, text);
        }

        Response.StatusCode = status;
        var failure = new PeriodFormFailure(quarter, form, input, byField.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value));
        return View("Index", await PageAsync(quarter > LastOnShortList(), null, failure, cancellationToken));
    }

    private Quarter LastOnShortList()
    {
        var last = calendar.CurrentQuarter().Next.Next;
        return last > Quarter.Last ? Quarter.Last : last;
    }

    private string PageUrl(Quarter quarter) =>
        (quarter > LastOnShortList() ? "/reporting/periods?all=true" : "/reporting/periods") + "#q-" + quarter;

    private async Task<PeriodsPageViewModel> PageAsync(bool all, string? message, PeriodFormFailure? failed, CancellationToken cancellationToken)
    {
        var list = await periods.ListAsync(Quarter.First, all ? Quarter.Last : LastOnShortList(), cancellationToken);
        var choices = (await departments.ListReferencesAsync(cancellationToken)).Where(d => d.IsActive).ToList();
        return new PeriodsPageViewModel
        {
            Periods = list,
            Departments = choices,
            Today = calendar.Today(),
            GraceDays = calendar.GraceDays,
            ShowAll = all,
            Message = message,
            Failed = failed,
        };
    }
}
