using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Catalog;

/// <summary>
/// Chat messages in the shape chat templates read (Hugging Face's): role and content, a tool message's
/// <c>tool_call_id</c>, and an assistant turn's <c>tool_calls</c> in OpenAI's shape with <c>function.arguments</c> parsed
/// into an object, because Llama's and Qwen's templates write it with <c>tojson</c> (a string would be quoted twice).
/// </summary>
internal static class ChatTemplateMessages
{
    /// <param name="messages">The conversation.</param>
    /// <param name="developerAsSystem">The template knows no developer role: such messages render as system.</param>
    public static JsonArray From(IReadOnlyList<ChatMessageData> messages, bool developerAsSystem = false)
    {
        var array = new JsonArray();
        foreach (var m in messages)
        {
            var calls = m.ToolCalls is { Count: > 0 } ? m.ToolCalls : null;
            // A turn that only called tools has no content, as the client sent it (templates test it for none).
            var role = developerAsSystem && m.Role == DeveloperRole.Name ? "system" : m.Role;
            var node = new JsonObject { ["role"] = role, ["content"] = calls is not null && m.Content.Length == 0 ? null : m.Content };
            if (m.Name is not null)
                node["name"] = m.Name;
            if (m.ToolCallId is not null)
                node["tool_call_id"] = m.ToolCallId;
            if (calls is not null)
                node["tool_calls"] = new JsonArray([.. calls.Select(Call)]);
            array.Add(node);
        }
        return array;
    }

    /// <summary>The request's tools array, or null when it had none.</summary>
    public static JsonArray? Tools(string? toolsJson) => toolsJson is null ? null : JsonNode.Parse(toolsJson) as JsonArray;

    private static JsonObject Call(ToolCallData call) => new()
    {
        ["id"] = call.Id,
        ["type"] = "function",
        ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = Arguments(call.Arguments) },
    };

    /// <summary>Arguments that parse as JSON become that value; anything else stays the text the client sent.</summary>
    private static JsonNode? Arguments(string text)
    {
        try
        {
            return JsonNode.Parse(text) ?? JsonValue.Create(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
