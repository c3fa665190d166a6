namespace EduPlan.Core.Parsing;

/// <summary>A plan document that cannot be understood; the message names the file and the line.</summary>
public sealed class PlanFormatException : Exception
{
    public PlanFormatException(string sourceName, int line, string reason)
        : base(line > 0 ? $"{sourceName}:{line}: {reason}" : $"{sourceName}: {reason}")
    {
        SourceName = sourceName;
        Line = line;
        Reason = reason;
    }

    public string SourceName { get; }

    /// <summary>1-based line number, or 0 when the problem is the file as a whole.</summary>
    public int Line { get; }

    public string Reason { get; }
}
