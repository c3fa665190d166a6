using System.Globalization;
using EduPlan.Core.Messages;

namespace EduPlan.Web.Features.Shared;

/// <summary>
/// The one way pages and controllers turn a use case's <see cref="Message"/> into text: in the request's language
/// (CultureInfo.CurrentUICulture, set by request localisation from the language cookie), Chinese by default.
/// </summary>
public static class MessageDisplay
{
    public static string Text(this Message message) => message.ToString(CultureInfo.CurrentUICulture);

    /// <summary>A value that reads differently in each language: a quarter, a count summary, owners.</summary>
    public static string Text(this ILocalizable value) => value.ToMessage().Text();

    public static string Text(this FieldError error) => error.Message.Text();

    /// <summary>Several values joined the way the request's language joins them: "PDF、Word" / "PDF, Word".</summary>
    public static string Text(this MessageList list) => MessageTexts.Render(list, CultureInfo.CurrentUICulture)?.ToString() ?? "";

    /// <summary>A file's error as "file:line: reason" with the reason in the request's language.</summary>
    public static string Text(this EduPlan.Core.Ownership.OwnershipCsvError error) => error.ToString(CultureInfo.CurrentUICulture);

    /// <summary>An enum value's name (ReportStatus_Completed …) in the request's language.</summary>
    public static string Text(this Enum value) => MessageTexts.EnumText(value, CultureInfo.CurrentUICulture);
}
