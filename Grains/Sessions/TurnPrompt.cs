using Platform.Grains.Catalog;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Sessions;

/// <summary>
/// Builds a session turn's prompt ids as the stored ids plus the encoding of only the newly rendered text, so the
/// prefix is token-for-token what the replica already cached (re-encoding the whole text could split the reply differently).
/// </summary>
internal static class TurnPrompt
{
    public static (int[] Ids, string Rendered) Build(ModelAssets assets, SessionState state, IReadOnlyList<ChatMessageData> conversation)
    {
        var rendered = assets.RenderChat(conversation, addGenerationPrompt: true);
        if (state.TokenIds.Count > 0 && state.CoveredText.Length > 0 && rendered.StartsWith(state.CoveredText, StringComparison.Ordinal))
        {
            var tail = assets.Tokenizer.Encode(rendered[state.CoveredText.Length..], addSpecialTokens: false);
            return ([.. state.TokenIds, .. tail], rendered);
        }
        // The template rewrote earlier turns (some strip reasoning, for one): fall back to encoding the whole text.
        return (assets.EncodeChat(rendered), rendered);
    }

    /// <summary>
    /// The ids to store for a finished reply: the generated ids without a trailing end-of-turn token (the template writes
    /// its own), provided they decode to exactly the reply; otherwise (a stop string cut the text) the reply re-encoded.
    /// </summary>
    public static IReadOnlyList<int> ReplyIds(ModelAssets assets, string reply, IReadOnlyList<int> generated)
    {
        var tokenizer = assets.Tokenizer;
        var count = generated.Count;
        while (count > 0 && (tokenizer.EosTokenIds.Contains(generated[count - 1]) || assets.Config.EosTokenIds.Contains(generated[count - 1])))
            count--;
        var ids = generated.Take(count).ToArray();
        return tokenizer.Decode(ids, skipSpecialTokens: false) == reply ? ids : tokenizer.Encode(reply, addSpecialTokens: false);
    }
}
