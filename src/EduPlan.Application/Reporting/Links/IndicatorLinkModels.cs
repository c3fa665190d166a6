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

/// <summary>
/// The value of linking or unlinking: the indicator's name and the task, when they were found (a refusal names them too).
/// </summary>
public sealed record IndicatorLink(string Indicator, IndicatorTaskReference? Task);
