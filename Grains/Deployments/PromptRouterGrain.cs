using Platform.Engine.Cache;
using Platform.Grains.Catalog;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Models;
using Platform.Grains.Models;

namespace Platform.Grains.Deployments;

/// <summary>
/// Tokenizes a job where the call enters the cluster and routes it by its prefix block keys (a stateless worker: one
/// or more per silo, no state, no single turn to queue on). The replica then runs the ids as given.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class PromptRouterGrain(ModelCatalog catalog) : Grain, IPromptRouterGrain
{
    public async Task<RoutedJob> Route(GenerationJob job, string[] avoid)
    {
        var model = catalog.Get(job.Model);
        var context = model.ConfiguredMaxModelLength();
        // Refused by length alone before any tokenizing; the engine's exact check (with max_tokens) comes after.
        if (model.Assets.LengthBound.MinimumTokens(job) is var least && least >= context)
            throw PromptResolver.ContextExceeded(least, job.MaxTokens, context, atLeast: true);
        // Off the activation's turn: a long prompt must not hold up the prompts behind it on this worker.
        var ids = await Task.Run(() => PromptResolver.Resolve(model.Assets, job));
        var keys = model.Options.Routing == RoutingPolicy.Prefix
            ? BlockHasher.ChainKeys(BlockHasher.RootKey(model.Name, PrefixCacheSalt.Of(job, model.Options.SharedPrefixCache)), ids, model.Options.Engine.BlockSize)
            : [];
        var affinity = job.AffinityKey ?? AffinityKeys.Of(job);
        var decision = await GrainFactory.GetGrain<IDeploymentGrain>(job.Model).Route(new RouteRequest(affinity, keys, ids.Length, avoid));
        return new RoutedJob(decision.ReplicaKey, job with { PromptTokenIds = ids, Messages = null, PromptText = null, AffinityKey = affinity }, decision.ReportStart);
    }
}
