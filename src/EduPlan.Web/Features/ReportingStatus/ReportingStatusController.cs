using EduPlan.Application.Reporting;
using EduPlan.Application.Reporting.Queries;
using EduPlan.Core.Reporting;
using EduPlan.Web.Authorization;
using EduPlan.Web.Features.MyTasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EduPlan.Web.Features.ReportingStatus;

/// <summary>填报情况: per department, expected against submitted and approved reports for a quarter, on time or late.</summary>
[Authorize(Policy = Policies.ReadReportingStatus)]
public sealed class ReportingStatusController(ReportingStatusQuery query, ReportingCalendar calendar) : Controller
{
    public const string Path = "/reporting/status";

    [HttpGet("reporting/status")]
    public async Task<IActionResult> Index([FromQuery] string? quarter, CancellationToken cancellationToken)
    {
        Quarter selected;
        if (quarter is null)
        {
            selected = await calendar.DefaultQuarterAsync(null, cancellationToken);
        }
        else if (!Quarter.TryParse(quarter, out selected) || !selected.IsReportingQuarter)
        {
            return NotFound();
        }

        var page = await query.ForQuarterAsync(selected, cancellationToken);
        return View(new ReportingStatusViewModel(page, QuarterSwitcher.For(Path, selected, calendar.CurrentQuarter())));
    }

    /// <summary>One department's missing and late reports on a quarter, each linked to its report or its task.</summary>
    [HttpGet("reporting/status/{departmentId:int}")]
    public async Task<IActionResult> Department([FromRoute] int departmentId, [FromQuery] string? quarter, CancellationToken cancellationToken)
    {
        if (!Quarter.TryParse(quarter, out var selected) || !selected.IsReportingQuarter)
        {
            return NotFound();
        }

        var detail = await query.DepartmentAsync(selected, departmentId, cancellationToken);
        return detail is null ? NotFound() : View(detail);
    }

    /// <summary>The address of a department's missing and late reports on a quarter.</summary>
    public static string DepartmentUrl(int departmentId, Quarter quarter) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Path}/{departmentId}?quarter={quarter}");
}

/// <summary>The 填报情况 page: the query's figures and the quarter links.</summary>
public sealed record ReportingStatusViewModel(ReportingStatusPage Page, QuarterSwitcher Switcher)
{
    /// <summary>A row's colour: red when reports are past their deadline, amber when some came in late.</summary>
    public static string? RowClass(ReportingCounts counts) =>
        counts.Overdue > 0 ? "status-overdue" : counts.Late > 0 ? "status-late" : null;
}
