using System.Text;

namespace EduPlan.Core.Csv;

/// <summary>
/// Every CSV file EduPlan writes (the audit export, the task-ownership template): for Excel in China, UTF-8 with a
/// byte-order mark (without it Excel reads GBK and garbles Chinese), CRLF lines, RFC 4180 quoting, and no cell that a
/// spreadsheet would run as a formula.
/// </summary>
public static class CsvWriter
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static ReadOnlyMemory<byte> ByteOrderMark { get; } = Encoding.UTF8.GetPreamble();

    /// <summary>UTF-8 without a preamble: the byte-order mark is written once, explicitly, before the first row.</summary>
    public static Encoding Encoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    // = + - @ start a formula in Excel and LibreOffice; tab and CR do too after the cell is trimmed (OWASP CSV injection).
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    /// <summary>Whether a spreadsheet would read <paramref name="value"/> as a formula (so a name may not start that way).</summary>
    public static bool StartsLikeFormula(string? value) => !string.IsNullOrEmpty(value) && Array.IndexOf(FormulaStarts, value[0]) >= 0;

    /// <summary>One cell: neutralised with a leading ' when it could start a formula, then quoted when it has to be.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (StartsLikeFormula(value))
        {
            value = "'" + value;
        }

        return value.IndexOfAny(NeedsQuotes) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>A cell read back from a file this writer made: the ' that neutralised a formula is taken off again.</summary>
    public static string Unguard(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Length > 1 && cell[0] == '\'' && StartsLikeFormula(cell[1..]) ? cell[1..] : cell;
    }

    /// <summary>One record, cells separated by commas and ended by CRLF.</summary>
    public static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";

    /// <summary>A whole file's text as bytes: the byte-order mark, then UTF-8.</summary>
    public static byte[] Utf8WithBom(string text) => [.. ByteOrderMark.Span, .. Encoding.GetBytes(text)];
}
