using System.Globalization;
using EduPlan.Core.Messages;

namespace EduPlan.Core.Parsing;

/// <summary>A plan document that cannot be understood; the message names the file and the line ("file:line: reason").</summary>
public sealed class PlanFormatException : Exception
{
    public PlanFormatException(string sourceName, int line, Message reason)
        : base(Locate(sourceName, line, reason.ToString()))
    {
        SourceName = sourceName;
        Line = line;
        Reason = reason;
    }

    public PlanFormatException(string sourceName, int line, string key, params object?[] args)
        : this(sourceName, line, new Message(key, args))
    {
    }

    public string SourceName { get; }

    /// <summary>1-based line number, or 0 when the problem is the file as a whole.</summary>
    public int Line { get; }

    public Message Reason { get; }

    /// <summary>"file:line: reason" with the reason in <paramref name="culture"/>'s language (<see cref="Exception.Message"/> is Chinese).</summary>
    public string ToString(CultureInfo culture) => Locate(SourceName, Line, Reason.ToString(culture));

    private static string Locate(string sourceName, int line, string reason) =>
        line > 0 ? $"{sourceName}:{line}: {reason}" : $"{sourceName}: {reason}";
}
