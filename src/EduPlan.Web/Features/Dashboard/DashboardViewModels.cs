using EduPlan.Application.Departments;
using EduPlan.Application.Progress;
using EduPlan.Core.Progress;
using EduPlan.Core.Reporting;

namespace EduPlan.Web.Features.Dashboard;

/// <summary>总览: a plan's lights in a quarter, with what the selectors offer.</summary>
/// <param name="Light">The light the task list is narrowed to (null: red and yellow, the tasks needing attention).</param>
/// <param name="MayIncludeSubmitted">The reader is a coordinator, who may include submitted reports.</param>
public sealed record DashboardViewModel(
    PlanProgress Progress,
    IReadOnlyList<PlanChoice> Plans,
    IReadOnlyList<Quarter> Quarters,
    IReadOnlyList<DepartmentReference> Departments,
    Light? Light,
    bool ShowAllTasks,
    bool MayIncludeSubmitted)
{
    /// <summary>The tasks listed under the cards: those of the chosen light, all, or the red and yellow ones.</summary>
    public IEnumerable<TaskProgress> ListedTasks => ShowAllTasks ? Progress.Tasks
        : Light is { } light ? Progress.Tasks.Where(t => t.Verdict.Light == light).OrderBy(t => t.Gap ?? int.MaxValue).ThenBy(t => t.Number)
        : Progress.NeedingAttention;

    /// <summary>The address of this dashboard with some parameters changed (null removes one).</summary>
    public string Url(string? plan = null, Quarter? quarter = null, int? section = -1, int? department = -1, Light? light = null, bool all = false, string? anchor = "tasks")
    {
        var request = Progress.Request;
        var query = new List<string> { "plan=" + Uri.EscapeDataString(plan ?? Progress.Plan.Code), "quarter=" + (quarter ?? Progress.Quarter) };
        var sectionValue = section == -1 ? request.SectionNumber : section;
        var departmentValue = department == -1 ? request.DepartmentId : department;
        if (sectionValue is { } s)
        {
            query.Add("section=" + s.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (departmentValue is { } d)
        {
            query.Add("department=" + d.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (Progress.Basis == ReportBasis.Submitted)
        {
            query.Add("basis=submitted");
        }

        if (light is { } l)
        {
            query.Add("light=" + l.ToApiName());
        }
        else if (all)
        {
            query.Add("light=all");
        }

        return "/dashboard?" + string.Join("&", query) + (anchor is null ? "" : "#" + anchor);
    }
}

public sealed record PlanChoice(string Code, string Title);
