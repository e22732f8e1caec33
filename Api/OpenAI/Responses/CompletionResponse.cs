using System.Text.Json.Serialization;

namespace Platform.Api.OpenAI.Responses;

/// <summary>A legacy completion (`object: text_completion`): the whole answer, or one streamed chunk of it.</summary>
public sealed record CompletionResponse
{
    public required string Id { get; init; }
    public string Object => "text_completion";
    public required long Created { get; init; }
    public required string Model { get; init; }

    /// <summary>Never null: empty in the final usage chunk of a stream.</summary>
    public required IReadOnlyList<CompletionChoice> Choices { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CompletionUsage? Usage { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SystemFingerprint { get; init; }

    /// <summary>A stream chunk carrying new text (and its logprobs) for one choice.</summary>
    public static CompletionResponse TextChunk(string id, long created, string model, int index, string text, CompletionLogprobs? logprobs = null) =>
        new() { Id = id, Created = created, Model = model, Choices = [new CompletionChoice { Index = index, Text = text, Logprobs = logprobs }] };

    /// <summary>The stream chunk that ends a choice: no text, the finish reason.</summary>
    public static CompletionResponse FinishChunk(string id, long created, string model, int index, string finishReason) =>
        new() { Id = id, Created = created, Model = model, Choices = [new CompletionChoice { Index = index, Text = "", FinishReason = finishReason }] };

    /// <summary>The usage chunk sent after every choice finished, just before `[DONE]`.</summary>
    public static CompletionResponse UsageChunk(string id, long created, string model, CompletionUsage usage) =>
        new() { Id = id, Created = created, Model = model, Choices = [], Usage = usage };
}

/// <summary>One choice of a legacy completion.</summary>
public sealed record CompletionChoice
{
    public required int Index { get; init; }
    public required string Text { get; init; }
    public CompletionLogprobs? Logprobs { get; init; }

    /// <summary>Null in stream chunks until the one that ends this choice.</summary>
    public string? FinishReason { get; init; }
}
