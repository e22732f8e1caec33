using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Api.OpenAI.Requests;

namespace Platform.Api.Generation;

/// <summary>
/// The JSON schema a forced <c>tool_choice</c> constrains the output to. A named function: its parameters object, so
/// the whole output is that call's arguments. <c>required</c>: an array of one or more
/// <c>{"name": ..., "parameters": ...}</c> objects, each a <c>const</c> name with that function's parameters (any of the
/// tools), one at most without parallel calls. Plain JSON whatever the model's own format, so a schema is all the
/// constraint needs: no marker literal (<c>&lt;tool_call&gt;</c>, <c>[TOOL_CALLS]</c>) has to be forced around it.
/// </summary>
public static class ForcedToolCallSchemas
{
    /// <summary>The schema for <paramref name="choice"/> over <paramref name="tools"/>, or null when the choice forces nothing.</summary>
    public static string? For(JsonElement tools, ToolChoice choice, bool parallel) => choice.Mode switch
    {
        ToolChoiceMode.Function => Parameters(Function(tools, choice.FunctionName!)).ToJsonString(),
        ToolChoiceMode.Required => Required(tools, parallel).ToJsonString(),
        _ => null,
    };

    static JsonObject Required(JsonElement tools, bool parallel)
    {
        var options = new JsonArray();
        foreach (var tool in tools.EnumerateArray())
        {
            var function = tool.GetProperty("function");
            options.Add(new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["name"] = new JsonObject { ["const"] = function.GetProperty("name").GetString() },
                    ["parameters"] = Parameters(function),
                },
                ["required"] = new JsonArray("name", "parameters"),
                ["additionalProperties"] = false,
            });
        }
        var schema = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["anyOf"] = options }, ["minItems"] = 1 };
        if (!parallel)
            schema["maxItems"] = 1;
        return schema;
    }

    static JsonElement Function(JsonElement tools, string name) =>
        tools.EnumerateArray().Select(t => t.GetProperty("function")).First(f => f.GetProperty("name").GetString() == name);

    /// <summary>A function's parameters schema; a function without one takes an empty object, as OpenAI reads it.</summary>
    static JsonNode Parameters(JsonElement function) =>
        function.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object
            ? JsonNode.Parse(parameters.GetRawText())!
            : new JsonObject { ["type"] = "object", ["properties"] = new JsonObject(), ["additionalProperties"] = false };
}
