using Platform.Grains.Interfaces.Generation;
using Platform.Runtime;

namespace Platform.Grains.Interfaces.Sessions;

/// <summary>
/// A conversation, keyed by session id: stores its messages and token ids, appends each turn and the reply, and sends
/// the next turn to the replica holding its KV blocks so only the new tokens are prefilled.
/// </summary>
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Starts the next turn with only its new messages; chunks go out on the token stream of the turn's request id.</summary>
    Task<GenerationStarted> Chat(SessionTurn turn);

    /// <summary>Records a finished turn's reply; the session calls it on itself when the reply's stream ends.</summary>
    Task CompleteTurn(string requestId, string reply, IReadOnlyList<int> replyTokenIds, string finishReason);

    /// <summary>The stored conversation, or null when the session does not exist.</summary>
    [ReadOnly]
    Task<SessionTranscript?> Get();

    /// <summary>Removes the stored conversation; returns whether there was one.</summary>
    Task<bool> Delete();
}
