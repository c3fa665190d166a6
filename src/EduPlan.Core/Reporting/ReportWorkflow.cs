namespace EduPlan.Core.Reporting;

/// <summary>
/// Which step may happen to a report in which state, and the sentence that says why not:
/// the department saves and submits a report that does not exist yet, a draft or a returned one; a coordinator
/// approves or returns a submitted one and reopens an approved one (it goes back to the department as returned).
/// </summary>
public static class ReportWorkflow
{
    /// <summary>An approved report is final (until a coordinator reopens it).</summary>
    public const string ApprovedRefusal = "该报告已审核通过";

    /// <summary>A submitted report waits for the coordinator; the department cannot change it meanwhile.</summary>
    public const string SubmittedRefusal = "该报告已提交，正在等待审核";

    /// <summary>A coordinator cannot review what was never submitted.</summary>
    public const string NotSubmittedRefusal = "该报告尚未提交审核";

    /// <summary>A coordinator cannot review a report that does not exist.</summary>
    public const string NotReportedRefusal = "该报告尚未填报";

    /// <summary>A returned report waits for the department to correct and resubmit it.</summary>
    public const string ReturnedRefusal = "该报告已退回，正在等待填报单位修改后重新提交";

    /// <summary>Only an approved report can be reopened.</summary>
    public const string NotApprovedRefusal = "该报告尚未审核通过，无需重新打开";

    /// <summary>Null when <paramref name="action"/> is allowed on a report in <paramref name="current"/> (null = no report yet); otherwise the refusal in Chinese.</summary>
    public static string? Refusal(ReportState? current, ReportAction action) => action switch
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
