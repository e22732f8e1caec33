using System.Text.Json.Nodes;

namespace Platform.Api.OpenAI.Requests;

/// <summary>One message of a chat conversation as the client sent it.</summary>
public sealed record ChatMessage
{
    public string? Role { get; init; }

    /// <summary>Text or text parts; null only for an assistant message that carries tool calls.</summary>
    public MessageContent? Content { get; init; }

    public string? Name { get; init; }

    /// <summary>For role `tool`: the call this message answers.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>For role `assistant`: tool calls made earlier, passed through to the chat template as sent.</summary>
    public JsonArray? ToolCalls { get; init; }
}
