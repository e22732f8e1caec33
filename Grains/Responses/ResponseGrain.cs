using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Platform.Grains.Catalog;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Responses;
using Platform.Grains.Sessions;

namespace Platform.Grains.Responses;

/// <summary>
/// One response of the Responses API. Its prompt is the previous response's stored token ids plus the encoding of only
/// the newly rendered text, routed with the conversation's affinity key, so the replica holding the earlier turns' KV
/// blocks prefills only the new input. A stored response is written before its final chunk is passed on; an
/// unstored one (`store: false`) never touches state, so it can be neither read nor continued.
/// </summary>
public sealed class ResponseGrain(
    [PersistentState("response")] IPersistentState<ResponseState> state,
    ModelCatalog catalog,
    ILogger<ResponseGrain> logger) : Grain, IResponseGrain
{
    private bool _started;

    private string Key => this.GetPrimaryKeyString();

    public IAsyncEnumerable<TokenChunk> Run(ResponseTurn turn) => RunCore(turn, CancellationToken.None);

    public Task<StoredResponse?> Get() => Task.FromResult(state.RecordExists ? state.State.Response : null);

    public Task<ResponseConversation?> GetConversation()
    {
        if (!state.RecordExists || state.State.Response is not { } response)
            return Task.FromResult<ResponseConversation?>(null);
        var c = state.State.Conversation;
        return Task.FromResult<ResponseConversation?>(new ResponseConversation(response.Model, [.. c.Messages], [.. c.TokenIds], c.CoveredText, state.State.AffinityKey));
    }

    public async Task<bool> Delete()
    {
        var existed = state.RecordExists;
        if (existed)
            await StateCalls.GuardAsync(state.ClearStateAsync, "deleted");
        state.State = new ResponseState();
        return existed;
    }

    private async IAsyncEnumerable<TokenChunk> RunCore(ResponseTurn turn, [EnumeratorCancellation] CancellationToken ct)
    {
        // Ids are made by the API, one per request: a second run under the same key is a bug, never a retry to honour.
        if (_started || state.RecordExists)
            throw new PlatformRequestException(PlatformRequestException.InvalidValue, $"Response '{turn.ResponseId}' already exists.");
        if (turn.Input.Count == 0)
            throw new PlatformRequestException(PlatformRequestException.InvalidValue, "A response needs at least one input message.", "input");
        _started = true;
        try
        {
            var previous = await PreviousAsync(turn);
            var served = catalog.Get(turn.Model);
            SessionState covered = previous is null ? new()
                : previous.Model == turn.Model ? new() { Model = previous.Model, Messages = [.. previous.Messages], TokenIds = [.. previous.TokenIds], CoveredText = previous.CoveredText }
                : new() { Messages = [.. previous.Messages] };
            // Instructions go first as a system message, which the context policy always keeps; they are not stored.
            var instructions = turn.Instructions is null ? 0 : 1;
            if (instructions == 1)
                covered.Messages.Insert(0, new ChatMessageData("system", turn.Instructions!));
            var (kept, ids, rendered) = ContextFit.BuildResponse(served.Assets, served.ConfiguredMaxModelLength(), covered, turn.Input, turn.MaxOutputTokens,
                dropOldestTurns: turn.TruncateOldest);
            var affinity = turn.AffinityKey ?? previous?.AffinityKey ?? $"response:{turn.ResponseId}";
            var job = new GenerationJob
            {
                RequestId = turn.ResponseId,
                Model = turn.Model,
                PromptTokenIds = ids,
                MaxTokens = turn.MaxOutputTokens,
                Sampling = turn.Sampling,
                AffinityKey = affinity,
                OutputConstraint = turn.OutputConstraint,
                // Its prefix blocks are salted with the tenant, as every job of that tenant's.
                Tenant = turn.Tenant,
            };
            var relay = ReplyRelay.RunAsync(GrainFactory, job, (reply, replyIds, final) =>
            {
                if (!turn.Store)
                    return Task.FromResult<TokenChunk?>(null);
                var conversation = new SessionState
                {
                    Model = turn.Model,
                    Messages = [.. kept.Skip(instructions), .. turn.Input, new ChatMessageData("assistant", reply)],
                    TokenIds = [.. ids, .. TurnPrompt.ReplyIds(served.Assets, reply, replyIds)],
                    CoveredText = rendered + reply,
                };
                var usage = final.Usage ?? new TokenUsage(0, replyIds.Count, 0);
                return StoreAsync(turn, StoredResponse.Finish(turn, reply, final.FinishReason!, usage, DateTimeOffset.UtcNow), conversation, affinity);
            }, ct);
            await foreach (var chunk in relay)
                yield return chunk;
        }
        finally
        {
            // An unstored response keeps nothing; its activation has no reason to stay.
            if (!state.RecordExists)
                DeactivateOnIdle();
        }
    }

    private async Task<ResponseConversation?> PreviousAsync(ResponseTurn turn)
    {
        if (turn.PreviousResponseId is not { } id)
            return null;
        return await GrainFactory.GetGrain<IResponseGrain>(ResponseKeys.Of(turn.Tenant, id)).GetConversation()
               ?? throw new PlatformRequestException(PlatformRequestException.ResponseNotFound,
                   $"Previous response with id '{id}' not found.", "previous_response_id");
    }

    /// <summary>Writes the response; null when written, else the error chunk to end it with (nothing is kept).</summary>
    private async Task<TokenChunk?> StoreAsync(ResponseTurn turn, StoredResponse response, SessionState conversation, string affinity)
    {
        state.State = new ResponseState { Response = response, Conversation = conversation, AffinityKey = affinity };
        try
        {
            await StateCalls.GuardAsync(state.WriteStateAsync, "saved");
            return null;
        }
        catch (PlatformRequestException error)
        {
            state.State = new ResponseState();
            logger.LogWarning("Response {Key}: {ResponseId} could not be stored", Key, turn.ResponseId);
            return new TokenChunk("", [], Error: new GenerationError(error.Code, error.Message));
        }
    }
}
