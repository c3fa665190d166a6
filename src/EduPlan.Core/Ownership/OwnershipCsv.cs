using System.Globalization;
using System.Text;
using EduPlan.Core.Csv;
using EduPlan.Core.Messages;
using EduPlan.Core.Parsing;
using EduPlan.Core.Parsing.Internal;
using EduPlan.Core.Plans;

namespace EduPlan.Core.Ownership;

/// <summary>
/// The task-ownership CSV file (规划代码,任务序号,牵头单位,参与单位): reads an uploaded file into rows and bad lines,
/// and writes the template. Pure: which plans, tasks and departments exist is checked by the data layer.
/// </summary>
/// <remarks>
/// Bytes are decoded as the plan reader does (UTF-8 with or without BOM, UTF-16 with BOM, else GB18030, which is what
/// Excel in China writes for "CSV（逗号分隔）"). Records follow RFC 4180. The first non-blank record is skipped as a
/// header when its task number is not a number and it names a column (规划, 任务, 牵头 …). Blank records are skipped and
/// trailing empty cells ignored, so a row has 2 to 4 cells; an empty lead means "no lead department". Several
/// co-departments go in the fourth cell, separated by 、 (also accepted: ，,；; and a line break inside the quoted cell).
/// </remarks>
public static class OwnershipCsv
{
    /// <summary>The column titles of the template, in order.</summary>
    public static readonly IReadOnlyList<string> Header = ["规划代码", "任务序号", "牵头单位", "参与单位"];

    /// <summary>The separator written between co-departments.</summary>
    public const string CoDepartmentSeparator = "、";

    /// <summary>Every character that separates co-departments when reading, and so may not appear in a department name.</summary>
    public const string SeparatorCharacters = "、，,；;\n";

    private static readonly char[] Separators = SeparatorCharacters.ToCharArray();

    /// <summary>The header as one line, as messages quote it: 规划代码,任务序号,牵头单位,参与单位.</summary>
    private static readonly string HeaderText = string.Join(",", Header);

    private static readonly string[] HeaderWords = ["规划", "任务", "序号", "牵头", "参与", "单位", "plan", "task", "lead"];

    /// <summary>Decodes and reads a file's bytes; an encoding problem comes back as an error, not an exception.</summary>
    public static OwnershipCsvDocument Parse(ReadOnlySpan<byte> content, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        string text;
        try
        {
            text = PlanTextDecoder.Decode(content, sourceName);
        }
        catch (PlanFormatException ex)
        {
            return new OwnershipCsvDocument(sourceName, [], [new OwnershipCsvError(sourceName, ex.Line, ex.Reason)], HeaderLine: null);
        }

        return ParseText(text, sourceName);
    }

    /// <summary>Reads text that is already decoded.</summary>
    public static OwnershipCsvDocument ParseText(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);

        var rows = new List<OwnershipCsvRow>();
        var errors = new List<OwnershipCsvError>();
        int? headerLine = null;

