using Platform.Engine.Generation;
using Platform.Engine.Sampling;
using Platform.Engine.Tokenizers;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Models;

/// <summary>
/// Maps one generation's engine events to the token chunks grains publish (the API never sees engine types). Keeps the
/// previous token so a logprob's token text is spelled as it reads in the output (with its leading space, which
/// SentencePiece decoding drops from a token decoded alone).
/// </summary>
internal sealed class TokenChunkMapper(ITokenizer tokenizer, int? lastPromptToken)
{
    private int? _previous = lastPromptToken;

    public TokenChunk Map(TokenEvent e)
    {
        var logprobs = e.Logprobs is { } sampled ? MapLogprobs(sampled) : null;
        if (e.TokenIds.Count > 0)
            _previous = e.TokenIds[^1];
        return new TokenChunk(
            e.Text,
            e.TokenIds,
            logprobs,
            e.FinishReason is { } reason ? FinishReasonText(reason) : null,
            e.Usage is { } u ? new TokenUsage(u.PromptTokens, u.CompletionTokens, u.CachedPromptTokens) : null);
    }

    public static string FinishReasonText(FinishReason reason) => reason switch
    {
        FinishReason.Stop => "stop",
        FinishReason.Length => "length",
        _ => "abort",
    };

    private TokenLogprobData[] MapLogprobs(IReadOnlyList<SampledToken> tokens)
    {
        var result = new TokenLogprobData[tokens.Count];
        var previous = _previous;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            var top = t.TopLogprobs is { } alternatives
                ? Array.ConvertAll(alternatives, a => new TopLogprobData(a.TokenId, TokenText(previous, a.TokenId), a.Logprob))
                : [];
            result[i] = new TokenLogprobData(t.TokenId, TokenText(previous, t.TokenId), t.Logprob ?? 0f, top);
            previous = t.TokenId;
        }
        return result;
    }

    /// <summary>The text <paramref name="id"/> adds after <paramref name="previous"/>; bytes of an incomplete character show as U+FFFD.</summary>
    private string TokenText(int? previous, int id)
    {
        var decoder = tokenizer.CreateIncrementalDecoder(skipSpecialTokens: false);
        if (previous is { } p)
            decoder.AppendContext([p]);
        return decoder.Append(id) + decoder.Flush();
    }
}
