using EduPlan.Core.Plans;

namespace EduPlan.Application.Reporting.Links;

/// <summary>
/// A current indicator with the tasks that report it: the one whose text it was found in (<see cref="FoundIn"/>,
/// not removable) and those an administrator or coordinator linked.
/// </summary>
public sealed record IndicatorLinkRow(
    int Id,
    int PlanId,
    string PlanCode,
    string PlanTitle,
    string Name,
    Comparator Comparator,
    decimal Target,
    string Unit,
    int? Year,
    string SourceText,
    IndicatorTaskReference? FoundIn,
    IReadOnlyList<LinkedIndicatorTask> Linked)
{
    /// <summary>Every task that reports the indicator, the one it was found in first.</summary>
    public IEnumerable<int> ReportingTaskIds => (FoundIn is null ? [] : new[] { FoundIn.TaskId }).Concat(Linked.Select(l => l.Task.TaskId));
}

/// <summary>A key task named by number: （十）加快义务教育优质均衡发展.</summary>
public sealed record IndicatorTaskReference(int TaskId, string PlanCode, int Number, string Title, bool IsWithdrawn)
{
    /// <summary>"（十）加快义务教育优质均衡发展".</summary>
    public string Label => ChineseNumerals.TaskMarker(Number) + Title;
}

/// <summary>A task linked to an indicator, with who linked it and when (UTC).</summary>
public sealed record LinkedIndicatorTask(IndicatorTaskReference Task, DateTime LinkedAt, string LinkedByName);

/// <summary>How linking or unlinking ended.</summary>
public enum IndicatorLinkOutcome
{
    /// <summary>The link was added (and audited).</summary>
    Linked,

    /// <summary>The link was removed (and audited).</summary>
    Unlinked,

    /// <summary>The task already reports the indicator; nothing was written.</summary>
    AlreadyLinked,

    /// <summary>No such current indicator, or (unlinking) no such link.</summary>
    NotFound,

    /// <summary>Refused; see the errors. Nothing was written.</summary>
    Invalid,
}

/// <summary>The result of <see cref="IndicatorLinkAdministration.LinkAsync"/> or <see cref="IndicatorLinkAdministration.UnlinkAsync"/>.</summary>
/// <param name="Indicator">The indicator's name, when it was found.</param>
/// <param name="Task">The task, when it was found.</param>
/// <param name="Errors">Chinese messages keyed by the form field ("taskId"), or the form as a whole.</param>
public sealed record IndicatorLinkResult(
    IndicatorLinkOutcome Outcome,
    string? Indicator,
    IndicatorTaskReference? Task,
    IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Outcome is IndicatorLinkOutcome.Linked or IndicatorLinkOutcome.Unlinked;
}
