using Platform.Engine.Generation;
using Platform.Grains.Catalog;
using Platform.Grains.Deployments;
using Platform.Kernels.Weights;

namespace Platform.Silo.Hosting;

/// <summary>Turns resolved model paths and the serve flags into the catalog's per-model options.</summary>
internal static class ModelOptionsBuilder
{
    /// <summary>KV budget when none is given: a quarter of available memory, shared by every replica of every model.</summary>
    private const double DefaultKvFraction = 0.25;

    public static List<ServedModelOptions> Build(ServeOptions serve, IReadOnlyList<(string Reference, string Path)> models)
    {
        if (serve.ServedModelNames.Count > 0 && serve.ServedModelNames.Count != models.Count)
            throw new ArgumentException($"--served-model-name was given {serve.ServedModelNames.Count} times for {models.Count} --model values; give one name per model.");
        if (serve.ChatTemplates.Count > 1 && serve.ChatTemplates.Count != models.Count)
            throw new ArgumentException($"--chat-template was given {serve.ChatTemplates.Count} times for {models.Count} --model values; give one for every model or one per model.");
        if (serve.Replicas < 1)
            throw new ArgumentException($"--replicas must be at least 1, got {serve.Replicas}.");
        CheckLimits(serve);
        var routing = RoutingPolicies.Parse(serve.Routing);
        // With auto, each silo hosts about one replica of each model: the budget splits over models only.
        var perReplica = KvCacheBudget(serve) / (models.Count * (serve.ReplicasAuto ? 1 : serve.Replicas));
        var dummy = serve.LoadFormat switch
        {
            "auto" => false,
            "dummy" => true,
            _ => throw new ArgumentException($"--load-format '{serve.LoadFormat}' is not supported (use auto or dummy)."),
        };
        var dtype = WeightTypeNames.Parse(serve.DummyDtype);
        var parsers = ToolCallParsers.PerModel(serve.ToolCallParsers, models.Count);
        var result = new List<ServedModelOptions>();
        for (var i = 0; i < models.Count; i++)
        {
            var (reference, path) = models[i];
            var name = serve.ServedModelNames.Count > 0 ? serve.ServedModelNames[i] : reference;
            result.Add(new ServedModelOptions
            {
                Name = name,
                SharedPrefixCache = serve.SharedPrefixCache.Contains(name),
                Breaker = serve.Breaker,
                Path = path,
                ChatTemplatePath = serve.ChatTemplates.Count switch { 0 => null, 1 => serve.ChatTemplates[0], _ => serve.ChatTemplates[i] },
                Replicas = serve.ReplicasAuto ? ServedModelOptions.MaxReplicas : serve.Replicas,
                AutoReplicas = serve.ReplicasAuto,
                Routing = routing,
                DummyWeights = dummy,
                DummyWeightType = dtype,
                MaxWaiting = serve.MaxWaiting,
                ToolCallParser = parsers[i],
                Engine = new EngineOptions
                {
                    KvCacheMemoryBytes = perReplica,
                    KvCacheDtype = serve.KvCacheDtype,
                    MaxNumSeqs = serve.MaxNumSeqs,
                    MaxNumBatchedTokens = serve.MaxNumBatchedTokens,
                    MaxPrefillTokensWithDecodes = serve.MaxPrefillTokensWithDecodes,
                    DecodeLatencyFactor = serve.DecodeLatencyFactor,
                    LongPrefillWait = serve.LongPrefillWait,
                    MaxModelLength = serve.MaxModelLength,
                    EnablePrefixCaching = serve.EnablePrefixCaching,
                },
            });
        }
        if (serve.SharedPrefixCache.FirstOrDefault(name => result.All(m => m.Name != name)) is { } unknown)
            throw new ArgumentException($"--shared-prefix-cache '{unknown}' is not a served model name (served: {string.Join(", ", result.Select(m => m.Name))}).");
        return result;
    }

    /// <summary>The `--kv-cache-memory` total in bytes: what the silo offers all its replicas' KV caches together.</summary>
    public static long KvCacheBudget(ServeOptions serve)
    {
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return serve.KvCacheMemory is { } text ? MemorySize.Parse(text, available) : (long)(available * DefaultKvFraction);
    }

    /// <summary>Refuses limits the engine or the grain runtime would only reject later, at the first model load.</summary>
    private static void CheckLimits(ServeOptions serve)
    {
        if (serve.IdleTimeout < TimeSpan.FromSeconds(1))
            throw new ArgumentException($"--idle-timeout must be at least 1 second, got {serve.IdleTimeout.TotalSeconds:0.###}.");
        if (serve.MaxNumSeqs < 1)
            throw new ArgumentException($"--max-num-seqs must be at least 1, got {serve.MaxNumSeqs}.");
        if (serve.MaxNumBatchedTokens < 1)
            throw new ArgumentException($"--max-num-batched-tokens must be at least 1, got {serve.MaxNumBatchedTokens}.");
        if (serve.MaxPrefillTokensWithDecodes < 1)
            throw new ArgumentException($"--max-prefill-tokens-with-decodes must be at least 1 (prompts must progress while others decode), got {serve.MaxPrefillTokensWithDecodes}.");
        SchedulingLimits.Check(serve.DecodeLatencyFactor, serve.LongPrefillWait);
        if (serve.MaxModelLength is < 1)
            throw new ArgumentException($"--max-model-len must be at least 1, got {serve.MaxModelLength}.");
        if (serve.Breaker.FailureThreshold < 0)
            throw new ArgumentException($"--breaker-failures must be 0 (never eject) or more, got {serve.Breaker.FailureThreshold}.");
        if (serve.Breaker.CoolDown < TimeSpan.FromSeconds(1))
            throw new ArgumentException($"--breaker-cooldown must be at least 1 second, got {serve.Breaker.CoolDown.TotalSeconds:0.###}.");
        if (serve.MaxWaiting < 1)
            throw new ArgumentException($"--max-waiting must be at least 1 (a replica refuses requests once this many wait), got {serve.MaxWaiting}.");
    }
}
