using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Engine.Templates.Runtime;

/// <summary>Converts System.Text.Json nodes into runtime values (objects keep their key order; integers stay integers).</summary>
internal static class JsonValues
{
    public static object? From(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => FromObject(obj),
        JsonArray array => array.Select(From).ToList(),
        JsonValue value => FromValue(value),
        _ => throw new RenderError($"unsupported JSON node {node.GetType().Name}"),
    };

    private static OrderedDictionary<string, object?> FromObject(JsonObject obj)
    {
        var dict = new OrderedDictionary<string, object?>(obj.Count, StringComparer.Ordinal);
        foreach (var (key, value) in obj)
            dict[key] = From(value);
        return dict;
    }

    private static object? FromValue(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                // Values built in code (a DateTime, a char) report String too; their JSON text is the string.
                return value.TryGetValue<string>(out var text) ? text : JsonSerializer.Deserialize<string>(value.ToJsonString());
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number:
                // The raw JSON text decides int versus float, as Python's json module does.
                var number = value.ToJsonString();
                if (!number.Contains('.') && !number.Contains('e') && !number.Contains('E')
                    && long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                    return integer;
                return double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);
            default:
                throw new RenderError($"unsupported JSON value kind {value.GetValueKind()}");
        }
    }
}
