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

    /// <summary>
    /// Logprobs for consecutive tokens whose text starts at <paramref name="startOffset"/> of the returned text; each
    /// offset is the previous one plus the previous token's length. -∞/NaN become <see cref="ChatTokenLogprob.VeryUnlikely"/>.
    /// </summary>
    public static CompletionLogprobs Of(IReadOnlyList<string> tokens, IReadOnlyList<float> logprobs,
        IReadOnlyList<IReadOnlyList<(string Token, float Logprob)>> top, int startOffset = 0)
    {
        if (logprobs.Count != tokens.Count || top.Count != tokens.Count)
            throw new ArgumentException($"{tokens.Count} tokens need as many logprobs ({logprobs.Count}) and top lists ({top.Count}).");
        var offsets = new int[tokens.Count];
        var offset = startOffset;
        for (var i = 0; i < tokens.Count; i++)
        {
            offsets[i] = offset;
            offset += tokens[i].Length;
        }
        return new CompletionLogprobs
        {
            Tokens = tokens,
            TokenLogprobs = logprobs.Select(l => (float?)ChatTokenLogprob.Clamp(l)).ToArray(),
            // Two alternatives can decode to the same text; the first (most likely) wins, as a JSON object allows one.
            TopLogprobs = top.Select(alternatives => (Dictionary<string, float>?)alternatives
                .DistinctBy(a => a.Token).ToDictionary(a => a.Token, a => ChatTokenLogprob.Clamp(a.Logprob))).ToArray(),
            TextOffset = offsets,
        };
    }
}
