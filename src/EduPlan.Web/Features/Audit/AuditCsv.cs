using System.Text;

namespace EduPlan.Web.Features.Audit;

/// <summary>
/// CSV for Excel in China: UTF-8 with a byte-order mark (without it Excel reads GBK and garbles Chinese), CRLF lines,
/// RFC 4180 quoting, and no cell that a spreadsheet would run as a formula.
/// </summary>
public static class AuditCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static ReadOnlyMemory<byte> ByteOrderMark { get; } = Encoding.UTF8.GetPreamble();

    /// <summary>UTF-8 without a preamble: the byte-order mark is written once, explicitly, before the first row.</summary>
    public static Encoding Encoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    // = + - @ start a formula in Excel and LibreOffice; tab and CR do too after the cell is trimmed (OWASP CSV injection).
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    /// <summary>One cell: neutralised with a leading ' when it could start a formula, then quoted when it has to be.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (Array.IndexOf(FormulaStarts, value[0]) >= 0)
        {
            value = "'" + value;
        }

        return value.IndexOfAny(NeedsQuotes) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>One record, cells separated by commas and ended by CRLF.</summary>
    public static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";
}
