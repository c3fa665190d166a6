namespace EduPlan.Core.Reporting;

/// <summary>Where a task stands, as the department reports it (shown in Chinese by the web's labels).</summary>
public enum ReportStatus
{
    /// <summary>未启动</summary>
    NotStarted = 0,

    /// <summary>按计划推进</summary>
    OnTrack = 1,

    /// <summary>存在风险</summary>
    AtRisk = 2,

    /// <summary>进度滞后</summary>
    Delayed = 3,

    /// <summary>已完成</summary>
    Completed = 4,
}

/// <summary>Where a report is in its review (a report that does not exist yet is 未填报).</summary>
public enum ReportState
{
    /// <summary>草稿: only the owning department and coordinators see it.</summary>
    Draft = 0,

    /// <summary>已提交: waiting for a coordinator.</summary>
    Submitted = 1,

    /// <summary>已退回: the coordinator's comment says what to fix; the department edits and submits again.</summary>
    Returned = 2,

    /// <summary>已通过: final, visible to everyone, unless a coordinator reopens it with a reason.</summary>
    Approved = 3,
}

/// <summary>What happened to a report, one per <see cref="ReportRevision"/>.</summary>
public enum ReportAction
{
    /// <summary>保存草稿</summary>
    Saved = 0,

    /// <summary>提交审核</summary>
    Submitted = 1,

    /// <summary>退回修改</summary>
    Returned = 2,

    /// <summary>审核通过</summary>
    Approved = 3,

    /// <summary>重新打开 (an approved report, by a coordinator, with a reason)</summary>
    Reopened = 4,
}

/// <summary>A piece of evidence is a link or an uploaded file.</summary>
public enum EvidenceKind
{
    Link = 0,
    File = 1,
}

/// <summary>How a coordinator has changed a quarter's entry window (for the whole quarter or one department).</summary>
public enum PeriodOverrideMode
{
    /// <summary>Closed early: no entry, whatever the default dates say.</summary>
    Closed = 0,

    /// <summary>Open until <see cref="ReportingPeriodOverride.OpenUntil"/> (a reopening, or a department's exception).</summary>
    Open = 1,
}
