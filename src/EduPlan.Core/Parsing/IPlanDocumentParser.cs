namespace EduPlan.Core.Parsing;

/// <summary>Reads plan documents (any of UTF-8, UTF-16, GB18030) into <see cref="ParsedDocument"/>.</summary>
public interface IPlanDocumentParser
{
    /// <summary>Parses raw bytes; throws <see cref="PlanFormatException"/> naming <paramref name="sourceName"/> and the line.</summary>
    ParsedDocument Parse(ReadOnlySpan<byte> content, string sourceName);

    /// <summary>Parses already-decoded text.</summary>
    ParsedDocument ParseText(string text, string sourceName);
}
