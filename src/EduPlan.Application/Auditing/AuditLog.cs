using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using EduPlan.Core.Auditing;
using EduPlan.Core.Messages;
using EduPlan.Data;

namespace EduPlan.Application.Auditing;

/// <summary>
/// Writes audit entries. <see cref="Add"/> stages an entry in the caller's DbContext so that it is saved
/// in the same transaction as the change it describes; <see cref="WriteAsync"/> saves one at once (sign-in events).
/// A <see cref="Message"/> in the details is stored as its Chinese sentence: the log is a record in the portal's
/// language, read and exported as written, whatever language the person who caused it used.
/// </summary>
public sealed class AuditLog(EduPlanDbContext db, IAuditActor actor, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        // Chinese stays readable in the CSV export instead of \uXXXX escapes.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = false,
        Converters = { new ChineseMessageConverter() },
    };

    public IAuditActor Actor => actor;

    /// <summary>Stages an entry; it is written by the caller's next SaveChanges.</summary>
    public AuditEntry Add(string action, AuditOutcome outcome, AuditTarget? target = null, object? details = null, IAuditActor? actingAs = null)
    {
        var who = actingAs ?? actor;
        var entry = new AuditEntry
        {
            OccurredAt = clock.GetUtcNow().UtcDateTime,
            Action = action,
            Outcome = outcome,
            ActorId = who.UserId,
            ActorName = Truncate(who.UserName, 256)!,
            ClientAddress = Truncate(who.ClientAddress, 64),
            TargetType = target?.Type,
            TargetId = Truncate(target?.Id, 128),
            TargetName = Truncate(target?.Name, 256),
            Details = details is null ? null : Truncate(details as string ?? JsonSerializer.Serialize(details, Json), AuditEntry.MaxDetailsLength),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>Adds an entry and saves it now (together with anything else pending in the context).</summary>
    public async Task WriteAsync(string action, AuditOutcome outcome, AuditTarget? target = null, object? details = null, IAuditActor? actingAs = null, CancellationToken cancellationToken = default)
    {
        Add(action, outcome, target, details, actingAs);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? Truncate(string? value, int max) =>
        value is null || value.Length <= max ? value : value[..(max - 1)] + "…";

    private sealed class ChineseMessageConverter : JsonConverter<Message>
    {
        public override Message Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Audit details are written, never read back as messages.");

        public override void Write(Utf8JsonWriter writer, Message value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }
}

/// <summary>The record an audit entry is about.</summary>
public sealed record AuditTarget(string Type, string? Id, string? Name)
{
    public static AuditTarget User(string id, string? userName) => new("User", id, userName);

    public static AuditTarget Department(int id, string name) => new("Department", id.ToString(System.Globalization.CultureInfo.InvariantCulture), name);

    public static AuditTarget Task(int id, string planCode, int number) => new("Task", id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{planCode}#{number}");

    public static AuditTarget Route(string path) => new("Route", null, path);

    /// <summary>The security settings (one set for the whole portal).</summary>
    public static AuditTarget SecuritySettings { get; } = new("Settings", null, "Security");

    /// <summary>A progress report, named like "chongqing#9 2026Q3 市教委".</summary>
    public static AuditTarget Report(int id, string planCode, int taskNumber, string quarter, string department) =>
        new("Report", id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{planCode}#{taskNumber} {quarter} {department}");

    /// <summary>A reporting quarter ("2026Q3"), or one department's window in it ("2026Q3 市教委").</summary>
    public static AuditTarget Period(string quarter, string? department = null) =>
        new("Period", quarter, department is null ? quarter : $"{quarter} {department}");

    /// <summary>An indicator, named by its plan and name.</summary>
    public static AuditTarget Indicator(int id, string planCode, string name) =>
        new("Indicator", id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{planCode} {name}");
}
