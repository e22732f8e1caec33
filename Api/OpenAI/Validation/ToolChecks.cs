using System.Text.Json;
using Platform.Api.OpenAI.Errors;
using Platform.Api.OpenAI.Requests;

namespace Platform.Api.OpenAI.Validation;

/// <summary>Checks a chat request's <c>tools</c>, <c>tool_choice</c> and <c>parallel_tool_calls</c> as OpenAI does.</summary>
internal static class ToolChecks
{
    /// <summary>The most tools one request may define (OpenAI's limit).</summary>
    public const int MaxTools = 128;

    public static ApiError? Check(ChatCompletionRequest request) =>
        Tools(request.Tools, out var names) ?? Choice(request.ToolChoice, names)
        ?? (request.ParallelToolCalls is { } p && p.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null)
            ? ApiError.InvalidType("parallel_tool_calls", "a boolean") : null)
        ?? OneConstraint(request);

    /// <summary>A forced tool call constrains the output, so it cannot also follow a response format.</summary>
    static ApiError? OneConstraint(ChatCompletionRequest request) =>
        ToolChoice.Of(request.ToolChoice, hasTools: true).Mode is ToolChoiceMode.Required or ToolChoiceMode.Function
        && OutputFormatReader.Read(request, out var format) is null && format is not null
            ? ApiError.InvalidRequest("tool_choice", $"Invalid value for 'tool_choice': a forced tool call and '{format.Param.Split('.')[0]}' both constrain the output; send one of them.", "invalid_value")
            : null;

    static ApiError? Tools(JsonElement? tools, out HashSet<string> names)
    {
        names = new HashSet<string>(StringComparer.Ordinal);
        if (tools is not { } array || array.ValueKind == JsonValueKind.Null)
            return null;
        if (array.ValueKind != JsonValueKind.Array)
            return ApiError.InvalidType("tools", "an array of function tools");
        if (array.GetArrayLength() > MaxTools)
            return ApiError.ArrayTooLong("tools", MaxTools, array.GetArrayLength());
        var i = 0;
        foreach (var tool in array.EnumerateArray())
        {
            var param = $"tools[{i++}]";
            if (tool.ValueKind != JsonValueKind.Object || !IsString(tool, "type", "function"))
                return ApiError.InvalidType(param, "an object with 'type': 'function'");
            if (!tool.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object
                || !function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                return ApiError.InvalidType($"{param}.function", "an object with a string 'name'");
            if (FunctionName(name.GetString()!, $"{param}.function.name") is { } badName)
                return badName;
            if (!names.Add(name.GetString()!))
                return ApiError.InvalidRequest($"{param}.function.name", $"Invalid '{param}.function.name': the function '{name.GetString()}' is defined twice.", "invalid_value");
            if (function.TryGetProperty("description", out var description) && description.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                return ApiError.InvalidType($"{param}.function.description", "a string");
            if (function.TryGetProperty("parameters", out var parameters) && parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                return ApiError.InvalidType($"{param}.function.parameters", "an object (a JSON schema)");
            if (function.TryGetProperty("strict", out var strict))
            {
                if (strict.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
                    return ApiError.InvalidType($"{param}.function.strict", "a boolean");
                if (strict.ValueKind == JsonValueKind.True)
                    return ApiError.Unsupported($"{param}.function.strict",
                        "arguments are not held to the schema by constrained decoding with tool_choice 'auto'; leave strict out or false");
            }
        }
        return null;
    }

    static ApiError? Choice(JsonElement? choice, HashSet<string> names)
    {
        if (choice is not { } value || value.ValueKind == JsonValueKind.Null)
            return null;
        string? named = null;
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            if (text is not ("none" or "auto" or "required"))
                return ApiError.InvalidValue("tool_choice", text, ["none", "auto", "required"]);
            if (text == "none")
                return null;
        }
        else if (value.ValueKind != JsonValueKind.Object || !IsString(value, "type", "function")
            || !value.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object
            || !function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
            return ApiError.InvalidType("tool_choice", "'none', 'auto', 'required' or {'type': 'function', 'function': {'name': ...}}");
        else
            named = name.GetString();
        if (names.Count == 0)
            return ApiError.InvalidRequest("tool_choice", "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.", "invalid_value");
        if (named is not null && !names.Contains(named))
            return ApiError.InvalidRequest("tool_choice", $"Invalid value for 'tool_choice': no function named '{named}' was specified in 'tools'.", "invalid_value");
        return null;
    }

    /// <summary>OpenAI's rule for function names: 1 to 64 of a-z, A-Z, 0-9, underscore and dash.</summary>
    public static ApiError? FunctionName(string name, string param)
    {
        if (OpenAINames.IsValid(name))
            return null;
        return ApiError.InvalidRequest(param, $"Invalid '{param}': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]{{1,64}}$'.", "invalid_value");
    }

    static bool IsString(JsonElement element, string property, string expected) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() == expected;
}
