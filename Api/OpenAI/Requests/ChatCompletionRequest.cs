using System.Text.Json.Serialization;

namespace Platform.Api.OpenAI.Requests;

/// <summary>The body of `POST /v1/chat/completions`.</summary>
public sealed record ChatCompletionRequest : GenerationRequest
{
    public IReadOnlyList<ChatMessage>? Messages { get; init; }

    /// <summary>Kept raw: shape-checked, and refused when non-empty (tool calling is not implemented).</summary>
    public System.Text.Json.JsonElement? Tools { get; init; }

    /// <summary>Kept raw: only "none" is accepted.</summary>
    public System.Text.Json.JsonElement? ToolChoice { get; init; }

    /// <summary>Kept raw: a boolean, harmless without tools.</summary>
    public System.Text.Json.JsonElement? ParallelToolCalls { get; init; }

    /// <summary>OpenAI's newer name for max_tokens; wins when both are present.</summary>
    public int? MaxCompletionTokens { get; init; }

    /// <summary>Whether to return the log probability of each generated token.</summary>
    public bool? Logprobs { get; init; }

    /// <summary>How many alternatives (0–20) to return per position; needs logprobs.</summary>
    public int? TopLogprobs { get; init; }

    [JsonIgnore]
    public override int? MaxOutputTokens => MaxCompletionTokens ?? MaxTokens;
}
