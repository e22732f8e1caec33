using System.Text.Json;
using Platform.Api.OpenAI.Errors;

namespace Platform.Api.OpenAI.Validation;

/// <summary>Shape checks of OpenAI fields this server does not implement, then a refusal of any value that would need them.</summary>
internal static class UnimplementedFieldChecks
{
    /// <summary>tools, tool_choice and parallel_tool_calls: valid shapes only, and only values that change nothing.</summary>
    public static ApiError? CheckTools(JsonElement? tools, JsonElement? toolChoice, JsonElement? parallelToolCalls) =>
        Tools(tools) ?? ToolChoice(toolChoice)
        ?? (parallelToolCalls is { } p && p.ValueKind is not (JsonValueKind.True or JsonValueKind.False)
            ? ApiError.InvalidType("parallel_tool_calls", "a boolean") : null);

    static ApiError? Tools(JsonElement? tools)
    {
        if (tools is not { } array)
            return null;
        if (array.ValueKind != JsonValueKind.Array)
            return ApiError.InvalidType("tools", "an array of function tools");
        var i = 0;
        foreach (var tool in array.EnumerateArray())
        {
            var param = $"tools[{i++}]";
            if (tool.ValueKind != JsonValueKind.Object || !IsString(tool, "type", "function"))
                return ApiError.InvalidType(param, "an object with 'type': 'function'");
            if (!tool.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object
                || !function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                return ApiError.InvalidType($"{param}.function", "an object with a string 'name'");
            if (function.TryGetProperty("description", out var description) && description.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                return ApiError.InvalidType($"{param}.function.description", "a string");
            if (function.TryGetProperty("parameters", out var parameters) && parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                return ApiError.InvalidType($"{param}.function.parameters", "an object");
        }
        return i == 0 ? null : ApiError.Unsupported("tools", "tool calling is not implemented");
    }

    static ApiError? ToolChoice(JsonElement? choice)
    {
        if (choice is not { } value)
            return null;
        if (value.ValueKind == JsonValueKind.String)
            return value.GetString() switch
            {
                "none" => null,
                "auto" or "required" => ApiError.Unsupported("tool_choice", "tool calling is not implemented; only 'none' is accepted"),
                var other => ApiError.InvalidValue("tool_choice", other!, ["none", "auto", "required"]),
            };
        if (value.ValueKind != JsonValueKind.Object || !IsString(value, "type", "function")
            || !value.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object
            || !function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
            return ApiError.InvalidType("tool_choice", "'none', 'auto', 'required' or {'type': 'function', 'function': {'name': ...}}");
        return ApiError.Unsupported("tool_choice", "tool calling is not implemented; only 'none' is accepted");
    }

    static bool IsString(JsonElement element, string property, string expected) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() == expected;
}
