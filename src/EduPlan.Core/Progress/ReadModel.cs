using EduPlan.Core.Reporting;

namespace EduPlan.Core.Progress;

/// <summary>
/// Read model (ADR 15): what a task's lead department had reported by the end of a quarter, one row per task and
/// quarter from 2025Q1 to 2035Q4 once the lead has submitted anything. Kept current in the same transaction as every
/// change that alters it, so pages never aggregate reports; recomputed by <c>eduplan readmodel rebuild</c>.
/// </summary>
public class TaskQuarterProgress
{
    public int TaskId { get; set; }
    public int Year { get; set; }
    public int QuarterNumber { get; set; }

    /// <summary>The lead department submitted its report for this very quarter at least once.</summary>
    public bool ReportedThisQuarter { get; set; }

    /// <summary>The lead department's latest approved report up to this quarter (null fields when none).</summary>
    public ReportFacts Approved { get; set; } = new();

    /// <summary>The lead department's latest submitted or approved report up to this quarter.</summary>
    public ReportFacts Submitted { get; set; } = new();

    public ReportFacts On(ReportBasis basis) => basis == ReportBasis.Submitted ? Submitted : Approved;
}

/// <summary>The figures of one report as a light needs them (all null when there is no such report).</summary>
public class ReportFacts
{
    public int? ReportId { get; set; }
    public int? Year { get; set; }
    public int? QuarterNumber { get; set; }
    public int? Percent { get; set; }
    public ReportStatus? Status { get; set; }
    public bool HasEvidence { get; set; }

    public ReportFigures? ToFigures() =>
        ReportId is null ? null : new ReportFigures(new Quarter(Year!.Value, QuarterNumber!.Value), Percent!.Value, Status!.Value, HasEvidence);

    public bool SameAs(ReportFacts other) =>
        ReportId == other.ReportId && Year == other.Year && QuarterNumber == other.QuarterNumber
        && Percent == other.Percent && Status == other.Status && HasEvidence == other.HasEvidence;
}

/// <summary>
/// Read model: an indicator's value as the pages show it for a quarter — the latest value up to that quarter, from the
/// lead department's report where it gave one, else the one approved (or submitted) last. One row per indicator and
/// quarter from 2025Q1 to 2035Q4 once any report carries a value for it.
/// </summary>
public class IndicatorQuarterValue
{
    public int IndicatorId { get; set; }
    public int Year { get; set; }
    public int QuarterNumber { get; set; }
    public ValueFacts Approved { get; set; } = new();
    public ValueFacts Submitted { get; set; } = new();

    public ValueFacts On(ReportBasis basis) => basis == ReportBasis.Submitted ? Submitted : Approved;
}

/// <summary>One reported value of an indicator (all null when there is none).</summary>
public class ValueFacts
{
    public decimal? Value { get; set; }
    public int? Year { get; set; }
    public int? QuarterNumber { get; set; }
    public int? ReportId { get; set; }
    public int? DepartmentId { get; set; }

    public IndicatorFigure? ToFigure() => Value is null ? null : new IndicatorFigure(new Quarter(Year!.Value, QuarterNumber!.Value), Value.Value);

    public bool SameAs(ValueFacts other) =>
        Value == other.Value && Year == other.Year && QuarterNumber == other.QuarterNumber
        && ReportId == other.ReportId && DepartmentId == other.DepartmentId;
}

/// <summary>Read model: when a report was first submitted (a later resubmission does not make an on-time report late).</summary>
public class ReportSubmission
{
    public int ReportId { get; set; }
    public int TaskId { get; set; }
    public int DepartmentId { get; set; }
    public int Year { get; set; }
    public int QuarterNumber { get; set; }

    /// <summary>UTC.</summary>
    public DateTime FirstSubmittedAt { get; set; }
}
