using System.Globalization;

namespace EduPlan.Core.Messages;

/// <summary>
/// A sentence for a person, not yet in any language: a key into <see cref="MessageTexts"/> (MessageTexts.resx is
/// Chinese, the default; MessageTexts.en.resx English) and the values its placeholders take. Use cases and rules
/// return these; the pages and the CLI render them in the reader's language. An argument that is itself a
/// <see cref="Message"/>, an <see cref="ILocalizable"/> or an enum value is rendered in the same language.
/// </summary>
public sealed class Message : IEquatable<Message>, ILocalizable
{
    public Message(string key, params object?[] args)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Key = key;
        Args = args ?? [];
    }

    /// <summary>The resource name, e.g. "Report_PercentOutOfRange".</summary>
    public string Key { get; }

    public IReadOnlyList<object?> Args { get; }

    /// <summary>The message in Chinese, the portal's default language (logs, exceptions, tests that read Chinese).</summary>
    public override string ToString() => MessageTexts.Format(this, MessageTexts.Chinese);

    /// <summary>The message in <paramref name="culture"/>'s language (English for "en", Chinese otherwise).</summary>
    public string ToString(CultureInfo culture) => MessageTexts.Format(this, culture);

    Message ILocalizable.ToMessage() => this;

    public bool Equals(Message? other) =>
        other is not null && Key == other.Key && Args.SequenceEqual(other.Args);

    public override bool Equals(object? obj) => Equals(obj as Message);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Key);
        foreach (var arg in Args)
        {
            hash.Add(arg);
        }

        return hash.ToHashCode();
    }
}

/// <summary>A value that reads differently in each language (a quarter: "2026年第三季度" / "2026 Q3").</summary>
public interface ILocalizable
{
    Message ToMessage();
}
