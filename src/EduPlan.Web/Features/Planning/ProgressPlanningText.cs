using EduPlan.Core.Progress;
using EduPlan.Web.Features.MyTasks;

namespace EduPlan.Web.Features.Planning;

/// <summary>A curve in one line for people: 2025年第四季度 20%，2026年第四季度 50%.</summary>
public static class ProgressPlanningText
{
    public static string Curve(IEnumerable<PlannedPoint> points) =>
        string.Join("，", points.Select(p => ReportingDisplay.Quarter(p.Quarter) + " " + p.Percent + "%"));
}
