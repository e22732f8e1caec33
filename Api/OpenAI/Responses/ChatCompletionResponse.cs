using System.Text.Json.Serialization;

namespace Platform.Api.OpenAI.Responses;

/// <summary>The body of a non-streamed `/v1/chat/completions` answer (`object: chat.completion`).</summary>
public sealed record ChatCompletionResponse
{
    public required string Id { get; init; }
    public string Object => "chat.completion";
    public required long Created { get; init; }
    public required string Model { get; init; }
    public required IReadOnlyList<ChatChoice> Choices { get; init; }
    public CompletionUsage? Usage { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SystemFingerprint { get; init; }
}

/// <summary>One choice of a chat completion.</summary>
public sealed record ChatChoice
{
    public required int Index { get; init; }
    public required ChatResponseMessage Message { get; init; }

    /// <summary>Null unless the request asked for logprobs (the field itself is always present).</summary>
    public ChatLogprobs? Logprobs { get; init; }

    public required string FinishReason { get; init; }
}

/// <summary>The assistant message of a chat choice.</summary>
public sealed record ChatResponseMessage
{
    public string Role => "assistant";
    /// <summary>Null when the turn only called tools.</summary>
    public required string? Content { get; init; }
    public string? Refusal => null;

    /// <summary>The tool calls read from the output; left out when there are none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ToolCallResponse>? ToolCalls { get; init; }
}
