using Orleans.Runtime;
using Prometheus;

namespace Platform.Grains.Metrics;

/// <summary>
/// Platform's own instruments of a silo process (prefixed platform_): this silo being up, its activations and live
/// sessions, the routing decisions of deployments it hosts, and its replicas' loads, unloads and cold starts. Each silo
/// reports only what it hosts, so Prometheus sums them across the cluster without counting anything twice.
/// </summary>
public sealed class SiloMetrics
{
    private readonly ActivationCounts _activations;
    private readonly ILocalSiloDetails _silo;
    private readonly Gauge _up, _grainActivations, _sessionsLive;
    private readonly Counter _routing, _loads, _unloads;
    private readonly Histogram _coldStart;

    public SiloMetrics(CollectorRegistry registry, ActivationCounts activations, ILocalSiloDetails silo, string role)
    {
        _activations = activations;
        _silo = silo;
        Role = role;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _up = factory.CreateGauge("platform_silo_up", "1 for this silo while it runs; the sum is the number of silos in the cluster.", "silo", "role");
        _grainActivations = factory.CreateGauge("platform_grain_activations", "Grain activations on this silo, by grain type.", "silo", "grain_type");
        _sessionsLive = factory.CreateGauge("platform_sessions_live", "Conversation sessions in memory on this silo.", "silo");
        _routing = factory.CreateCounter("platform_routing_decisions_total", "Replica choices of a model's router, by why that replica was picked.", "model_name", "reason");
        _loads = factory.CreateCounter("platform_replica_loads_total", "Model replicas this silo loaded (engine ready).", "model_name");
        _unloads = factory.CreateCounter("platform_replica_unloads_total", "Model replicas this silo unloaded.", "model_name");
        _coldStart = factory.CreateHistogram("platform_model_cold_start_seconds", "Seconds from a replica's activation to a ready engine.", ["model_name"],
            new HistogramConfiguration { Buckets = MetricBuckets.ColdStart });
        registry.AddBeforeCollectCallback(Refresh);
    }

    // Orleans' grain type name of SessionGrain (its class name less "Grain", lower-cased).
    private const string SessionGrainType = "session";

    /// <summary>serve or silo: what the process runs besides its silo.</summary>
    public string Role { get; }

    /// <summary>Counts one routing decision of <paramref name="model"/>'s deployment.</summary>
    public void Routed(string model, RoutingReason reason) => _routing.WithLabels(model, reason.Label).Inc();

    public void ReplicaLoaded(string model, TimeSpan coldStart)
    {
        _loads.WithLabels(model).Inc();
        _coldStart.WithLabels(model).Observe(coldStart.TotalSeconds);
    }

    public void ReplicaUnloaded(string model) => _unloads.WithLabels(model).Inc();

    private void Refresh()
    {
        var silo = _silo.SiloAddress.ToParsableString();
        _up.WithLabels(silo, Role).Set(1);
        var sessions = 0;
        foreach (var (type, count) in _activations.Current())
        {
            _grainActivations.WithLabels(silo, type).Set(count);
            if (type == SessionGrainType)
                sessions += count;
        }
        _sessionsLive.WithLabels(silo).Set(sessions);
    }
}
