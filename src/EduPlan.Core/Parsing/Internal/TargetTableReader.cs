using System.Globalization;
using System.Text.RegularExpressions;
using EduPlan.Core.Messages;
using EduPlan.Core.Plans;

namespace EduPlan.Core.Parsing.Internal;

/// <summary>
/// Reads a 主要指标 / 核心指标 table: a header row naming the indicator column (指标, 指标名称, 项目), optionally the unit
/// (单位) and one or more year columns (2020年 / 基期值 as the baseline, 2025年 / 目标值 as the target); then one row
/// per indicator. Target cells say 不少于60, 95以上, ≥95, 2-3 (the lower bound is the commitment), 5/16 (five of
/// sixteen), 逐年只增不减 (at least the baseline) or just a number. A table without such a header is left alone.
/// </summary>
internal static partial class TargetTableReader
{
    private static readonly string[] NameHeaders = ["指标名称", "主要指标", "核心指标", "指标", "名称", "项目"];
    private static readonly string[] BaselineWords = ["基期", "基准", "现状", "基础", "基数", "现值"];
    private static readonly string[] TargetWords = ["目标", "预期"];
    private static readonly string[] NonDecreasing = ["逐年只增不减", "只增不减", "逐年增长", "逐年提高", "稳步提高", "持续提高", "稳步提升", "持续提升", "逐步提高", "不减少", "只增不降"];

    private sealed record Column(int Index, int? Year, bool IsBaseline, string Header);

    /// <summary>The indicators of one table (consecutive rows). Returns nothing when the rows are no target table.</summary>
    public static void Read(
        IReadOnlyList<SourceLine> rows, int? taskNumber, int? planStart, int? planEnd, List<IndicatorDraft> output, List<Message> warnings, string planTitle)
    {
        var headerIndex = rows.ToList().FindIndex(r => HeaderColumns(r.Cells!, planStart, planEnd) is not null);
        if (headerIndex < 0)
        {
            return;
        }

        var header = rows[headerIndex].Cells!;
        var (nameColumn, unitColumn, columns) = HeaderColumns(header, planStart, planEnd)!.Value;
        var baseline = columns.FirstOrDefault(c => c.IsBaseline);
        foreach (var row in rows.Skip(headerIndex + 1))
        {
            var cells = row.Cells!;
            if (nameColumn >= cells.Count || SourceLines.Trim(cells[nameColumn]) is not { Length: > 0 } rawName || HeaderColumns(cells, planStart, planEnd) is not null)
            {
                continue;
            }

            var (name, nameUnit) = NameAndUnit(rawName);
            var unit = unitColumn is { } u && u < cells.Count && SourceLines.Trim(cells[u]) is { Length: > 0 } written ? NormaliseUnit(written) : nameUnit;
            var baselineValue = baseline is not null && baseline.Index < cells.Count ? ParseNumber(cells[baseline.Index]) : null;
            foreach (var column in columns.Where(c => !c.IsBaseline))
            {
                if (column.Index >= cells.Count || SourceLines.Trim(cells[column.Index]) is not { Length: > 0 } cell || cell is "—" or "-" or "/" or "——")
                {
                    continue;
                }

                var source = Source(name, unit, header, cells, baseline, column);
                if (ParseTarget(cell, baselineValue?.Value) is not { } target)
                {
                    warnings.Add(new Message("Parse_TableCellNotATarget", planTitle, row.Number, name, cell));
                    continue;
                }

                var targetUnit = unit.Length > 0 ? unit : target.Unit ?? baselineValue?.Unit ?? "";
                output.Add(new IndicatorDraft(name, target.Comparator, target.Value, targetUnit, column.Year ?? planEnd, source, taskNumber, null, row.Number)
                {
                    Baseline = baselineValue?.Value,
                    BaselineYear = baselineValue is null ? null : baseline?.Year,
                    FromTable = true,
                });
            }
        }
    }

    /// <summary>The name column, the unit column and the value columns of a header row; null when it is no target-table header.</summary>
    private static (int Name, int? Unit, List<Column> Values)? HeaderColumns(IReadOnlyList<string> cells, int? planStart, int? planEnd)
    {
        int? nameColumn = null, unitColumn = null;
        var values = new List<Column>();
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = string.Concat(SourceLines.Trim(FullWidth.ForMatching(cells[i])).Where(c => !char.IsWhiteSpace(c)));
            if (cell.Length == 0)
            {
                continue;
            }

            if (nameColumn is null && NameHeaders.Any(h => cell.StartsWith(h, StringComparison.Ordinal) || cell == h))
            {
                nameColumn = i;
                continue;
            }

            if (cell is "单位" or "计量单位" || cell.StartsWith("单位", StringComparison.Ordinal))
            {
                unitColumn = i;
                continue;
            }

            var year = HeaderYear().Match(cell) is { Success: true } y ? int.Parse(y.Groups["year"].ValueSpan, CultureInfo.InvariantCulture) : (int?)null;
            var isBaseline = BaselineWords.Any(w => cell.Contains(w, StringComparison.Ordinal));
            var isTarget = TargetWords.Any(w => cell.Contains(w, StringComparison.Ordinal));
            if (year is null && !isBaseline && !isTarget)
            {
                continue;
            }

            if (!isBaseline && !isTarget && year is { } only)
            {
                // A bare year column: the ones before the plan's first year are where it starts from.
                isBaseline = planStart is { } start ? only < start : planEnd is { } end && only < end && values.Count == 0;
            }

            values.Add(new Column(i, year, isBaseline && !isTarget, cells[i]));
        }

