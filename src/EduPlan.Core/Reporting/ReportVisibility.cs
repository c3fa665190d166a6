using System.Linq.Expressions;

namespace EduPlan.Core.Reporting;

/// <summary>Who is looking at reports: a coordinator, a reporter of a department, or anyone else who may read plans.</summary>
/// <param name="IsCoordinator">Coordinators see every report in every state.</param>
/// <param name="ReporterDepartmentId">For a user with the Reporter role: their department; otherwise null.</param>
public sealed record ReportViewer(bool IsCoordinator, int? ReporterDepartmentId)
{
    /// <summary>A viewer who sees approved reports only.</summary>
    public static ReportViewer Public { get; } = new(false, null);
}

/// <summary>The one rule of who may read a report: approved ones everyone; others only the department that wrote them and coordinators.</summary>
public static class ReportVisibility
{
    public static bool CanRead(ReportViewer viewer, ReportState state, int reportDepartmentId)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return state == ReportState.Approved
            || viewer.IsCoordinator
            || viewer.ReporterDepartmentId == reportDepartmentId;
    }

    /// <summary>The same rule as a query filter: <c>db.ProgressReports.Where(ReportVisibility.ReadableBy(viewer))</c>.</summary>
    public static Expression<Func<ProgressReport, bool>> ReadableBy(ReportViewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.IsCoordinator)
        {
            return r => true;
        }

        var departmentId = viewer.ReporterDepartmentId;
        return departmentId is null
            ? r => r.State == ReportState.Approved
            : r => r.State == ReportState.Approved || r.DepartmentId == departmentId.Value;
    }
}
