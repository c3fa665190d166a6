namespace EduPlan.Core.Messages;

/// <summary>
/// Several values as one message argument, joined by a separator that is itself a message: "List_Separator"
/// (、 in Chinese, ", " in English), "List_Or" (或 / " or ") or "List_Semicolon" (； / "; ", between sentences). Each
/// item renders as any argument does.
/// </summary>
public sealed record MessageList(IReadOnlyList<object?> Items, string SeparatorKey = MessageList.Separator)
{
    public const string Separator = "List_Separator";
    public const string Or = "List_Or";
    public const string Semicolon = "List_Semicolon";

    public static MessageList Of<T>(IEnumerable<T> items, string separatorKey = Separator) =>
        new(items.Cast<object?>().ToList(), separatorKey);
}
