using EduPlan.Core.Messages;
using EduPlan.Core.Reporting;
using FluentAssertions.Primitives;

namespace EduPlan;

/// <summary>
/// Assertions on a <see cref="Message"/> read its Chinese text (the portal's default language), so a test states what
/// a Chinese reader sees: <c>result.Reason.Should().Be("该报告已审核通过")</c>. Without this, Should() would compare the
/// message object with the string and fail whatever the text. (Compiled into the Core, Application and Web tests.)
/// </summary>
public static class ChineseMessageAssertions
{
    public static StringAssertions Should(this Message? message) => (message?.ToString()).Should();

    /// <summary>A field error as its field and Chinese text.</summary>
    public static (string Field, string Message) Zh(this FieldError error) => (error.Field, error.Message.ToString());

    /// <summary>Field errors as their fields and Chinese texts.</summary>
    public static IEnumerable<(string Field, string Message)> Zh(this IEnumerable<FieldError> errors) => errors.Select(e => e.Zh());

    /// <summary>Messages as their Chinese texts.</summary>
    public static IEnumerable<string> Zh(this IEnumerable<Message> messages) => messages.Select(m => m.ToString());

    /// <summary>Messages as their English texts (the importer's warnings were written in English first).</summary>
    public static IEnumerable<string> En(this IEnumerable<Message> messages) => messages.Select(m => m.ToString(MessageTexts.English));

    /// <summary>A reporting window with its reason in Chinese, to compare with a <see cref="ChineseWindow"/>.</summary>
    public static ChineseWindow Zh(this PeriodWindow window) =>
        new(window.Quarter, window.IsOpen, window.OpenUntil, window.Reason.ToString(), window.Source);
}

/// <summary>A reporting window as a Chinese reader sees it: its reason in Chinese.</summary>
public sealed record ChineseWindow(Quarter Quarter, bool IsOpen, DateOnly? OpenUntil, string Reason, PeriodWindowSource Source);
