using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Engine.Formats;

namespace Platform.Engine.Tokenizers.HuggingFace;

/// <summary>Small typed accessors over tokenizer.json elements that turn shape errors into <see cref="ModelFormatException"/>.</summary>
internal static class JsonParts
{
    public static string Type(JsonElement e, string source, string what) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()!
            : throw new ModelFormatException($"{source}: {what} has no \"type\".");

    public static string String(JsonElement e, string name, string source) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new ModelFormatException($"{source}: expected a string \"{name}\" in {Clip(e)}.");

    public static string? OptionalString(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static bool Bool(JsonElement e, string name, bool fallback) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : fallback;

    public static int Int(JsonElement e, string name, int fallback) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : fallback;

    public static JsonElement? Optional(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public static JsonElement Array(JsonElement e, string name, string source) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v
            : throw new ModelFormatException($"{source}: expected an array \"{name}\" in {Clip(e)}.");

    /// <summary>A `{"String": …}` or `{"Regex": …}` pattern as a regex.</summary>
    public static Regex Pattern(JsonElement e, string source)
    {
        var pattern = e.TryGetProperty("pattern", out var p) ? p : throw new ModelFormatException($"{source}: missing \"pattern\" in {Clip(e)}.");
        if (OptionalString(pattern, "String") is { } literal)
            return new Regex(Regex.Escape(literal), RegexOptions.CultureInvariant);
        if (OptionalString(pattern, "Regex") is { } regex)
        {
            try
            {
                return new Regex(regex, RegexOptions.Compiled | RegexOptions.CultureInvariant);
            }
            catch (ArgumentException ex)
            {
                throw new ModelFormatException($"{source}: regex /{regex}/ is not supported: {ex.Message}", ex);
            }
        }
        throw new ModelFormatException($"{source}: pattern {Clip(pattern)} is neither a String nor a Regex.");
    }

    public static string Clip(JsonElement e)
    {
        var text = e.GetRawText();
        return text.Length <= 120 ? text : text[..120] + "…";
    }
}
