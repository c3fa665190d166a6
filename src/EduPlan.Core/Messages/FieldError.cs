namespace EduPlan.Core.Messages;

/// <summary>A broken rule tied to one input field ("" for the request as a whole), as a <see cref="Messages.Message"/> the reader's language renders.</summary>
public sealed record FieldError(string Field, Message Message)
{
    /// <summary>The key for the form as a whole rather than one field.</summary>
    public const string Form = "";

    /// <summary>An error whose message is <paramref name="key"/> with <paramref name="args"/>.</summary>
    public static FieldError Of(string field, string key, params object?[] args) => new(field, new Message(key, args));

    /// <summary>The message in Chinese (logs, tests).</summary>
    public override string ToString() => Message.ToString();
}
