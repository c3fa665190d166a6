namespace EduPlan.Core.Parsing;

/// <summary>Reads plan documents (text in UTF-8, UTF-16 or GB18030, or lines from a .docx or PDF reader) into <see cref="ParsedDocument"/>.</summary>
public interface IPlanDocumentParser
{
    /// <summary>Parses raw bytes; throws <see cref="PlanFormatException"/> naming <paramref name="sourceName"/> and the line.</summary>
    ParsedDocument Parse(ReadOnlySpan<byte> content, string sourceName);

    /// <summary>Parses already-decoded text.</summary>
    ParsedDocument ParseText(string text, string sourceName);

    /// <summary>Parses the lines a structured reader (.docx, PDF) produced.</summary>
    ParsedDocument Parse(PlanSource source);
}
