using Platform.Grains.Catalog;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Sessions;

/// <summary>
/// The session's context policy: when the stored conversation plus the new turn and its completion budget does not fit
/// the model's context, the oldest turns are dropped (system messages and the new turn are always kept) until it fits.
/// </summary>
internal static class ContextFit
{
    /// <summary>The stored messages to keep and the turn's prompt; throws context_length_exceeded when even system + new turn cannot fit.</summary>
    public static (List<ChatMessageData> Kept, int[] Ids, string Rendered) Build(
        ModelAssets assets, int maxModelLength, SessionState covered, IReadOnlyList<ChatMessageData> newMessages, int? maxTokens) =>
        Build(assets, maxModelLength, covered, newMessages, maxTokens, dropOldestTurns: true, (tokens, budget) => new PlatformRequestException(
            PlatformRequestException.ContextLengthExceeded,
            $"This model's maximum context length is {maxModelLength} tokens; even with every earlier turn of the session dropped, " +
            $"its system prompt and the new message take {tokens} tokens plus {budget} for the completion. " +
            "Send a shorter message, ask for fewer max_tokens, or DELETE the session and start a new one.",
            "messages"));

    /// <summary>
    /// A Responses turn's prompt: with <paramref name="dropOldestTurns"/> (`truncation: auto`) as a session's, else a
    /// conversation that does not fit is refused whole; the refusal names `input` and says what to change.
    /// </summary>
    public static (List<ChatMessageData> Kept, int[] Ids, string Rendered) BuildResponse(
        ModelAssets assets, int maxModelLength, SessionState covered, IReadOnlyList<ChatMessageData> newMessages, int? maxTokens, bool dropOldestTurns) =>
        Build(assets, maxModelLength, covered, newMessages, maxTokens, dropOldestTurns, (tokens, budget) => new PlatformRequestException(
            PlatformRequestException.ContextLengthExceeded,
            $"This model's maximum context length is {maxModelLength} tokens; " +
            (dropOldestTurns ? "even with every earlier turn dropped, the instructions, system messages and new input take " : "the conversation and the new input take ") +
            $"{tokens} tokens plus {budget} for the output. Send a shorter input or ask for fewer max_output_tokens" +
            (dropOldestTurns ? "." : ", or set truncation to 'auto' to drop the oldest turns."),
            "input"));

    private static (List<ChatMessageData> Kept, int[] Ids, string Rendered) Build(ModelAssets assets, int maxModelLength, SessionState covered,
        IReadOnlyList<ChatMessageData> newMessages, int? maxTokens, bool dropOldestTurns, Func<int, int, PlatformRequestException> cannotFit)
    {
        var budget = maxTokens ?? 1;
        var kept = new List<ChatMessageData>(covered.Messages);
        var (ids, rendered) = TurnPrompt.Build(assets, covered, [.. kept, .. newMessages]);
        while (!Fits(ids.Length, budget, maxModelLength))
        {
            if (!dropOldestTurns || !DropOldestTurn(kept))
                throw cannotFit(ids.Length, budget);
            // The kept text no longer starts with the stored ids' text: the prompt is encoded afresh from what is kept.
            (ids, rendered) = TurnPrompt.Build(assets, new SessionState(), [.. kept, .. newMessages]);
        }
        return (kept, ids, rendered);
    }

    private static bool Fits(int promptTokens, int budget, int maxModelLength) =>
        promptTokens < maxModelLength && (long)promptTokens + budget <= maxModelLength;

    /// <summary>Removes the first non-system message and the rest of its turn (up to the next user message); false when none is left.</summary>
    private static bool DropOldestTurn(List<ChatMessageData> messages)
    {
        var first = messages.FindIndex(m => m.Role is not ("system" or "developer"));
        if (first < 0)
            return false;
        var end = first + 1;
        while (end < messages.Count && messages[end].Role is not ("user" or "system" or "developer"))
            end++;
        messages.RemoveRange(first, end - first);
        return true;
    }
}
