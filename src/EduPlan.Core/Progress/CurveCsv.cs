using System.Globalization;
using EduPlan.Core.Messages;
using EduPlan.Core.Ownership;
using EduPlan.Core.Parsing;
using EduPlan.Core.Parsing.Internal;
using EduPlan.Core.Reporting;

namespace EduPlan.Core.Progress;

/// <summary>One line of a planned-progress CSV: plan, task, quarter, planned percent.</summary>
/// <param name="Line">1-based line the record starts on.</param>
public sealed record CurveCsvRow(int Line, string Plan, int TaskNumber, Quarter Quarter, int PlannedPercent);

/// <summary>A bad line of a planned-progress CSV file; <see cref="ToString(CultureInfo)"/> gives "file:line: reason".</summary>
public sealed record CurveCsvError(string SourceName, int Line, Message Reason)
{
    public string ToString(CultureInfo culture) =>
        Line > 0 ? $"{SourceName}:{Line}: {Reason.ToString(culture)}" : $"{SourceName}: {Reason.ToString(culture)}";

    public override string ToString() => ToString(MessageTexts.Chinese);
}

/// <summary>
/// The planned-progress (形象进度) CSV file: 规划代码,任务序号,季度,计划完成进度 — one planned percent per task and quarter,
/// decoded like the ownership file (UTF-8 with or without BOM, UTF-16, else GB18030 as Excel in China saves it), an
/// optional header row, blank lines ignored. Pure: which plans and tasks exist is checked by the use case.
/// </summary>
public static class CurveCsv
{
    public static readonly IReadOnlyList<string> Header = ["规划代码", "任务序号", "季度", "计划完成进度"];

    public static (IReadOnlyList<CurveCsvRow> Rows, IReadOnlyList<CurveCsvError> Errors) Parse(ReadOnlySpan<byte> content, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        string text;
        try
        {
            text = PlanTextDecoder.Decode(content, sourceName);
        }
        catch (PlanFormatException ex)
        {
            return ([], [new CurveCsvError(sourceName, ex.Line, new Message("Curve_Undecodable"))]);
        }

        var rows = new List<CurveCsvRow>();
        var errors = new List<CurveCsvError>();
        foreach (var (record, cells, isFirst) in CsvRecords.ReadCells(text))
        {
            if (isFirst && cells.Count > 1 && OwnershipCsv.ParseTaskNumber(cells[1]) is null
                && cells.Any(c => c.Contains("规划", StringComparison.Ordinal) || c.Contains("季度", StringComparison.Ordinal)
                    || c.Contains("plan", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            Message? reason = null;
            if (record.Error is not null)
            {
                reason = new Message("Curve_BadQuoting");
            }
            else if (cells.Count != 4)
            {
                reason = new Message("Curve_Columns", cells.Count);
            }
            else if (OwnershipCsv.ParseTaskNumber(cells[1]) is not { } number)
            {
                reason = new Message("Curve_BadTaskNumber", cells[1]);
            }
            else if (!Quarter.TryParse(cells[2], out var quarter) || !quarter.IsReportingQuarter)
            {
                reason = new Message("Curve_BadQuarter", cells[2]);
            }
            else if (!int.TryParse(cells[3].TrimEnd('%', '％'), NumberStyles.None, CultureInfo.InvariantCulture, out var percent) || percent > 100)
            {
                reason = new Message("Curve_BadPercent", cells[3]);
            }
            else
            {
                rows.Add(new CurveCsvRow(record.Line, cells[0], number, quarter, percent));
            }

            if (reason is not null)
            {
                errors.Add(new CurveCsvError(sourceName, record.Line, reason));
            }
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new CurveCsvError(sourceName, 0, new Message("Curve_Empty")));
        }

        return (rows, errors);
    }

    /// <summary>The rules a curve must meet, the same for the form and the file; null when it meets them.</summary>
    public static Message? Check(PlannedProgress period, IReadOnlyList<PlannedPoint> points)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(points);
        var ordered = points.OrderBy(p => p.Quarter).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var point = ordered[i];
            if (point.Percent is < 0 or > 100)
            {
                return new Message("Curve_BadPercent", point.Percent);
            }

            if (i > 0 && ordered[i - 1].Quarter == point.Quarter)
            {
                return new Message("Curve_DuplicateQuarter", point.Quarter);
            }

            if (i > 0 && ordered[i - 1].Percent > point.Percent)
            {
                return new Message("Curve_Decreasing", point.Quarter, point.Percent, ordered[i - 1].Quarter, ordered[i - 1].Percent);
            }

            if (point.Quarter.EndDate < period.Start)
            {
                return new Message("Curve_BeforeStart", point.Quarter, period.Start);
            }

            if (point.Quarter.StartDate > period.Due)
            {
                return new Message("Curve_AfterDue", point.Quarter, period.Due);
            }

            if (point.Quarter.EndDate >= period.Due && point.Percent != 100)
            {
                return new Message("Curve_DueQuarterNot100", point.Quarter, period.Due);
            }
        }

        return null;
    }
}
