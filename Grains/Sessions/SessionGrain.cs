using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Platform.Grains.Catalog;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Sessions;

namespace Platform.Grains.Sessions;

/// <summary>
/// A conversation. Each turn sends the stored token ids plus the new text's ids to the deployment with the session as
/// affinity key, so the replica holding the earlier turns' KV blocks prefills only the new tokens. The reply is
/// stored before its final chunk is passed on, so a client that read the final chunk always finds it stored; a turn
/// aborted, failed or abandoned by its client leaves the conversation unchanged.
/// </summary>
public sealed class SessionGrain(
    [PersistentState("session")] IPersistentState<SessionState> state,
    ModelCatalog catalog,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    private bool _busy;

    /// <summary>The client's session id (the key without its tenant): what messages and transcripts name.</summary>
    private string Id => SessionKeys.Parse(this.GetPrimaryKeyString()).SessionId;

    private string Tenant => SessionKeys.Parse(this.GetPrimaryKeyString()).Tenant;

    public IAsyncEnumerable<TokenChunk> Chat(SessionTurn turn) => ChatCore(turn, CancellationToken.None);

    public Task<SessionTranscript?> Get()
    {
        if (!state.RecordExists)
            return Task.FromResult<SessionTranscript?>(null);
        var s = state.State;
        return Task.FromResult<SessionTranscript?>(new SessionTranscript(Id, s.Model ?? "", [.. s.Messages], s.TokenIds.Count, s.Turns, s.CreatedAt, s.UpdatedAt));
    }

    public async Task<bool> Delete()
    {
        var existed = state.RecordExists;
        if (existed)
            await StateCalls.GuardAsync(state.ClearStateAsync, "deleted");
        state.State = new SessionState();
        return existed;
    }

    private async IAsyncEnumerable<TokenChunk> ChatCore(SessionTurn turn, [EnumeratorCancellation] CancellationToken ct)
    {
        // Turn bodies interleave (enumeration calls always do): the check and the claim must not be split by an await.
        if (_busy)
            throw new PlatformRequestException(PlatformRequestException.SessionBusy, $"Session '{Id}' is still answering its previous turn; wait for it to finish.");
        if (turn.NewMessages.Count == 0)
            throw new PlatformRequestException(PlatformRequestException.InvalidValue, "A session turn needs at least one new message.", "messages");
        _busy = true;
        try
        {
            var served = catalog.Get(turn.Model);
            var s = state.State;
            var covered = s.Model == turn.Model ? s : new SessionState { Messages = s.Messages };
            var (kept, ids, rendered) = ContextFit.Build(served.Assets, served.ConfiguredMaxModelLength(), covered, turn.NewMessages, turn.MaxTokens);
            var job = new GenerationJob
            {
                RequestId = turn.RequestId,
                Model = turn.Model,
                PromptTokenIds = ids,
                MaxTokens = turn.MaxTokens,
                Stop = turn.Stop,
                StopTokenIds = turn.StopTokenIds,
                IgnoreEos = turn.IgnoreEos,
                Sampling = turn.Sampling,
                // The grain key, tenant included: two tenants' sessions of one id are different conversations.
                AffinityKey = $"session:{this.GetPrimaryKeyString()}",
                Tenant = Tenant,
                CacheSalt = turn.CacheSalt,
            };
            await foreach (var chunk in ReplyRelay.RunAsync(GrainFactory, job, (reply, replyIds, _) => StoreTurnAsync(turn, kept, ids, rendered, reply, replyIds), ct))
            {
                // The next turn may come as soon as the client has this chunk, before this enumeration is disposed.
                if (chunk.IsFinal)
                    _busy = false;
                yield return chunk;
            }
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Stores the kept messages, the turn and its reply; null when written, else the error chunk to end the turn with.</summary>
    private async Task<TokenChunk?> StoreTurnAsync(SessionTurn turn, List<ChatMessageData> kept, int[] promptIds, string rendered, string reply, IReadOnlyList<int> replyIds)
    {
        var assets = catalog.Get(turn.Model).Assets;
        var previous = state.State;
        var now = DateTimeOffset.UtcNow;
        state.State = new SessionState
        {
            Model = turn.Model,
            Messages = [.. kept, .. turn.NewMessages, new ChatMessageData("assistant", reply)],
            TokenIds = [.. promptIds, .. TurnPrompt.ReplyIds(assets, reply, replyIds)],
            CoveredText = rendered + reply,
            Turns = previous.Turns + 1,
            CreatedAt = previous.Turns == 0 ? now : previous.CreatedAt,
            UpdatedAt = now,
        };
        try
        {
            await StateCalls.GuardAsync(state.WriteStateAsync, "saved");
            return null;
        }
        catch (PlatformRequestException error)
        {
            state.State = previous;
            logger.LogWarning("Session {Session}: turn {RequestId} could not be stored; conversation unchanged", Id, turn.RequestId);
            return new TokenChunk("", [], Error: new GenerationError(error.Code, error.Message));
        }
    }
}
