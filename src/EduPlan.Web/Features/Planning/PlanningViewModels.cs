using System.ComponentModel.DataAnnotations;
using EduPlan.Application.Progress;
using EduPlan.Core.Progress;

namespace EduPlan.Web.Features.Planning;

/// <summary>进度计划: a plan's tasks with their due dates, weights and curves, and its indicators with their baselines.</summary>
public sealed record PlanningIndexViewModel(string PlanCode, string PlanTitle, IReadOnlyList<PlanChoice> Plans, IReadOnlyList<TaskPlanning> Tasks, IReadOnlyList<IndicatorBaselineView> Indicators, string? Message);

public sealed record PlanChoice(string Code, string Title);

/// <summary>The fields the task form posts (allow-list: nothing else is bound).</summary>
public sealed class TaskPlanningForm
{
    [DataType(DataType.Date)]
    public DateOnly? StartDate { get; set; }

    [DataType(DataType.Date)]
    public DateOnly? DueDate { get; set; }

    [Range(typeof(decimal), "0.01", "100")]
    public decimal Weight { get; set; } = TaskSchedule.DefaultWeight;

    [StringLength(4000)]
    public string? Curve { get; set; }

    public int Version { get; set; }
}

/// <summary>The task form with what is stored now (after a conflict, someone else's version).</summary>
public sealed record TaskPlanningViewModel(TaskPlanning Task, TaskPlanningForm Form, string? Conflict);

/// <summary>The fields the baseline form posts.</summary>
public sealed class BaselineForm
{
    public decimal? Value { get; set; }

    public int? Year { get; set; }

    public int Version { get; set; }
}

public sealed record BaselineViewModel(IndicatorBaselineView Indicator, BaselineForm Form, string? Conflict);

/// <summary>The curve upload page and, after an upload, what it did or every bad line.</summary>
public sealed record CurveImportViewModel(IReadOnlyList<PlanChoice> Plans, CurveImportResult? Result, IReadOnlyList<string> Errors);
