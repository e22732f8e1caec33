using System.Collections.Concurrent;
using Platform.Engine.Generation;
using Prometheus;

namespace Platform.Grains.Metrics;

/// <summary>
/// The process's engine instruments under vLLM's names and meanings (labelled model_name, replica, silo), so dashboards,
/// alerts and routers written for vLLM read Platform unchanged. Gauges and token counters are read from the live
/// engines at each scrape; request histograms are observed as requests finish. prometheus-net refuses the colon in
/// vLLM's names (Prometheus reserves it for recording rules), so they are registered as `vllm_…` and `/metrics`
/// writes them back as `vllm:…`.
/// </summary>
public sealed class EngineMetrics
{
    private static readonly string[] Labels = ["model_name", "replica", "silo"];

    private readonly ConcurrentDictionary<(string Model, int Replica, string Silo), ReplicaSeries> _series = new();
    private readonly ConcurrentDictionary<ReplicaMetrics, byte> _live = new();

    public EngineMetrics(CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        Running = factory.CreateGauge("vllm_num_requests_running", "Number of requests in model execution batches.", Labels);
        Waiting = factory.CreateGauge("vllm_num_requests_waiting", "Number of requests waiting to be processed.", Labels);
        KvUsage = factory.CreateGauge("vllm_kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", Labels);
        CacheConfig = factory.CreateGauge("vllm_cache_config_info", "Information of the engine's KV cache configuration.",
            [.. Labels, "block_size", "num_gpu_blocks", "cache_bytes", "cache_dtype"]);
        PromptTokens = factory.CreateCounter("vllm_prompt_tokens_total", "Number of prefill tokens processed.", Labels);
        GenerationTokens = factory.CreateCounter("vllm_generation_tokens_total", "Number of generation tokens processed.", Labels);
        Preemptions = factory.CreateCounter("vllm_num_preemptions_total", "Cumulative number of preemptions from the engine.", Labels);
        PrefixQueries = factory.CreateCounter("vllm_prefix_cache_queries_total", "Prefix cache queries, in terms of number of queried tokens.", Labels);
        PrefixHits = factory.CreateCounter("vllm_prefix_cache_hits_total", "Prefix cache hits, in terms of number of cached tokens.", Labels);
        RequestSuccess = factory.CreateCounter("vllm_request_success_total", "Count of successfully processed requests.", [.. Labels, "finished_reason"]);
        TimeToFirstToken = Histogram(factory, "vllm_time_to_first_token_seconds", "Histogram of time to first token in seconds.", MetricBuckets.TimeToFirstToken);
        InterTokenLatency = Histogram(factory, "vllm_inter_token_latency_seconds", "Histogram of inter-token latency in seconds.", MetricBuckets.InterToken);
        EndToEnd = Histogram(factory, "vllm_e2e_request_latency_seconds", "Histogram of e2e request latency in seconds.", MetricBuckets.RequestLatency);
        QueueTime = Histogram(factory, "vllm_request_queue_time_seconds", "Histogram of time spent in WAITING phase for request.", MetricBuckets.RequestLatency);
        RequestPromptTokens = Histogram(factory, "vllm_request_prompt_tokens", "Number of prefill tokens processed.", MetricBuckets.Tokens);
        RequestGenerationTokens = Histogram(factory, "vllm_request_generation_tokens", "Number of generation tokens processed.", MetricBuckets.Tokens);
        registry.AddBeforeCollectCallback(SyncLive);
    }

    internal Gauge Running { get; }
    internal Gauge Waiting { get; }
    internal Gauge KvUsage { get; }
    internal Gauge CacheConfig { get; }
    internal Counter PromptTokens { get; }
    internal Counter GenerationTokens { get; }
    internal Counter Preemptions { get; }
    internal Counter PrefixQueries { get; }
    internal Counter PrefixHits { get; }
    internal Counter RequestSuccess { get; }
    internal Histogram TimeToFirstToken { get; }
    internal Histogram InterTokenLatency { get; }
    internal Histogram EndToEnd { get; }
    internal Histogram QueueTime { get; }
    internal Histogram RequestPromptTokens { get; }
    internal Histogram RequestGenerationTokens { get; }

    /// <summary>Starts reporting <paramref name="engine"/> as replica <paramref name="replica"/> of <paramref name="model"/> on <paramref name="silo"/>.</summary>
    public ReplicaMetrics Attach(string model, int replica, string silo, LlmEngine engine)
    {
        // Counters and histograms outlive a replica's unload: a reload on this silo continues the same series.
        var series = _series.GetOrAdd((model, replica, silo), key => new ReplicaSeries(this, key.Model, key.Replica.ToString(), key.Silo));
        var metrics = new ReplicaMetrics(this, series, engine);
        _live[metrics] = 0;
        return metrics;
    }

    internal void Detach(ReplicaMetrics metrics) => _live.TryRemove(metrics, out _);

    private void SyncLive()
    {
        foreach (var metrics in _live.Keys)
            metrics.Sync();
    }

    private static Histogram Histogram(IMetricFactory factory, string name, string help, double[] buckets) =>
        factory.CreateHistogram(name, help, Labels, new HistogramConfiguration { Buckets = buckets });
}