        // Trimmed, and without the ' that guards a formula-like cell in a file this class wrote.
        foreach (var (record, cells, isFirst) in CsvRecords.ReadCells(text, unguard: true))
        {
            if (isFirst && LooksLikeHeader(cells))
            {
                headerLine = record.Line;
                continue;
            }

            OwnershipCsvRow? row = null;
            var reason = record.Error ?? ReadRow(record.Line, cells, out row);
            if (reason is not null)
            {
                errors.Add(new OwnershipCsvError(sourceName, record.Line, reason));
            }
            else
            {
                rows.Add(row!);
            }
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new OwnershipCsvError(sourceName, 0, new Message("OwnershipCsv_NoRows", HeaderText)));
        }

        return new OwnershipCsvDocument(sourceName, rows, errors, headerLine);
    }

    /// <summary>Splits the co-department cell into names, trimmed, empty ones dropped, in the order written.</summary>
    public static IReadOnlyList<string> SplitCoDepartments(string cell) =>
        cell.Split(Separators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// A task number as people write it: 9, ９, 九 or （九）; null when it is none of these.
    /// </summary>
    public static int? ParseTaskNumber(string cell)
    {
        var text = cell.Trim().Trim('（', '）', '(', ')').Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (text.All(c => c is >= '0' and <= '9' or >= '０' and <= '９'))
        {
            var ascii = string.Concat(text.Select(c => c >= '０' ? (char)('0' + (c - '０')) : c));
            return int.TryParse(ascii, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;
        }

        return ChineseNumerals.Parse(text);
    }

    /// <summary>Writes the header and one line per row with <see cref="CsvWriter"/> (CRLF, quoting, formula guard).</summary>
    public static string Write(IEnumerable<OwnershipCsvRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var builder = new StringBuilder();
        builder.Append(CsvWriter.Line(Header));
        foreach (var row in rows)
        {
            builder.Append(CsvWriter.Line(
            [
                row.Plan,
                row.TaskNumber.ToString(CultureInfo.InvariantCulture),
                row.Lead,
                string.Join(CoDepartmentSeparator, row.CoDepartments),
            ]));
        }

        return builder.ToString();
    }

    /// <summary><see cref="Write"/> as UTF-8 with a BOM, which is how Excel recognises a UTF-8 CSV file when opening it.</summary>
    public static byte[] WriteUtf8WithBom(IEnumerable<OwnershipCsvRow> rows) => CsvWriter.Utf8WithBom(Write(rows));

    private static bool LooksLikeHeader(List<string> cells) =>
        (cells.Count < 2 || ParseTaskNumber(cells[1]) is null)
        && cells.Any(c => HeaderWords.Any(w => c.Contains(w, StringComparison.OrdinalIgnoreCase)));

    private static Message? ReadRow(int line, List<string> cells, out OwnershipCsvRow? row)
    {
        row = null;
        if (cells.Any(c => c.Contains('\uFFFD')))
        {
            return new Message("OwnershipCsv_Unreadable");
        }

        if (cells.Count is < 2 or > 4)
        {
            return new Message("OwnershipCsv_ColumnCount", cells.Count, HeaderText, CoDepartmentSeparator);
        }

        var plan = cells[0];
        if (plan.Length == 0)
        {
            return new Message("OwnershipCsv_PlanMissing");
        }

        if (ParseTaskNumber(cells[1]) is not { } number)
        {
            return cells[1].Length == 0
                ? new Message("OwnershipCsv_TaskNumberMissing")
                : new Message("OwnershipCsv_TaskNumberInvalid", cells[1], ChineseNumerals.Format(9), ChineseNumerals.TaskMarker(9));
        }

        var lead = cells.Count > 2 && cells[2].Length > 0 ? cells[2] : null;
        if (lead is not null && lead.IndexOfAny(Separators) >= 0)
        {
            return new Message("OwnershipCsv_SeveralLeads", lead.ReplaceLineEndings(" "));
        }

        var coDepartments = cells.Count > 3 ? SplitCoDepartments(cells[3]) : [];
        row = new OwnershipCsvRow(line, plan, number, lead, coDepartments);
        return null;
    }
}

/// <summary>One task line of the ownership CSV: which plan and task, the lead department (null for none) and the co-departments, as written.</summary>
/// <param name="Line">The 1-based line the record starts on (0 for a row made in code, e.g. for the template).</param>
public sealed record OwnershipCsvRow(int Line, string Plan, int TaskNumber, string? Lead, IReadOnlyList<string> CoDepartments);

/// <summary>A bad line of an ownership CSV file; <see cref="ToString"/> gives "file:line: reason".</summary>
/// <param name="Line">1-based; 0 when the problem is the file as a whole.</param>
public sealed record OwnershipCsvError(string SourceName, int Line, Message Reason)
{
    /// <summary>"file:line: reason" in Chinese.</summary>
    public override string ToString() => ToString(MessageTexts.Chinese);

    /// <summary>"file:line: reason" with the reason in <paramref name="culture"/>'s language.</summary>
    public string ToString(CultureInfo culture) =>
        Line > 0 ? $"{SourceName}:{Line}: {Reason.ToString(culture)}" : $"{SourceName}: {Reason.ToString(culture)}";
}

/// <summary>What was read from an ownership CSV file: the rows that are well formed and the lines that are not.</summary>
/// <param name="HeaderLine">The line of the header that was recognised and skipped, or null when there was none.</param>
public sealed record OwnershipCsvDocument(
    string SourceName,
    IReadOnlyList<OwnershipCsvRow> Rows,
    IReadOnlyList<OwnershipCsvError> Errors,
    int? HeaderLine)
{
    public bool IsValid => Errors.Count == 0;
}
