using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Sessions;
using Platform.Runtime.Grains;

namespace Platform.Api.Tests.Endpoints.Support;

/// <summary>A session that records its turns and runs them as scripted jobs; transcripts live in the test's <see cref="ScriptedBackend"/>.</summary>
public sealed class ScriptedSessionGrain(ScriptedBackend backend) : Grain, ISessionGrain
{
    public Task<GenerationStarted> Chat(SessionTurn turn)
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
            AffinityKey = GetPrimaryKeyString(),
        });
    }

    public Task CompleteTurn(string requestId, string reply, IReadOnlyList<int> replyTokenIds, string finishReason) => Task.CompletedTask;

    public Task<SessionTranscript?> Get() => Task.FromResult(backend.Sessions.GetValueOrDefault(GetPrimaryKeyString()));

    public Task<bool> Delete() => Task.FromResult(backend.Sessions.TryRemove(GetPrimaryKeyString(), out _));
}
