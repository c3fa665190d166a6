namespace EduPlan.Core.Plans;

/// <summary>How an indicator's value is compared with its target.</summary>
public enum Comparator
{
    Equal,
    AtLeast,
    GreaterThan,
    AtMost,
    LessThan,
}

/// <summary>The symbols used in exports and on pages (= >= > &lt;= &lt;).</summary>
public static class ComparatorSymbols
{
    public static string ToSymbol(this Comparator c) => c switch
    {
        Comparator.Equal => "=",
        Comparator.AtLeast => ">=",
        Comparator.GreaterThan => ">",
        Comparator.AtMost => "<=",
        Comparator.LessThan => "<",
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, null),
    };

    /// <summary>The mathematical sign shown to readers (≥, ≤ …).</summary>
    public static string ToDisplay(this Comparator c) => c switch
    {
        Comparator.Equal => "=",
        Comparator.AtLeast => "≥",
        Comparator.GreaterThan => ">",
        Comparator.AtMost => "≤",
        Comparator.LessThan => "<",
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, null),
    };

    public static Comparator FromSymbol(string symbol) => symbol switch
    {
        "=" => Comparator.Equal,
        ">=" => Comparator.AtLeast,
        ">" => Comparator.GreaterThan,
        "<=" => Comparator.AtMost,
        "<" => Comparator.LessThan,
        _ => throw new FormatException($"Unknown comparator '{symbol}'."),
    };
}
