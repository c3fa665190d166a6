using System.Text;
using EduPlan.Core.Csv;
using EduPlan.Core.Messages;
using EduPlan.Core.Text;

namespace EduPlan.Core.Ownership;

/// <summary>One record of a CSV file: its fields, the line it starts on, and what was wrong with its quoting, if anything.</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, Message? Error);

/// <summary>
/// Splits text into RFC 4180 records: fields separated by commas, records by CRLF, LF or CR; a field in double quotes
/// may hold commas, line breaks and doubled quotes (""). A quote inside an unquoted field is kept as written, as Excel does.
/// </summary>
internal static class CsvRecords
{
    /// <summary>
    /// The records that hold anything, each with its cells trimmed and without invisible characters (<see cref="TextSanitiser.FreeText"/>) and the empty cells at its end dropped (Excel writes
    /// <c>,,,</c>), and with whether it is the first such record (a header, perhaps). With <paramref name="unguard"/>,
    /// without the ' that <see cref="CsvWriter"/> puts before a formula-like cell.
    /// </summary>
    public static IEnumerable<(CsvRecord Record, List<string> Cells, bool IsFirst)> ReadCells(string text, bool unguard = false)
    {
        var first = true;
        foreach (var record in Read(text))
        {
            var cells = record.Fields.Select(f => TextSanitiser.FreeText(f)!.Trim()).Select(f => unguard ? CsvWriter.Unguard(f) : f).ToList();
            if (cells.All(c => c.Length == 0))
            {
                continue;
            }

            while (cells[^1].Length == 0)
            {
                cells.RemoveAt(cells.Count - 1);
            }

            yield return (record, cells, first);
            first = false;
        }
    }

    public static IEnumerable<CsvRecord> Read(string text)
    {
        var line = 1;
        var position = 0;
        while (position < text.Length)
        {
            var startLine = line;
            var fields = new List<string>();
            Message? error = null;
            var field = new StringBuilder();
            var endOfRecord = false;

            while (!endOfRecord)
            {
                field.Clear();
                if (position < text.Length && text[position] == '"')
                {
                    position++;
                    var closed = false;
                    while (position < text.Length)
                    {
                        var c = text[position];
                        if (c == '"')
                        {
                            if (position + 1 < text.Length && text[position + 1] == '"')
                            {
                                field.Append('"');
                                position += 2;
                                continue;
                            }

                            position++;
                            closed = true;
                            break;
                        }

                        if (IsLineBreak(text, position, out var width))
                        {
                            line++;
                            field.Append('\n');
                            position += width;
                            continue;
                        }

                        field.Append(c);
                        position++;
                    }

                    if (!closed)
                    {
                        error ??= new Message("Csv_QuoteNotClosed");
                    }
                    else if (position < text.Length && text[position] != ',' && !IsLineBreak(text, position, out _))
                    {
                        // RFC 4180 allows nothing between the closing quote and the separator; keep the text, report it.
                        error ??= new Message("Csv_TextAfterQuote");
                        while (position < text.Length && text[position] != ',' && !IsLineBreak(text, position, out _))
                        {
                            field.Append(text[position]);
                            position++;
                        }
                    }
                }
                else
                {
                    while (position < text.Length && text[position] != ',' && !IsLineBreak(text, position, out _))
                    {
                        field.Append(text[position]);
                        position++;
                    }
                }

                fields.Add(field.ToString());

                if (position >= text.Length)
                {
                    endOfRecord = true;
                }
                else if (text[position] == ',')
                {
                    position++;
                    // A comma at the very end of the text still ends a (last, empty) field.
                    if (position >= text.Length)
                    {
                        fields.Add("");
                        endOfRecord = true;
                    }
                }
                else if (IsLineBreak(text, position, out var width))
                {
                    position += width;
                    line++;
                    endOfRecord = true;
                }
            }

            yield return new CsvRecord(startLine, fields, error);
        }
    }

    private static bool IsLineBreak(string text, int position, out int width)
    {
        switch (text[position])
        {
            case '\r':
                width = position + 1 < text.Length && text[position + 1] == '\n' ? 2 : 1;
                return true;
            case '\n':
                width = 1;
                return true;
            default:
                width = 0;
                return false;
        }
    }
}
