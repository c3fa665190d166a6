using System.Text.Json;
using System.Text.Json.Serialization;
using EduPlan.Core.Messages;
using EduPlan.Core.Plans;

namespace EduPlan.Application.Import.Preview;

/// <summary>
/// One correction an administrator makes to a parsed plan in the import preview. Each names the item it changes as
/// the parser read it (a task's number and title, an indicator's key and sentence), so that on the next import of the
/// same document it applies again only where that item is still as it was; otherwise it is reported as no longer
/// applying, never applied to something else.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(SetCode), "code")]
[JsonDerivedType(typeof(SetParent), "parent")]
[JsonDerivedType(typeof(SetTitle), "title")]
[JsonDerivedType(typeof(SetYears), "years")]
[JsonDerivedType(typeof(RenameSection), "renameSection")]
[JsonDerivedType(typeof(RenameTask), "renameTask")]
[JsonDerivedType(typeof(MergeTasks), "mergeTasks")]
[JsonDerivedType(typeof(SplitTask), "splitTask")]
[JsonDerivedType(typeof(DropIndicator), "dropIndicator")]
[JsonDerivedType(typeof(EditIndicator), "editIndicator")]
[JsonDerivedType(typeof(AddIndicator), "addIndicator")]
public abstract record PlanCorrection
{
    /// <summary>What the correction does, as the preview lists it ("任务 9 改名为…" / "Task 9 renamed…").</summary>
    public abstract Message Describe();
}

/// <summary>The plan's code (its URL and natural key) instead of the generated plan-xxxxxxxx.</summary>
public sealed record SetCode(string Code) : PlanCorrection
{
    public override Message Describe() => new("PlanImport_Did_Code", Code);
}

/// <summary>The plan it is made under; null for none.</summary>
public sealed record SetParent(string? ParentCode) : PlanCorrection
{
    public override Message Describe() => ParentCode is { } parent ? new("PlanImport_Did_Parent", parent) : new("PlanImport_Did_NoParent");
}

public sealed record SetTitle(string Title) : PlanCorrection
{
    public override Message Describe() => new("PlanImport_Did_Title", Title);
}

public sealed record SetYears(int Start, int End) : PlanCorrection
{
    public override Message Describe() => new("PlanImport_Did_Years", Start, End);
}

public sealed record RenameSection(int Number, string Was, string Title) : PlanCorrection
{
    public override Message Describe() => new("PlanImport_Did_RenameSection", Number, Was, Title);
}

public sealed record RenameTask(int Number, string Was, string Title) : PlanCorrection
{
    public override Message Describe() => new("PlanImport_Did_RenameTask", Number, Was, Title);
}

/// <summary>Task <see cref="Number"/> and the task after it are one task (the parser split it in two).</summary>
public sealed record MergeTasks(int Number, string Was, string NextWas) : PlanCorrection
{
    public override Message Describe() => new("PlanImport_Did_Merge", Number, Was, NextWas);
}

/// <summary>Task <see cref="Number"/> is two tasks: the second starts with the sentence <see cref="At"/>.</summary>
public sealed record SplitTask(int Number, string Was, string At) : PlanCorrection
{
    public override Message Describe() => new("PlanImport_Did_Split", Number, Was, At.Length > 40 ? At[..40] + "…" : At);
}

/// <summary>A figure the parser took for a target that is none.</summary>
public sealed record DropIndicator(string Key, string Source) : PlanCorrection
{
    public override Message Describe() => new("PlanImport_Did_Drop", Key);
}

/// <summary>An indicator read wrongly: its name, comparison, value, unit or year as they should be.</summary>
public sealed record EditIndicator(string Key, string Source, string Name, Comparator Comparator, decimal Target, string Unit, int? Year) : PlanCorrection
{
    public override Message Describe() => new("PlanImport_Did_Edit", Key, Name, Target, Unit);
}

/// <summary>A target the parser missed, added from the sentence that states it.</summary>
public sealed record AddIndicator(string Sentence, int? TaskNumber, int? MilestoneYear, string Name, Comparator Comparator, decimal Target, string Unit, int? Year)
    : PlanCorrection
{
    public override Message Describe() => new("PlanImport_Did_Add", Name, Target, Unit);
}

/// <summary>The corrections of a document's plans, keyed by each plan's title as the parser read it.</summary>
public sealed class PlanCorrectionSet
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter() },
    };

    public Dictionary<string, List<PlanCorrection>> ByTitle { get; init; } = new(StringComparer.Ordinal);

    public IReadOnlyList<PlanCorrection> For(string title) => ByTitle.TryGetValue(title, out var list) ? list : [];

    public static PlanCorrectionSet FromJson(string json) =>
        new() { ByTitle = JsonSerializer.Deserialize<Dictionary<string, List<PlanCorrection>>>(json, Json) ?? new(StringComparer.Ordinal) };

    public string ToJson() => JsonSerializer.Serialize(ByTitle, Json);

    public static List<PlanCorrection> ListFromJson(string json) => JsonSerializer.Deserialize<List<PlanCorrection>>(json, Json) ?? [];

    public static string ListToJson(IReadOnlyList<PlanCorrection> corrections) => JsonSerializer.Serialize(corrections, Json);
}
