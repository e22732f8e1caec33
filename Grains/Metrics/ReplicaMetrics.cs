using Platform.Engine.Generation;
using Platform.Grains.Interfaces.Models;
using Platform.Kernels.Attention;
using Prometheus;

namespace Platform.Grains.Metrics;

/// <summary>
/// A loaded replica's engine as seen by `/metrics`: its queue and KV gauges and its token counters follow the engine's
/// own cumulative stats (added as deltas, so a reload never makes a counter go back), and each finished request feeds
/// the latency and size histograms. Dispose when the engine unloads: its gauges leave the scrape.
/// </summary>
public sealed class ReplicaMetrics : IDisposable
{
    private readonly EngineMetrics _metrics;
    private readonly ReplicaSeries _series;
    private readonly LlmEngine _engine;
    private readonly Gauge.Child _running, _waiting, _kvUsage;
    private readonly string[] _configLabels;
    private readonly Lock _sync = new();
    private long _generated, _preemptions, _prefixQueried, _prefixHit;
    private bool _disposed;

    internal ReplicaMetrics(EngineMetrics metrics, ReplicaSeries series, LlmEngine engine)
    {
        _metrics = metrics;
        _series = series;
        _engine = engine;
        _running = metrics.Running.WithLabels(series.LabelValues);
        _waiting = metrics.Waiting.WithLabels(series.LabelValues);
        _kvUsage = metrics.KvUsage.WithLabels(series.LabelValues);
        var kv = engine.KvCache;
        _configLabels = [.. series.LabelValues, kv.BlockSize.ToString(), kv.NumBlocks.ToString(), kv.TotalBytes.ToString(), kv.Dtype.Name()];
        metrics.CacheConfig.WithLabels(_configLabels).Set(1);
        // The engine may already have counted work (none today, but a snapshot taken at load is the baseline either way).
        var start = engine.GetStats();
        (_generated, _preemptions, _prefixQueried, _prefixHit) = (start.GeneratedTokens, start.Preemptions, start.PrefixQueriedTokens, start.PrefixHitTokens);
        Sync();
    }

    /// <summary>Brings gauges and token counters up to the engine's current stats.</summary>
    public void Sync()
    {
        lock (_sync)
        {
            if (_disposed)
                return;
            var s = _engine.GetStats();
            _running.Set(s.Running);
            _waiting.Set(s.Waiting);
            _kvUsage.Set(s.KvUsage.UsedFraction);
            Advance(_series.GenerationTokens, ref _generated, s.GeneratedTokens);
            Advance(_series.Preemptions, ref _preemptions, s.Preemptions);
            Advance(_series.PrefixQueries, ref _prefixQueried, s.PrefixQueriedTokens);
            Advance(_series.PrefixHits, ref _prefixHit, s.PrefixHitTokens);
        }
    }

    /// <summary>Counts a request that finished with <paramref name="final"/>: its prompt, its finish reason and its latencies.</summary>
    public void RecordFinished(TokenEvent final)
    {
        var reason = final.FinishReason switch
        {
            FinishReason.Stop => "stop",
            FinishReason.Length => "length",
            _ => "abort",
        };
        RecordRequest(reason, final.Usage?.PromptTokens ?? 0, final.Usage?.CompletionTokens ?? 0);
        if (final.Metrics is not { } m)
            return;
        if (m.QueueTime is { } queue)
            _series.QueueTime.Observe(queue.TotalSeconds);
        if (m.TimeToFirstToken is { } ttft)
            _series.TimeToFirstToken.Observe(ttft.TotalSeconds);
        if (m.TotalTime is { } total)
            _series.EndToEnd.Observe(total.TotalSeconds);
        for (var i = 1; i < m.TokenTimes.Count; i++)
            _series.InterTokenLatency.Observe((m.TokenTimes[i] - m.TokenTimes[i - 1]).TotalSeconds);
    }

    /// <summary>Counts a request its caller abandoned before the engine's last event (the client went away).</summary>
    public void RecordAbandoned(int promptTokens, int generatedTokens) => RecordRequest("abort", promptTokens, generatedTokens);

    /// <summary>The cumulative figures as `/metrics` reports them now.</summary>
    public ReplicaMetricsSnapshot Snapshot(string replicaKey)
    {
        Sync();
        return new ReplicaMetricsSnapshot(replicaKey, _series.Silo, _series.PromptTokens.Value, _series.GenerationTokens.Value, _series.Requests(),
            _series.PrefixQueries.Value, _series.PrefixHits.Value,
            new HistogramCounts(MetricBuckets.TimeToFirstToken, _series.TimeToFirstToken.Counts()),
            new HistogramCounts(MetricBuckets.InterToken, _series.InterTokenLatency.Counts()));
    }

    public void Dispose()
    {
        Sync();
        lock (_sync)
        {
            if (_disposed)
                return;
            _disposed = true;
            _metrics.Detach(this);
            // Gauges of an unloaded engine would report stale load forever; its counters and histograms stay.
            _metrics.Running.RemoveLabelled(_series.LabelValues);
            _metrics.Waiting.RemoveLabelled(_series.LabelValues);
            _metrics.KvUsage.RemoveLabelled(_series.LabelValues);
            _metrics.CacheConfig.RemoveLabelled(_configLabels);
        }
    }

    private void RecordRequest(string reason, int promptTokens, int generatedTokens)
    {
        _series.Success(reason).Inc();
        _series.PromptTokens.Inc(promptTokens);
        _series.RequestPromptTokens.Observe(promptTokens);
        _series.RequestGenerationTokens.Observe(generatedTokens);
    }

    private static void Advance(Counter.Child counter, ref long seen, long now)
    {
        if (now > seen)
            counter.Inc(now - seen);
        seen = now;
    }
}
