namespace Platform.Grains.Interfaces.Generation;

/// <summary>
/// Prepares a job for routing on the caller's side of the cluster (a stateless worker keyed by model, so it runs on the
/// silo the call enters and scales with the callers): tokenizes the prompt, computes its prefix block keys, and asks
/// the deployment for a replica. Keeps tokenization off the deployment grain, which only compares keys.
/// </summary>
[Alias("platform.IPromptRouterGrain")]
public interface IPromptRouterGrain : IGrainWithStringKey
{
    /// <summary>Routes <paramref name="job"/>, away from the replicas in <paramref name="avoid"/> (those it failed on) when another is ready.</summary>
    [Alias("Route")]
    Task<RoutedJob> Route(GenerationJob job, string[] avoid);
}
