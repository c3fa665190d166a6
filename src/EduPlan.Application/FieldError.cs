namespace EduPlan.Application;

/// <summary>A refusal tied to one input field ("" for the request as a whole), in Chinese, for the pages and the CLI alike.</summary>
public sealed record FieldError(string Field, string Message)
{
    /// <summary>The key for the form as a whole rather than one field.</summary>
    public const string Form = "";

    public override string ToString() => Message;
}
