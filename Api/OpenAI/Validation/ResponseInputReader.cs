using System.Text;
using System.Text.Json;
using Platform.Api.OpenAI.Errors;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.OpenAI.Validation;

/// <summary>
/// Reads a Responses `input` (a string, or a list of message items with string or text-part content) into chat
/// messages; every other item or content type is refused with a 400 that names it, never skipped.
/// </summary>
public static class ResponseInputReader
{
    static readonly string[] Roles = ["user", "assistant", "system", "developer"];

    // Item types of the spec's InputItem that this server does not implement (tool calls and their outputs, reasoning, …).
    static readonly HashSet<string> OtherItemTypes = new(StringComparer.Ordinal)
    {
        "file_search_call", "computer_call", "computer_call_output", "web_search_call", "function_call", "function_call_output",
        "tool_search_call", "tool_search_output", "additional_tools", "reasoning", "compaction", "compaction_summary", "image_generation_call",
        "code_interpreter_call", "local_shell_call", "local_shell_call_output", "shell_call", "shell_call_output", "apply_patch_call",
        "apply_patch_call_output", "mcp_list_tools", "mcp_approval_request", "mcp_approval_response", "mcp_call", "custom_tool_call_output",
        "custom_tool_call", "item_reference", "compaction_trigger", "program", "program_output",
    };

    static readonly HashSet<string> MessageKeys = new(StringComparer.Ordinal) { "type", "role", "content", "id", "status", "phase" };

    /// <summary>The messages <paramref name="input"/> holds, or the error to answer with.</summary>
    public static (IReadOnlyList<ChatMessageData>? Messages, ApiError? Error) Read(JsonElement? input)
    {
        if (input is not { } value || value.ValueKind == JsonValueKind.Null)
            return (null, ApiError.Missing("input"));
        if (value.ValueKind == JsonValueKind.String)
            return ([new ChatMessageData("user", value.GetString()!)], null);
        if (value.ValueKind != JsonValueKind.Array)
            return (null, ApiError.InvalidType("input", "a string or an array of input items"));
        if (value.GetArrayLength() == 0)
            return (null, ApiError.EmptyArray("input"));
        var messages = new List<ChatMessageData>(value.GetArrayLength());
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var (message, error) = Message(item, $"input[{i++}]");
            if (error is not null)
                return (null, error);
            messages.Add(message!);
        }
        return (messages, null);
    }

    static (ChatMessageData?, ApiError?) Message(JsonElement item, string param)
    {
        if (item.ValueKind != JsonValueKind.Object)
            return (null, ApiError.InvalidType(param, "an input item object"));
        if (item.TryGetProperty("type", out var type) && type.ValueKind != JsonValueKind.Null)
        {
            if (type.ValueKind != JsonValueKind.String)
                return (null, ApiError.InvalidType($"{param}.type", "a string"));
            var name = type.GetString()!;
            if (OtherItemTypes.Contains(name))
                return (null, ApiError.Unsupported($"{param}.type", $"input items of type '{name}' are not implemented; send 'message' items"));
            if (name != "message")
                return (null, ApiError.InvalidValue($"{param}.type", name, ["message"]));
        }
        foreach (var property in item.EnumerateObject())
            if (!MessageKeys.Contains(property.Name))
                return (null, ResponseRequestChecks.Unknown($"{param}.{property.Name}"));
        if (item.TryGetProperty("phase", out var phase) && phase.ValueKind != JsonValueKind.Null)
            return (null, ApiError.Unsupported($"{param}.phase", "message phases are not implemented"));
        if (!item.TryGetProperty("role", out var role) || role.ValueKind == JsonValueKind.Null)
            return (null, ApiError.Missing($"{param}.role"));
        if (role.ValueKind != JsonValueKind.String)
            return (null, ApiError.InvalidType($"{param}.role", "a string"));
        var roleName = role.GetString()!;
        if (!Roles.Contains(roleName))
            return (null, ApiError.InvalidValue($"{param}.role", roleName, Roles));
        if (!item.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
            return (null, ApiError.Missing($"{param}.content"));
        var (text, error) = Content(content, roleName == "assistant" ? "output_text" : "input_text", $"{param}.content");
        // A developer message reaches the template as sent; one that does not know the role gets it as system (ModelAssets).
        return error is null ? (new ChatMessageData(roleName, text!), null) : (null, error);
    }

    static (string?, ApiError?) Content(JsonElement content, string textPart, string param)
    {
        if (content.ValueKind == JsonValueKind.String)
            return (content.GetString(), null);
        if (content.ValueKind != JsonValueKind.Array)
            return (null, ApiError.InvalidType(param, "a string or an array of content parts"));
        if (content.GetArrayLength() == 0)
            return (null, ApiError.EmptyArray(param));
        var text = new StringBuilder();
        var j = 0;
        foreach (var part in content.EnumerateArray())
        {
            var partParam = $"{param}[{j++}]";
            if (part.ValueKind != JsonValueKind.Object)
                return (null, ApiError.InvalidType(partParam, "a content part object"));
            if (!part.TryGetProperty("type", out var type) || type.ValueKind == JsonValueKind.Null)
                return (null, ApiError.Missing($"{partParam}.type"));
            if (type.ValueKind != JsonValueKind.String)
                return (null, ApiError.InvalidType($"{partParam}.type", "a string"));
            var name = type.GetString()!;
            // An assistant message resent as input holds output_text; the others input_text. Images and files need a model that sees them.
            if (name != textPart)
                return (null, name is "input_text" or "output_text" or "input_image" or "input_file" or "input_audio" or "refusal"
                    ? ApiError.Unsupported($"{partParam}.type", $"content parts of type '{name}' are not implemented here; send '{textPart}' parts")
                    : ApiError.InvalidValue($"{partParam}.type", name, [textPart]));
            if (PartError(part, name, partParam) is { } error)
                return (null, error);
            text.Append(part.GetProperty("text").GetString());
        }
        return (text.ToString(), null);
    }

    static ApiError? PartError(JsonElement part, string type, string param)
    {
        if (!part.TryGetProperty("text", out var text) || text.ValueKind == JsonValueKind.Null)
            return ApiError.Missing($"{param}.text");
        if (text.ValueKind != JsonValueKind.String)
            return ApiError.InvalidType($"{param}.text", "a string");
        foreach (var property in part.EnumerateObject())
        {
            switch (property.Name)
            {
                case "type" or "text":
                    break;
                // What an earlier output carried: it describes the text and does not change the prompt.
                case "annotations" or "logprobs" when type == "output_text":
                    break;
                case "prompt_cache_breakpoint" when type == "input_text":
                    if (property.Value.ValueKind != JsonValueKind.Null)
                        return ApiError.Unsupported($"{param}.prompt_cache_breakpoint", "prompt cache breakpoints are not implemented (every prefix is cached)");
                    break;
                default:
                    return ResponseRequestChecks.Unknown($"{param}.{property.Name}");
            }
        }
        return null;
    }
}
