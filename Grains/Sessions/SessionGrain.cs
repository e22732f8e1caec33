using Microsoft.Extensions.Logging;
using Platform.Grains.Catalog;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Models;
using Platform.Grains.Interfaces.Sessions;
using Platform.Runtime;
using Platform.Runtime.Grains;
using Platform.Runtime.Streams;

namespace Platform.Grains.Sessions;

/// <summary>
/// A conversation. Each turn sends the stored token ids plus the new text's ids to the deployment with the session as
/// affinity key, so the replica holding the earlier turns' KV blocks prefills only the new tokens. The reply is read off
/// the turn's token stream and stored when it ends; a turn that was aborted or failed leaves the conversation unchanged.
/// </summary>
public sealed class SessionGrain(
    [PersistentState("session")] IPersistentState<SessionState> state,
    ModelCatalog catalog,
    IServiceProvider services,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    /// <summary>How long a new turn waits for the previous turn's final chunk to reach the session before it is refused as busy.</summary>
    private static readonly TimeSpan FinalChunkGrace = TimeSpan.FromSeconds(2);

    private PendingTurn? _pending;

    public async Task<GenerationStarted> Chat(SessionTurn turn)
    {
        // A client may send its next turn as soon as it has read the previous reply's final chunk: before this session's
        // own subscription has seen that chunk, or before its CompleteTurn call has run. Finish that turn here instead.
        if (_pending is { } previous && await previous.WaitForOutcomeAsync(FinalChunkGrace) is { } ended)
            await CompleteTurn(previous.RequestId, ended.Reply, ended.TokenIds, ended.FinishReason);
        if (_pending is not null)
            throw new PlatformRequestException(PlatformRequestException.SessionBusy,
                $"Session '{GetPrimaryKeyString()}' is still answering its previous turn; wait for it to finish.");
        if (turn.NewMessages.Count == 0)
            throw new PlatformRequestException(PlatformRequestException.InvalidValue, "A session turn needs at least one new message.", "messages");
        var model = catalog.Get(turn.Model);
        var s = state.State;
        if (s.Model is not null && s.Model != turn.Model)
        {
            // Another model's token ids mean nothing here: keep the messages, recompute from text.
            s.TokenIds = [];
            s.CoveredText = "";
        }
        List<ChatMessageData> conversation = [.. s.Messages, .. turn.NewMessages];
        var (ids, rendered) = TurnPrompt.Build(model.Assets, s, conversation);

        var pending = new PendingTurn(turn.RequestId, turn.Model, turn.NewMessages, ids, rendered, logger);
        var stream = services.GetStreamProvider(TokenStreams.Provider).GetStream<TokenChunk>(TokenStreams.For(turn.RequestId));
        var self = GrainFactory.GetGrain<ISessionGrain>(GetPrimaryKeyString());
        pending.Subscription = await stream.SubscribeAsync(
            (chunk, _) => pending.Collect(chunk, self),
            onError: _ => pending.End("abort", self),
            onCompleted: () => pending.End("abort", self));
        _pending = pending;
        try
        {
            var job = new GenerationJob
            {
                RequestId = turn.RequestId,
                Model = turn.Model,
                PromptTokenIds = ids,
                MaxTokens = turn.MaxTokens,
                Stop = turn.Stop,
                Sampling = turn.Sampling,
                AffinityKey = $"session:{GetPrimaryKeyString()}",
            };
            return await GrainFactory.GetGrain<IDeploymentGrain>(turn.Model).Generate(job);
        }
        catch
        {
            _pending = null;
            await pending.Subscription.UnsubscribeAsync();
            throw;
        }
    }

    public async Task CompleteTurn(string requestId, string reply, IReadOnlyList<int> replyTokenIds, string finishReason)
    {
        if (_pending is not { } pending || pending.RequestId != requestId)
            return;
        _pending = null;
        await pending.Subscription!.UnsubscribeAsync();
        if (finishReason is not ("stop" or "length"))
        {
            logger.LogInformation("Session {Session}: turn {RequestId} ended with {Reason}; conversation unchanged", GetPrimaryKeyString(), requestId, finishReason);
            return;
        }
        var assets = catalog.Get(pending.Model).Assets;
        var s = state.State;
        var now = DateTimeOffset.UtcNow;
        if (s.Turns == 0)
            s.CreatedAt = now;
        s.Model = pending.Model;
        s.Messages.AddRange(pending.NewMessages);
        s.Messages.Add(new ChatMessageData("assistant", reply));
        s.TokenIds = [.. pending.PromptIds, .. TurnPrompt.ReplyIds(assets, reply, replyTokenIds)];
        s.CoveredText = pending.Rendered + reply;
        s.Turns++;
        s.UpdatedAt = now;
        await state.WriteStateAsync();
    }

    public Task<SessionTranscript?> Get()
    {
        if (!state.RecordExists)
            return Task.FromResult<SessionTranscript?>(null);
        var s = state.State;
        return Task.FromResult<SessionTranscript?>(new SessionTranscript(GetPrimaryKeyString(), s.Model ?? "", [.. s.Messages], s.TokenIds.Count,
            s.Turns, s.CreatedAt, s.UpdatedAt));
    }

    public async Task<bool> Delete()
    {
        var existed = state.RecordExists;
        if (existed)
            await state.ClearStateAsync();
        state.State = new SessionState();
        return existed;
    }

    /// <summary>A turn in flight: what to store when its reply ends, and the reply collected so far.</summary>
    private sealed class PendingTurn(string requestId, string model, IReadOnlyList<ChatMessageData> newMessages, int[] promptIds, string rendered,
        ILogger logger)
    {
        private readonly System.Text.StringBuilder _reply = new();
        private readonly List<int> _replyIds = [];
        private int _ended;

        public string RequestId => requestId;
        public string Model => model;
        public IReadOnlyList<ChatMessageData> NewMessages => newMessages;
        public int[] PromptIds => promptIds;
        public string Rendered => rendered;
        public StreamSubscriptionHandle? Subscription { get; set; }

        private readonly TaskCompletionSource<TurnOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>How the turn ended, or null when it has not ended within <paramref name="grace"/>.</summary>
        public async Task<TurnOutcome?> WaitForOutcomeAsync(TimeSpan grace)
        {
            try
            {
                return await _outcome.Task.WaitAsync(grace);
            }
            catch (TimeoutException)
            {
                return null;
            }
        }

        public ValueTask Collect(TokenChunk chunk, ISessionGrain self)
        {
            _reply.Append(chunk.Text);
            _replyIds.AddRange(chunk.TokenIds);
            if (chunk.IsFinal)
                End(chunk.Error is { } error ? $"error:{error.Code}" : chunk.FinishReason!, self);
            return ValueTask.CompletedTask;
        }

        /// <summary>
        /// Hands the reply to the session once (a final chunk, or a stream that ended without one). Not awaited: the
        /// session unsubscribes this very observer while recording, so waiting here would wait on itself.
        /// </summary>
        public ValueTask End(string finishReason, ISessionGrain self)
        {
            if (Interlocked.Exchange(ref _ended, 1) != 0)
                return ValueTask.CompletedTask;
            var outcome = new TurnOutcome(_reply.ToString(), _replyIds.ToArray(), finishReason);
            _outcome.TrySetResult(outcome);
            _ = self.CompleteTurn(requestId, outcome.Reply, outcome.TokenIds, outcome.FinishReason).ContinueWith(
                t => logger.LogError(t.Exception!.GetBaseException(), "Session turn {RequestId}: the reply could not be stored", requestId),
                TaskContinuationOptions.OnlyOnFaulted);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A finished turn's reply, its token ids and why it ended.</summary>
    private sealed record TurnOutcome(string Reply, int[] TokenIds, string FinishReason);
}