        return nameColumn is { } name && values.Exists(v => !v.IsBaseline) ? (name, unitColumn, values) : null;
    }

    /// <summary>学前三年毛入园率（%）: the unit in brackets after a name.</summary>
    private static (string Name, string Unit) NameAndUnit(string raw)
    {
        var match = NameUnit().Match(raw);
        return match.Success ? (SourceLines.Trim(match.Groups["name"].Value), NormaliseUnit(match.Groups["unit"].Value)) : (raw, "");
    }

    private static string NormaliseUnit(string unit) => SourceLines.Trim(unit) is "％" ? "%" : SourceLines.Trim(unit);

    private sealed record Target(Comparator Comparator, decimal Value, string? Unit);

    /// <summary>Reads a target cell; null when it holds no commitment the portal can measure.</summary>
    private static Target? ParseTarget(string cell, decimal? baseline)
    {
        var text = string.Concat(FullWidth.ForMatching(cell).Where(c => !char.IsWhiteSpace(c)));
        if (NonDecreasing.Any(w => text.Contains(w, StringComparison.Ordinal)))
        {
            return baseline is { } start ? new Target(Comparator.AtLeast, start, null) : null;
        }

        if (RangeCell().Match(text) is { Success: true } range)
        {
            return new Target(Comparator.AtLeast, Number(range.Groups["low"]), Unit(range.Groups["unit"]));
        }

        if (FractionCell().Match(text) is { Success: true } fraction)
        {
            return new Target(Comparator.AtLeast, Number(fraction.Groups["part"]), Unit(fraction.Groups["unit"]));
        }

        if (TargetCell().Match(text) is not { Success: true } match)
        {
            return null;
        }

        var value = Number(match.Groups["num"]);
        var comparator = match.Groups["cmp"].Value switch
        {
            "≥" or "≧" or "不少于" or "不低于" or "至少" or "达到" or "大于等于" => Comparator.AtLeast,
            ">" or "＞" or "超过" or "高于" or "大于" => Comparator.GreaterThan,
            "≤" or "≦" or "不超过" or "不高于" or "控制在" or "小于等于" => Comparator.AtMost,
            "<" or "＜" or "低于" or "少于" or "小于" => Comparator.LessThan,
            _ => match.Groups["post"].Value switch
            {
                "以上" => Comparator.AtLeast,
                "以下" or "以内" => Comparator.AtMost,
                // A plain figure: more than the baseline is a floor, less (近视率, 生师比) a ceiling.
                _ => baseline is { } start && value < start ? Comparator.AtMost : Comparator.AtLeast,
            },
        };
        return new Target(comparator, value, Unit(match.Groups["unit"]));
    }

    private static (decimal Value, string? Unit)? ParseNumber(string cell)
    {
        var text = string.Concat(FullWidth.ForMatching(cell).Where(c => !char.IsWhiteSpace(c)));
        return TargetCell().Match(text) is { Success: true } match && match.Groups["cmp"].Length == 0
            ? (Number(match.Groups["num"]), Unit(match.Groups["unit"]))
            : null;
    }

    private static string Source(string name, string unit, IReadOnlyList<string> header, IReadOnlyList<string> cells, Column? baseline, Column target)
    {
        var label = unit.Length > 0 ? $"{name}（{unit}）" : name;
        var parts = new List<string>();
        if (baseline is not null && baseline.Index < cells.Count && SourceLines.Trim(cells[baseline.Index]) is { Length: > 0 } start)
        {
            parts.Add($"{SourceLines.Trim(header[baseline.Index])} {start}");
        }

        parts.Add($"{SourceLines.Trim(header[target.Index])} {SourceLines.Trim(cells[target.Index])}");
        return $"{label}：{string.Join("，", parts)}";
    }

    private static decimal Number(Group group) => decimal.Parse(group.ValueSpan, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    private static string? Unit(Group group) => group.Success && group.Length > 0 ? NormaliseUnit(group.Value) : null;

    [GeneratedRegex(@"(?<year>(?:19|20)[0-9]{2})", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderYear();

    [GeneratedRegex(@"^(?<name>.+?)[（(](?<unit>[^（）()]{1,8})[）)]$", RegexOptions.CultureInvariant)]
    private static partial Regex NameUnit();

    [GeneratedRegex(@"^(?<cmp>≥|≧|>|＞|≤|≦|<|＜|不少于|不低于|不超过|不高于|超过|高于|大于等于|小于等于|大于|低于|少于|小于|至少|达到|控制在)?(?<num>[0-9]+(?:\.[0-9]+)?)(?<unit>%|％|个百分点|小时|万人|万元|亿元|万|所|个|家|项|门|座|名|人|倍|年|次|天)?(?<post>以上|以下|以内|左右)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TargetCell();

    [GeneratedRegex(@"^(?<low>[0-9]+(?:\.[0-9]+)?)[%％]?[-—–～~至到](?<high>[0-9]+(?:\.[0-9]+)?)(?<unit>%|％|小时|所|个|项|人|年|次|天)?$", RegexOptions.CultureInvariant)]
    private static partial Regex RangeCell();

    [GeneratedRegex(@"^(?<part>[0-9]+)/(?<whole>[0-9]+)(?<unit>所|个|项|家)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FractionCell();
}
