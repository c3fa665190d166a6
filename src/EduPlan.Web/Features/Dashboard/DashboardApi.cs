using System.Globalization;
using EduPlan.Application.Progress;
using EduPlan.Application.Security;
using EduPlan.Core.Plans;
using EduPlan.Core.Progress;
using EduPlan.Core.Reporting;
using EduPlan.Web.Authorization;
using EduPlan.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EduPlan.Web.Features.Dashboard;

/// <summary>
/// The read API (<c>/api/v1</c>): the dashboard's data as JSON, under the same sign-in and roles as the pages, described
/// in the OpenAPI document at <c>/openapi/v1.json</c>. Errors are RFC 7807 problem details. Reasons are sentences in
/// the request's language (Chinese unless <c>?culture=en</c> or the language cookie says English).
/// </summary>
[ApiController]
[Authorize(Policy = Policies.ReadPlans)]
public sealed class DashboardApiController(ProgressQuery progress) : ControllerBase
{
    /// <summary>A plan's lights in a quarter: counts, every current task, sections, departments, indicators and the trend.</summary>
    /// <param name="code">The plan's code: <c>national</c> or <c>chongqing</c>.</param>
    /// <param name="quarter">A quarter such as 2026Q3 (2025Q1–2035Q4); default: the latest whose entry has closed.</param>
    /// <param name="basis"><c>approved</c> (default); <c>submitted</c> includes submitted reports, for coordinators only.</param>
    [HttpGet("/api/v1/plans/{code}/dashboard")]
    [ProducesResponseType<DashboardDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<DashboardDto>> Get(string code, [FromQuery] string? quarter, [FromQuery] string? basis, CancellationToken cancellationToken)
    {
        Quarter? chosen = null;
        if (quarter is not null)
        {
            if (!Quarter.TryParse(quarter, out var parsed) || !parsed.IsReportingQuarter)
            {
                ModelState.AddModelError(nameof(quarter), $"'{quarter}' is not a quarter from {Quarter.First} to {Quarter.Last} such as 2026Q3.");
                return ValidationProblem(ModelState);
            }

            chosen = parsed;
        }

        var reportBasis = ReportBasis.Approved;
        if (basis is not null && basis != "approved")
        {
            if (basis != "submitted")
            {
                ModelState.AddModelError(nameof(basis), "basis is 'approved' or 'submitted'.");
                return ValidationProblem(ModelState);
            }

            if (!User.IsInRole(Roles.Coordinator))
            {
                return Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only coordinators may include submitted reports.");
            }

            reportBasis = ReportBasis.Submitted;
        }

        var result = await progress.ForPlanAsync(new ProgressRequest(code, chosen, reportBasis), cancellationToken);
        return result is null
            ? Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no plan '{code}'.")
            : DashboardDto.From(result);
    }
}

/// <summary>The dashboard of one plan and quarter. Lights are spelled green, yellow, red, done or grey.</summary>
public sealed record DashboardDto(
    PlanDto Plan,
    string Quarter,
    string LatestClosedQuarter,
    string Basis,
    CountsDto Counts,
    decimal? MeanGap,
    IReadOnlyList<TaskDto> Tasks,
    IReadOnlyList<SectionDto> Sections,
    IReadOnlyList<DepartmentDto> Departments,
    IReadOnlyList<IndicatorDto> Indicators,
    IReadOnlyList<TrendDto> Trend)
{
    public static DashboardDto From(PlanProgress p) => new(
        new PlanDto(p.Plan.Code, p.Plan.Title),
        p.Quarter.ToString(),
        p.LatestClosed.ToString(),
        p.Basis == ReportBasis.Submitted ? "submitted" : "approved",
        CountsDto.From(p.Picture.Counts),
        p.Picture.MeanGap,
        p.Tasks.Select(t => new TaskDto(
            t.Number, t.Title, t.SectionNumber, t.Lead?.Name, t.Lead?.ShortName, t.Percent, t.Expected, t.Gap,
            t.Verdict.Light.ToApiName(), LightDisplay.Text(t.Verdict.Reason), t.Verdict.Reasons.Select(LightDisplay.Text).ToList(),
            t.ReportQuarter?.ToString(), Date(t.Plan.Due), t.Weight)).ToList(),
        p.Sections.Select(s => new SectionDto(s.Number, s.Title, CountsDto.From(s.Picture.Counts), s.Picture.MeanGap)).ToList(),
        p.Departments.Select(d => new DepartmentDto(
            d.Department.Name, d.Department.ShortName, CountsDto.From(d.Led.Counts), d.Led.MeanGap,
            new ReportingDto(d.Reporting.Owed, d.Reporting.OnTime, d.Reporting.Late, d.Reporting.Overdue, d.Reporting.Pending))).ToList(),
        p.Indicators.Select(i => new IndicatorDto(
            i.Name, i.Target, i.Comparator.ToSymbol(), i.Unit, i.Year, i.Latest?.Value, i.Latest?.Quarter.ToString(),
            i.Expected, i.Baseline?.Value, i.Baseline?.Year, i.Verdict.Light.ToApiName(), LightDisplay.Text(i.Verdict.Reason))).ToList(),
        p.Trend.Select(t => new TrendDto(t.Quarter.ToString(), CountsDto.From(t.Picture.Counts), t.Picture.MeanGap)).ToList());

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed record PlanDto(string Code, string Title);

/// <summary>How many tasks have each light.</summary>
public sealed record CountsDto(int Green, int Yellow, int Red, int Done, int Grey)
{
    public static CountsDto From(LightCounts c) => new(c.Green, c.Yellow, c.Red, c.Done, c.Grey);
}

/// <param name="Percent">The percent complete judged, from the lead department's latest report on the basis (null: none).</param>
/// <param name="Expected">序时进度 at the quarter's end.</param>
/// <param name="Gap">Percent minus expected; negative is behind.</param>
/// <param name="ReportQuarter">The quarter of the report judged.</param>
public sealed record TaskDto(
    int Number, string Title, int Section, string? Lead, string? LeadShortName, int? Percent, int Expected, int? Gap,
    string Light, string Reason, IReadOnlyList<string> Reasons, string? ReportQuarter, string DueDate, decimal Weight);

public sealed record SectionDto(int Number, string Title, CountsDto Counts, decimal? MeanGap);

/// <param name="Counts">The lights of the tasks the department leads.</param>
/// <param name="Reporting">Its reports owed on the quarter: on time, late, overdue (逾期未报) or pending while entry is open.</param>
public sealed record DepartmentDto(string Name, string ShortName, CountsDto Counts, decimal? MeanGap, ReportingDto Reporting);

public sealed record ReportingDto(int Owed, int OnTime, int Late, int Overdue, int Pending);

/// <param name="Comparator">=, &gt;=, &gt;, &lt;= or &lt;.</param>
/// <param name="Year">The year the target is due; null for a standing requirement.</param>
/// <param name="Latest">The latest value on the basis up to the quarter.</param>
/// <param name="Expected">The value expected at the quarter's end from the baseline; null without a baseline.</param>
public sealed record IndicatorDto(
    string Name, decimal Target, string Comparator, string Unit, int? Year, decimal? Latest, string? LatestQuarter,
    decimal? Expected, decimal? Baseline, int? BaselineYear, string Light, string Reason);

public sealed record TrendDto(string Quarter, CountsDto Counts, decimal? MeanGap);
