using System.Text.Json;

namespace Platform.Engine.Structured.Schema;

/// <summary>Conservative checks that no JSON value can match two schemas, which makes generating a oneOf as an anyOf sound.</summary>
internal static class OneOfRules
{
    /// <summary>True only when the two schemas certainly admit no common value.</summary>
    public static bool Disjoint(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != JsonValueKind.Object || b.ValueKind != JsonValueKind.Object)
            return false;
        if (Types(a) is { } ta && Types(b) is { } tb && !ta.Overlaps(tb))
            return true;
        if (Literals(a) is { } la && Literals(b) is { } lb && !la.Overlaps(lb))
            return true;
        return DiscriminatedObjects(a, b) || RequiresWhatOtherForbids(a, b) || RequiresWhatOtherForbids(b, a);
    }

    // The types a schema allows, with integer folded into number (an integer is a number).
    private static HashSet<string>? Types(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
            return null;
        var names = type.ValueKind == JsonValueKind.String ? [type.GetString()!]
            : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.ToString()).ToList() : null;
        return names?.Select(n => n == "integer" ? "number" : n).ToHashSet();
    }

    private static HashSet<string>? Literals(JsonElement schema)
    {
        if (schema.TryGetProperty("const", out var constant))
            return [Canonical(constant)];
        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
            return values.EnumerateArray().Select(Canonical).ToHashSet();
        return null;
    }

    private static string Canonical(JsonElement value) => JsonSerializer.Serialize(value);

    // Both require a property whose const/enum values do not overlap (a tagged union).
    private static bool DiscriminatedObjects(JsonElement a, JsonElement b)
    {
        if (!a.TryGetProperty("properties", out var pa) || !b.TryGetProperty("properties", out var pb)
            || pa.ValueKind != JsonValueKind.Object || pb.ValueKind != JsonValueKind.Object)
            return false;
        foreach (var property in pa.EnumerateObject())
        {
            if (!pb.TryGetProperty(property.Name, out var other) || !Required(a, property.Name) || !Required(b, property.Name))
                continue;
            if (property.Value.ValueKind == JsonValueKind.Object && other.ValueKind == JsonValueKind.Object
                && Literals(property.Value) is { } la && Literals(other) is { } lb && !la.Overlaps(lb))
                return true;
        }
        return false;
    }

    // a requires a property that b, a closed object, does not declare.
    private static bool RequiresWhatOtherForbids(JsonElement a, JsonElement b)
    {
        // Only an explicit false: a validator reads an absent additionalProperties as true, whatever strict mode generates.
        var closed = b.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.False;
        if (!closed || !a.TryGetProperty("required", out var required) || required.ValueKind != JsonValueKind.Array)
            return false;
        var declared = b.TryGetProperty("properties", out var pb) && pb.ValueKind == JsonValueKind.Object ? pb : default;
        foreach (var name in required.EnumerateArray())
            if (name.ValueKind == JsonValueKind.String && (declared.ValueKind != JsonValueKind.Object || !declared.TryGetProperty(name.GetString()!, out _)))
                return true;
        return false;
    }

    private static bool Required(JsonElement schema, string name) =>
        schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array && r.EnumerateArray().Any(n => n.ValueKind == JsonValueKind.String && n.GetString() == name);
}
