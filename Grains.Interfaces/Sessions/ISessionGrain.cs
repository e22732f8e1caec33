using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Interfaces.Sessions;

/// <summary>
/// A conversation, keyed by session id: stores its messages and token ids, appends each turn and the reply, and sends
/// the next turn to the replica holding its KV blocks so only the new tokens are prefilled.
/// </summary>
[Alias("platform.ISessionGrain")]
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Runs the next turn with only its new messages and streams the reply; the conversation is stored before the final
    /// chunk is yielded (a failed write yields an error chunk instead). Abandoning the stream leaves the conversation unchanged.
    /// </summary>
    [Alias("Chat")]
    IAsyncEnumerable<TokenChunk> Chat(SessionTurn turn);

    /// <summary>The stored conversation, or null when the session does not exist.</summary>
    [Alias("Get")]
    Task<SessionTranscript?> Get();

    /// <summary>Removes the stored conversation; returns whether there was one.</summary>
    [Alias("Delete")]
    Task<bool> Delete();
}
