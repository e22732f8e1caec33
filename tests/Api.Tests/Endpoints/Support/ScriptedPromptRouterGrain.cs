using Orleans.Concurrency;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.Tests.Endpoints.Support;

/// <summary>
/// Routes every job, unchanged, to the first of the backend's replicas it has not failed on (by default the only one; the
/// scripted model grain reads the job as the API built it).
/// </summary>
[StatelessWorker]
public sealed class ScriptedPromptRouterGrain(ScriptedBackend backend) : Grain, IPromptRouterGrain
{
    public Task<RoutedJob> Route(GenerationJob job, string[] avoid)
    {
        if (backend.RouteFailure(job) is { } failure)
            throw failure;
        var replicas = Enumerable.Range(0, backend.Replicas).Select(r => $"{job.Model}/{r}").ToList();
        var replica = replicas.FirstOrDefault(r => !avoid.Contains(r)) ?? replicas[0];
        return Task.FromResult(new RoutedJob(replica, job));
    }
}
