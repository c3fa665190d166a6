using EduPlan.Application.Auditing;
using EduPlan.Core.Reporting;
using EduPlan.Data;

namespace EduPlan.Application.Reporting;

/// <summary>
/// The one way a report's history grows: every save and review step raises <see cref="ProgressReport.Revision"/>
/// (the concurrency token) and appends a <see cref="ReportRevision"/> with a snapshot of the report after the step.
/// </summary>
public static class ReportRevisions
{
    /// <summary>
    /// Records a step on a tracked report. Call after changing the report and before SaveChanges; the report's
    /// IndicatorValues (with Indicator) and Evidence must be loaded, since the snapshot lists them.
    /// </summary>
    public static ReportRevision Append(EduPlanDbContext db, ProgressReport report, ReportAction action, IAuditActor actor, DateTime utcNow, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(actor);
        report.Revision++;
        report.UpdatedAt = utcNow;
        var revision = new ReportRevision
        {
            Report = report,
            Number = report.Revision,
            Action = action,
            StateAfter = report.State,
            At = utcNow,
            ActorId = actor.UserId,
            ActorName = actor.UserName,
            Comment = comment,
            Snapshot = ReportSnapshot.Of(report).ToJson(),
        };
        db.ReportRevisions.Add(revision);
        return revision;
    }
}
