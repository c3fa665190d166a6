using EduPlan.Application.Reporting.Links;

namespace EduPlan.Web.Features.IndicatorLinks;

/// <summary>The 指标关联 page: indicators by plan with the tasks that report them, and each plan's tasks to choose from.</summary>
/// <param name="FocusId">The indicator just changed, whose row shows the message.</param>
public sealed record IndicatorLinksViewModel(
    IReadOnlyList<IndicatorLinkRow> Indicators,
    ILookup<int, IndicatorTaskReference> TasksByPlan,
    string? Message,
    string? Error,
    int? FocusId)
{
    /// <summary>The plans in page order with their indicators.</summary>
    public IEnumerable<IGrouping<(int PlanId, string PlanCode, string PlanTitle), IndicatorLinkRow>> Plans =>
        Indicators.GroupBy(i => (i.PlanId, i.PlanCode, i.PlanTitle));

    /// <summary>The tasks of the indicator's plan that do not report it yet.</summary>
    public IEnumerable<IndicatorTaskReference> Choices(IndicatorLinkRow indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var taken = indicator.ReportingTaskIds.ToHashSet();
        return TasksByPlan[indicator.PlanId].Where(t => !taken.Contains(t.TaskId));
    }

    /// <summary>How many indicators of a plan no task reports yet.</summary>
    public static int Unreported(IEnumerable<IndicatorLinkRow> indicators) =>
        indicators.Count(i => i.FoundIn is null && i.Linked.Count == 0);
}
