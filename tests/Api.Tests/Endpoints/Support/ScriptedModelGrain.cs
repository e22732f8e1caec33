using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Models;
using Platform.Runtime.Grains;

namespace Platform.Api.Tests.Endpoints.Support;

/// <summary>A replica that records cancellations in the test's <see cref="ScriptedBackend"/>.</summary>
public sealed class ScriptedModelGrain(ScriptedBackend backend) : Grain, IModelGrain
{
    public Task<GenerationStarted> Generate(GenerationJob job) => backend.GenerateAsync(job);

    public Task Cancel(string requestId)
    {
        backend.Cancel(requestId);
        return Task.CompletedTask;
    }

    public Task<ReplicaLoad> GetLoad() => Task.FromResult(new ReplicaLoad(GetPrimaryKeyString(), 0, 0, 0, 0, 0, 0, 0));
}
