using Platform.Engine.Generation;
using Platform.Engine.Models;
using Platform.Kernels.Weights;

namespace Platform.Grains.Catalog;

/// <summary>One model the silo serves: its name, its local files, how many replicas, and the engine settings of each.</summary>
public sealed record ServedModelOptions
{
    /// <summary>The name clients put in "model".</summary>
    public required string Name { get; init; }

    /// <summary>A local model folder or GGUF file (hub ids are resolved to a cache folder before this point).</summary>
    public required string Path { get; init; }

    /// <summary>The most replicas one model may have (the prefix index keeps a bit per replica).</summary>
    public const int MaxReplicas = 64;

    /// <summary>Replicas of the model; with <see cref="AutoReplicas"/>, the most there may be (replica keys run below it).</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>`--replicas auto`: one replica per silo that serves the model, following silos as they join and leave.</summary>
    public bool AutoReplicas { get; init; }

    /// <summary>How the model's deployment picks a replica for each request.</summary>
    public Deployments.RoutingPolicy Routing { get; init; } = Deployments.RoutingPolicy.Prefix;

    public EngineOptions Engine { get; init; } = new();

    /// <summary>`--chat-template`: a Jinja file that replaces the model's chat template (or gives it one); null: the model's own.</summary>
    public string? ChatTemplatePath { get; init; }

    /// <summary>Build random weights for the folder's config.json instead of reading weights (vLLM's `--load-format dummy`).</summary>
    public bool DummyWeights { get; init; }

    /// <summary>Weight type of dummy weights.</summary>
    public WeightType DummyWeightType { get; init; } = WeightType.F32;

    /// <summary>Requests a replica may hold waiting before new ones are refused with 429.</summary>
    public int MaxWaiting { get; init; } = 256;

    /// <summary>When the deployment ejects a replica that keeps failing, and for how long.</summary>
    public Deployments.CircuitBreakerOptions Breaker { get; init; } = new();

    /// <summary>`--shared-prefix-cache`: cached prefix blocks serve every tenant (only a request's cache_salt separates them); off, each tenant has its own.</summary>
    public bool SharedPrefixCache { get; init; }
}
