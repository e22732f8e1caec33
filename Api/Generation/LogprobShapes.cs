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

    /// <summary>Completions: parallel `tokens`, `token_logprobs`, `top_logprobs` and `text_offset` (given, one per token).</summary>
    public static CompletionLogprobs Completion(IReadOnlyList<TokenLogprobData> tokens, IReadOnlyList<int> textOffsets)
    {
        var top = new Dictionary<string, float>?[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
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
            TextOffset = textOffsets,
        };
    }

    /// <summary>
    /// Where a chunk's tokens start in the choice's text: the first at the chunk's start, each next one after the text
    /// of those before it, never past the chunk's end. Offsets follow the returned text, not the tokens' own texts,
    /// which can differ from it (a SentencePiece token decoded alone loses its leading space).
    /// </summary>
    public static int[] TextOffsets(TokenChunk chunk, int chunkStart)
    {
        var tokens = chunk.Logprobs ?? [];
        var offsets = new int[tokens.Count];
        var end = chunkStart + chunk.Text.Length;
        var offset = chunkStart;
        for (var i = 0; i < tokens.Count; i++)
        {
            offsets[i] = Math.Min(offset, end);
            offset += tokens[i].Token.Length;
        }
        return offsets;
    }
}
