using Orleans.Concurrency;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Models;

namespace Platform.Api.Tests.Endpoints.Support;

/// <summary>A ready replica whose generations follow the test's <see cref="ScriptedBackend"/>.</summary>
[Reentrant]
public sealed class ScriptedModelGrain(ScriptedBackend backend) : Grain, IModelGrain
{
    public IAsyncEnumerable<TokenChunk> Generate(GenerationJob job) => backend.GenerateAsync(job, this.GetPrimaryKeyString());

    public Task<ReplicaStatus> GetStatus() => Task.FromResult(ScriptedBackend.ReadyReplica(this.GetPrimaryKeyString()));
}
