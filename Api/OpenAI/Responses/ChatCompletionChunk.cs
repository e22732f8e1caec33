using System.Text.Json.Serialization;

namespace Platform.Api.OpenAI.Responses;

/// <summary>One server-sent event of a streamed chat completion (`object: chat.completion.chunk`).</summary>
public sealed record ChatCompletionChunk
{
    public required string Id { get; init; }
    public string Object => "chat.completion.chunk";
    public required long Created { get; init; }
    public required string Model { get; init; }

    /// <summary>Never null: empty in the final usage chunk.</summary>
    public required IReadOnlyList<ChatChunkChoice> Choices { get; init; }

    /// <summary>Only on the final chunk when stream_options.include_usage was set.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CompletionUsage? Usage { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SystemFingerprint { get; init; }

    /// <summary>The first chunk of a choice: announces the assistant role with empty content.</summary>
    public static ChatCompletionChunk RoleAnnouncement(string id, long created, string model, int index) =>
        WithChoice(id, created, model, new ChatChunkChoice { Index = index, Delta = new ChatDelta { Role = "assistant", Content = "" } });

    /// <summary>A chunk carrying new text (and its logprobs) for one choice.</summary>
    public static ChatCompletionChunk Text(string id, long created, string model, int index, string text, ChatLogprobs? logprobs = null) =>
        WithChoice(id, created, model, new ChatChunkChoice { Index = index, Delta = new ChatDelta { Content = text }, Logprobs = logprobs });

    /// <summary>A chunk carrying pieces of tool calls for one choice.</summary>
    public static ChatCompletionChunk ToolCalls(string id, long created, string model, int index, IReadOnlyList<ToolCallDeltaResponse> calls) =>
        WithChoice(id, created, model, new ChatChunkChoice { Index = index, Delta = new ChatDelta { ToolCalls = calls } });

    /// <summary>The last chunk of a choice: an empty delta and the finish reason.</summary>
    public static ChatCompletionChunk Finish(string id, long created, string model, int index, string finishReason) =>
        WithChoice(id, created, model, new ChatChunkChoice { Index = index, Delta = new ChatDelta(), FinishReason = finishReason });

    /// <summary>The usage chunk sent after every choice finished, just before `[DONE]`.</summary>
    public static ChatCompletionChunk UsageOnly(string id, long created, string model, CompletionUsage usage) =>
        new() { Id = id, Created = created, Model = model, Choices = [], Usage = usage };

    static ChatCompletionChunk WithChoice(string id, long created, string model, ChatChunkChoice choice) =>
        new() { Id = id, Created = created, Model = model, Choices = [choice] };
}

/// <summary>One choice's update inside a chunk.</summary>
public sealed record ChatChunkChoice
{
    public required int Index { get; init; }
    public required ChatDelta Delta { get; init; }
    public ChatLogprobs? Logprobs { get; init; }

    /// <summary>Null until the chunk that ends this choice.</summary>
    public string? FinishReason { get; init; }
}

/// <summary>What a chunk adds to the assistant message; fields not being updated are left out.</summary>
public sealed record ChatDelta
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Role { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Content { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ToolCallDeltaResponse>? ToolCalls { get; init; }
}
