using EduPlan.Core.Messages;

namespace EduPlan.Core.Reporting;

/// <summary>
/// Which step may happen to a report in which state, and the sentence that says why not:
/// the department saves and submits a report that does not exist yet, a draft or a returned one; a coordinator
/// approves or returns a submitted one and reopens an approved one (it goes back to the department as returned).
/// </summary>
public static class ReportWorkflow
{
    /// <summary>An approved report is final (until a coordinator reopens it).</summary>
    public static Message ApprovedRefusal { get; } = new("Workflow_Approved");

    /// <summary>A submitted report waits for the coordinator; the department cannot change it meanwhile.</summary>
    public static Message SubmittedRefusal { get; } = new("Workflow_Submitted");

    /// <summary>A coordinator cannot review what was never submitted.</summary>
    public static Message NotSubmittedRefusal { get; } = new("Workflow_NotSubmitted");

    /// <summary>A coordinator cannot review a report that does not exist.</summary>
    public static Message NotReportedRefusal { get; } = new("Workflow_NotReported");

    /// <summary>A returned report waits for the department to correct and resubmit it.</summary>
    public static Message ReturnedRefusal { get; } = new("Workflow_Returned");

    /// <summary>Only an approved report can be reopened.</summary>
    public static Message NotApprovedRefusal { get; } = new("Workflow_NotApproved");

    /// <summary>Null when <paramref name="action"/> is allowed on a report in <paramref name="current"/> (null = no report yet); otherwise the refusal.</summary>
    public static Message? Refusal(ReportState? current, ReportAction action) => action switch
    {
        ReportAction.Saved or ReportAction.Submitted => current switch
        {
            null or ReportState.Draft or ReportState.Returned => null,
            ReportState.Submitted => SubmittedRefusal,
            _ => ApprovedRefusal,
        },
        ReportAction.Approved or ReportAction.Returned => current switch
        {
            ReportState.Submitted => null,
            null => NotReportedRefusal,
            ReportState.Draft => NotSubmittedRefusal,
            ReportState.Returned => ReturnedRefusal,
            _ => ApprovedRefusal,
        },
        ReportAction.Reopened => current switch
        {
            ReportState.Approved => null,
            null => NotReportedRefusal,
            _ => NotApprovedRefusal,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static bool IsAllowed(ReportState? current, ReportAction action) => Refusal(current, action) is null;

    /// <summary>Whether the owning department may change the report (save or submit).</summary>
    public static bool IsEditable(ReportState? current) => IsAllowed(current, ReportAction.Saved);

    /// <summary>
    /// The state after an allowed step. Saving keeps a returned report returned, so the coordinator's comment stays
    /// in view until it is submitted again. Throws for a step <see cref="Refusal"/> refuses.
    /// </summary>
    public static ReportState After(ReportState? current, ReportAction action)
    {
        if (Refusal(current, action) is { } refusal)
        {
            throw new InvalidOperationException($"{action} is not allowed on a report in state {current?.ToString() ?? "none"}: {refusal}");
        }

        return action switch
        {
            ReportAction.Saved => current == ReportState.Returned ? ReportState.Returned : ReportState.Draft,
            ReportAction.Submitted => ReportState.Submitted,
            ReportAction.Approved => ReportState.Approved,
            ReportAction.Returned or ReportAction.Reopened => ReportState.Returned,
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };
    }
}
