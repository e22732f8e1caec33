namespace Platform.Api.OpenAI.Responses;

/// <summary>`choices[].logprobs` of a legacy completion: parallel arrays, one entry per generated token.</summary>
public sealed record CompletionLogprobs
{
    public required IReadOnlyList<string> Tokens { get; init; }
    public required IReadOnlyList<float?> TokenLogprobs { get; init; }

    /// <summary>Per position, the most likely tokens mapped to their log probabilities.</summary>
    public required IReadOnlyList<Dictionary<string, float>?> TopLogprobs { get; init; }

    /// <summary>Per position, the character offset of the token in the returned text.</summary>
    public required IReadOnlyList<int> TextOffset { get; init; }
}
