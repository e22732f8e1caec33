using System.Text.Json;

namespace Platform.Engine.ToolCalls;

/// <summary>Reads one call object (<c>{"name": ..., "arguments": ...}</c>) strictly: a string name and object arguments.</summary>
internal static class ToolCallObject
{
    /// <summary>The call, or null when <paramref name="element"/> is not a call object of this syntax.</summary>
    public static ParsedToolCall? Read(JsonElement element, ToolCallSyntax syntax, ToolCallFormat format)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString() is not { Length: > 0 } functionName)
            return null;
        var arguments = "{}";
        foreach (var key in syntax.ArgumentKeys)
        {
            if (!element.TryGetProperty(key, out var value))
                continue;
            if (Arguments(value) is not { } text)
                return null;
            arguments = text;
            break;
        }
        return new ParsedToolCall(ToolCallIds.New(format), functionName, arguments);
    }

    /// <summary>The arguments as JSON text: an object as written, or a string that itself holds a JSON object.</summary>
    public static string? Arguments(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                return value.GetRawText();
            case JsonValueKind.Null:
                return "{}";
            case JsonValueKind.String:
                var text = value.GetString()!;
                return IsObject(text) ? text : null;
            default:
                return null;
        }
    }

    /// <summary>Whether <paramref name="text"/> is exactly one JSON object.</summary>
    public static bool IsObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
