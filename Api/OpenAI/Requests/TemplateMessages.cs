using System.Text.Json.Nodes;

namespace Platform.Api.OpenAI.Requests;

/// <summary>Turns validated chat messages into the `messages` list a Hugging Face chat template renders.</summary>
public static class TemplateMessages
{
    /// <summary>
    /// One object per message with `role` and `content` as a string (text parts joined, as vLLM does for text-only
    /// models), plus `name`, `tool_calls` and `tool_call_id` when the client sent them.
    /// </summary>
    public static JsonArray ToTemplateMessages(this IReadOnlyList<ChatMessage> messages)
    {
        var array = new JsonArray();
        foreach (var message in messages)
        {
            var node = new JsonObject
            {
                ["role"] = message.Role,
                ["content"] = message.Content?.ToPlainText(),
            };
            if (message.Name is not null)
                node["name"] = message.Name;
            if (message.ToolCalls is not null)
                node["tool_calls"] = message.ToolCalls.DeepClone();
            if (message.ToolCallId is not null)
                node["tool_call_id"] = message.ToolCallId;
            array.Add(node);
        }
        return array;
    }
}
