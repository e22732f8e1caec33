using Orleans.Concurrency;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Sessions;

namespace Platform.Api.Tests.Endpoints.Support;

/// <summary>A session that records its turns and runs them as scripted jobs keyed to it; transcripts live in the test's <see cref="ScriptedBackend"/>.</summary>
[Reentrant]
public sealed class ScriptedSessionGrain(ScriptedBackend backend) : Grain, ISessionGrain
{
    string SessionId => this.GetPrimaryKeyString();

    public IAsyncEnumerable<TokenChunk> Chat(SessionTurn turn)
    {
        backend.Turns.Enqueue(turn);
        return backend.GenerateAsync(new GenerationJob
        {
            RequestId = turn.RequestId,
            Model = turn.Model,
            Messages = turn.NewMessages,
            MaxTokens = turn.MaxTokens,
            Stop = turn.Stop,
            Sampling = turn.Sampling,
            AffinityKey = SessionId,
        });
    }

    public Task<SessionTranscript?> Get() => Task.FromResult(backend.Sessions.GetValueOrDefault(SessionId));

    public Task<bool> Delete() => Task.FromResult(backend.Sessions.TryRemove(SessionId, out _));
}
