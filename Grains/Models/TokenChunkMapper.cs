using Platform.Engine.Generation;
using Platform.Engine.Sampling;
using Platform.Engine.Tokenizers;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Models;

/// <summary>Maps engine events to the token chunks grains publish (the API never sees engine types).</summary>
internal static class TokenChunkMapper
{
    public static TokenChunk Map(TokenEvent e, ITokenizer tokenizer) => new(
        e.Text,
        e.TokenIds,
        e.Logprobs is { } logprobs ? MapLogprobs(logprobs, tokenizer) : null,
        e.FinishReason is { } reason ? FinishReasonText(reason) : null,
        e.Usage is { } u ? new TokenUsage(u.PromptTokens, u.CompletionTokens, u.CachedPromptTokens) : null);

    public static string FinishReasonText(FinishReason reason) => reason switch
    {
        FinishReason.Stop => "stop",
        FinishReason.Length => "length",
        _ => "abort",
    };

    private static TokenLogprobData[] MapLogprobs(IReadOnlyList<SampledToken> tokens, ITokenizer tokenizer)
    {
        var result = new TokenLogprobData[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            var top = t.TopLogprobs is { } alternatives
                ? Array.ConvertAll(alternatives, a => new TopLogprobData(a.TokenId, TokenText(tokenizer, a.TokenId), a.Logprob))
                : [];
            result[i] = new TokenLogprobData(t.TokenId, TokenText(tokenizer, t.TokenId), t.Logprob ?? 0f, top);
        }
        return result;
    }

    private static string TokenText(ITokenizer tokenizer, int id) => tokenizer.Decode([id], skipSpecialTokens: false);
}
