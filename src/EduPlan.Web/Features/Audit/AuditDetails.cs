using System.Text.Json;

namespace EduPlan.Web.Features.Audit;

/// <summary>
/// An entry's details made readable: for {"before": …, "after": …} the fields that changed, old → new; other JSON
/// properties as name: value; anything that is not a JSON object as its text. The view HTML-encodes every part.
/// </summary>
public sealed record AuditDetails(IReadOnlyList<AuditFieldChange> Changes, IReadOnlyList<AuditDetailField> Fields, string? Text)
{
    public static readonly AuditDetails Empty = new([], [], null);

    public bool IsEmpty => Changes.Count == 0 && Fields.Count == 0 && string.IsNullOrEmpty(Text);

    public static AuditDetails Parse(string? details)
    {
        if (string.IsNullOrWhiteSpace(details))
        {
            return Empty;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(details);
        }
        catch (JsonException)
        {
            // A truncated entry (AuditLog cuts long details) or plain text.
            return new AuditDetails([], [], details);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new AuditDetails([], [], details);
            }

            var hasBefore = root.TryGetProperty("before", out var before);
            var hasAfter = root.TryGetProperty("after", out var after);
            var changes = hasBefore || hasAfter ? Compare(before, after) : [];
            var fields = root.EnumerateObject()
                .Where(p => !(hasBefore && p.NameEquals("before")) && !(hasAfter && p.NameEquals("after")))
                .Select(p => new AuditDetailField(p.Name, ValueText(p.Value) ?? ""))
                .ToList();
            return new AuditDetails(changes, fields, null);
        }
    }

    private static List<AuditFieldChange> Compare(JsonElement before, JsonElement after)
    {
        var beforeIsObject = before.ValueKind is JsonValueKind.Object;
        var afterIsObject = after.ValueKind is JsonValueKind.Object;
        // Snapshots of a record: compare field by field (a created record has no "before", a deleted one no "after").
        if ((beforeIsObject || IsNothing(before)) && (afterIsObject || IsNothing(after)) && (beforeIsObject || afterIsObject))
        {
            var names = new List<string>();
            foreach (var side in new[] { before, after }.Where(e => e.ValueKind is JsonValueKind.Object))
            {
                names.AddRange(side.EnumerateObject().Select(p => p.Name).Where(n => !names.Contains(n, StringComparer.Ordinal)));
            }

            var changes = new List<AuditFieldChange>();
            foreach (var name in names)
            {
                var old = Property(before, name);
                var @new = Property(after, name);
                if (!SameValue(old, @new))
                {
                    changes.Add(new AuditFieldChange(name, ValueText(old), ValueText(@new)));
                }
            }

            return changes;
        }

        return SameValue(before, after) ? [] : [new AuditFieldChange("", ValueText(before), ValueText(after))];
    }

    private static JsonElement Property(JsonElement snapshot, string name) =>
        snapshot.ValueKind is JsonValueKind.Object && snapshot.TryGetProperty(name, out var value) ? value : default;

    /// <summary>Missing and null count as the same "no value".</summary>
    private static bool IsNothing(JsonElement value) => value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;

    private static bool SameValue(JsonElement a, JsonElement b) =>
        IsNothing(a) || IsNothing(b) ? IsNothing(a) && IsNothing(b) : JsonElement.DeepEquals(a, b);

    /// <summary>A JSON value as a reader expects it: a string without quotes, a list joined with 、, null as null.</summary>
    private static string? ValueText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Array => string.Join("、", value.EnumerateArray().Select(v => ValueText(v) ?? "")),
        _ => value.GetRawText(),
    };
}

/// <summary>One field of a before/after pair that differs; <see cref="Field"/> is empty when the snapshots are plain values.</summary>
public sealed record AuditFieldChange(string Field, string? Before, string? After);

/// <summary>A detail that is not part of a before/after pair, e.g. reason: 密码错误.</summary>
public sealed record AuditDetailField(string Name, string Value);
