using Orleans.Concurrency;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.Tests.Endpoints.Support;

/// <summary>Routes every job, unchanged, to the scripted deployment's only replica (the scripted model grain reads the job as the API built it).</summary>
[StatelessWorker]
public sealed class ScriptedPromptRouterGrain : Grain, IPromptRouterGrain
{
    public Task<RoutedJob> Route(GenerationJob job) => Task.FromResult(new RoutedJob(ScriptedDeploymentGrain.ReplicaOf(job.Model), job));
}
