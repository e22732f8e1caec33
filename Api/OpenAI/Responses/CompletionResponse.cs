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
