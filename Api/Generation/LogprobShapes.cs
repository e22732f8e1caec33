using Platform.Api.OpenAI.Responses;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.Generation;

/// <summary>Puts the engine's per-token log probabilities into OpenAI's chat and legacy-completion shapes.</summary>
internal static class LogprobShapes
{
    /// <summary>Chat: `logprobs.content[]` with token, logprob, bytes and top_logprobs.</summary>
    public static ChatLogprobs Chat(IEnumerable<TokenLogprobData> tokens) => new()
    {
        Content = tokens.Select(t => ChatTokenLogprob.Of(t.Token, t.Logprob, t.Top.Select(a => TopLogprob.Of(a.Token, a.Logprob)).ToList())).ToList(),
    };

    /// <summary>Completions: parallel `tokens`, `token_logprobs`, `top_logprobs`, `text_offset`, offsets counted from <paramref name="textOffset"/>.</summary>
    public static CompletionLogprobs Completion(IReadOnlyList<TokenLogprobData> tokens, ref int textOffset)
    {
        var offsets = new int[tokens.Count];
        var top = new Dictionary<string, float>?[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            offsets[i] = textOffset;
            textOffset += tokens[i].Token.Length;
            var alternatives = new Dictionary<string, float>(tokens[i].Top.Count, StringComparer.Ordinal);
            // Distinct ids can decode to the same text; the first (most likely) one keeps the entry.
            foreach (var a in tokens[i].Top)
                alternatives.TryAdd(a.Token, ChatTokenLogprob.Clamp(a.Logprob));
            top[i] = alternatives;
        }
        return new CompletionLogprobs
        {
            Tokens = tokens.Select(t => t.Token).ToList(),
            TokenLogprobs = tokens.Select(t => (float?)ChatTokenLogprob.Clamp(t.Logprob)).ToList(),
            TopLogprobs = top,
            TextOffset = offsets,
        };
    }
}
