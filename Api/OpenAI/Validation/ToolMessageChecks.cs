using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Api.OpenAI.Errors;
using Platform.Api.OpenAI.Requests;

namespace Platform.Api.OpenAI.Validation;

/// <summary>Checks the tool parts of a chat history: an assistant turn's <c>tool_calls</c> and a tool message's <c>tool_call_id</c>.</summary>
internal static class ToolMessageChecks
{
    public static ApiError? Check(ChatMessage message, string param)
    {
        if (message.ToolCalls is { } calls && message.Role != ChatRoles.Assistant)
            return ApiError.InvalidRequest($"{param}.tool_calls", $"Invalid '{param}.tool_calls': only assistant messages carry tool calls.", "invalid_value");
        if (message.ToolCallId is not null && message.Role != ChatRoles.Tool)
            return ApiError.InvalidRequest($"{param}.tool_call_id", $"Invalid '{param}.tool_call_id': only tool messages answer a tool call.", "invalid_value");
        if (message.Role == ChatRoles.Tool && string.IsNullOrEmpty(message.ToolCallId))
            return ApiError.Missing($"{param}.tool_call_id");
        return message.ToolCalls is { } toolCalls ? Calls(toolCalls, $"{param}.tool_calls") : null;
    }

    static ApiError? Calls(JsonArray calls, string param)
    {
        for (var i = 0; i < calls.Count; i++)
        {
            var p = $"{param}[{i}]";
            if (calls[i] is not JsonObject call)
                return ApiError.InvalidType(p, "a tool call object");
            if (!IsString(call["id"]))
                return ApiError.Missing($"{p}.id");
            if (call["type"] is { } type && (!IsString(type) || (string?)type != "function"))
                return ApiError.InvalidValue($"{p}.type", type.ToJsonString(), ["function"]);
            if (call["function"] is not JsonObject function)
                return ApiError.Missing($"{p}.function");
            if (!IsString(function["name"]))
                return ApiError.Missing($"{p}.function.name");
            if (!IsString(function["arguments"]))
                return function["arguments"] is null ? ApiError.Missing($"{p}.function.arguments") : ApiError.InvalidType($"{p}.function.arguments", "a string of JSON");
        }
        return null;
    }

    static bool IsString(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String;
}
