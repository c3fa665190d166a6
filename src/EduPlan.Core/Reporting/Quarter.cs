using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using EduPlan.Core.Messages;
using EduPlan.Core.Plans;

namespace EduPlan.Core.Reporting;

/// <summary>A reporting quarter such as 2026Q3, between <see cref="First"/> (2025Q1) and <see cref="Last"/> (2035Q4).</summary>
public readonly record struct Quarter : IComparable<Quarter>, ILocalizable
{
    public Quarter(int year, int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 2100);
        Year = year;
        Number = number;
    }

    /// <summary>The first quarter anyone reports on: 2025Q1 (the plans start in 2024, reporting in 2025).</summary>
    public static Quarter First { get; } = new(2025, 1);

    /// <summary>The last quarter of the plans: 2035Q4.</summary>
    public static Quarter Last { get; } = new(2035, 4);

    public int Year { get; }

    /// <summary>1 to 4.</summary>
    public int Number { get; }

    /// <summary>True from 2025Q1 to 2035Q4.</summary>
    public bool IsReportingQuarter => this >= First && this <= Last;

    /// <summary>The first day of the quarter.</summary>
    public DateOnly StartDate => new(Year, (Number * 3) - 2, 1);

    /// <summary>The last day of the quarter.</summary>
    public DateOnly EndDate => StartDate.AddMonths(3).AddDays(-1);

    /// <summary>The first day of the quarter's last month: entry opens then.</summary>
    public DateOnly EntryOpens => new(Year, Number * 3, 1);

    /// <summary>The last day on which entry is open by default: <paramref name="graceDays"/> days after the quarter ends.</summary>
    public DateOnly DefaultDeadline(int graceDays) => EndDate.AddDays(graceDays);

    /// <summary>
    /// The quarter as one sortable number, year × 10 + quarter (2026Q3 is 20263): how ownership periods store their
    /// first and last quarter, so a database compares quarters with &lt;= and &gt;=.
    /// </summary>
    public int Key => (Year * 10) + Number;

    /// <summary>The quarter of a <see cref="Key"/>.</summary>
    public static Quarter FromKey(int key) => new(key / 10, key % 10);

    public Quarter Next => Number == 4 ? new(Year + 1, 1) : new(Year, Number + 1);

    public Quarter Previous => Number == 1 ? new(Year - 1, 4) : new(Year, Number - 1);

    /// <summary>The quarter a date falls in (throws for years outside 2000–2100, like the constructor).</summary>
    public static Quarter Containing(DateOnly date) => new(date.Year, ((date.Month - 1) / 3) + 1);

    /// <summary>Every quarter from <paramref name="from"/> to <paramref name="to"/>, both included, oldest first (none when from is later).</summary>
    public static IEnumerable<Quarter> Range(Quarter from, Quarter to)
    {
        if (from > to)
        {
            yield break;
        }

        // Stops on reaching "to" rather than comparing q.Next with it: the quarter after 2100Q4 cannot be made.
        for (var q = from; ; q = q.Next)
        {
            yield return q;
            if (q == to)
            {
                yield break;
            }
        }
    }

    /// <summary>Reads "2026Q3" (also "2026q3", "2026-Q3"); false for anything else, including quarters outside 2000–2100.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Quarter quarter)
    {
        quarter = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim().ToUpperInvariant();
        // Only the one hyphen of "2026-Q3": removing every hyphen would also accept "20-26Q3" or "-2026Q3".
        if (s.Length == 7 && s[4] == '-')
        {
            s = s.Remove(4, 1);
        }

        if (s.Length != 6 || s[4] != 'Q'
            || !int.TryParse(s.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || s[5] is < '1' or > '4' || year is < 2000 or > 2100)
        {
            return false;
        }

        quarter = new Quarter(year, s[5] - '0');
        return true;
    }

    /// <summary>"2026Q3": the form used in URLs and CSV files.</summary>
    public override string ToString() => $"{Year}Q{Number}";

    /// <summary>"2026年第三季度": the quarter as Chinese readers see it (<see cref="ToMessage"/> in the reader's language).</summary>
    public string ToChinese() => ToMessage().ToString();

    /// <summary>The quarter as readers see it: "2026年第三季度" in Chinese, "2026 Q3" in English.</summary>
    public Message ToMessage() => new("Quarter_Name", Year, ChineseNumerals.Format(Number), Number);

    public int CompareTo(Quarter other) => (Year, Number).CompareTo((other.Year, other.Number));

    public static bool operator <(Quarter left, Quarter right) => left.CompareTo(right) < 0;

    public static bool operator >(Quarter left, Quarter right) => left.CompareTo(right) > 0;

    public static bool operator <=(Quarter left, Quarter right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Quarter left, Quarter right) => left.CompareTo(right) >= 0;
}
