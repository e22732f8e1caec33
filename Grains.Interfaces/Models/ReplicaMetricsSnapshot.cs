namespace Platform.Grains.Interfaces.Models;

/// <summary>
/// A replica's cumulative figures (on one silo) as that silo's `/metrics` reports them at this moment: tokens, finished requests,
/// prefix-cache lookups, and the TTFT and inter-token latency histograms.
/// </summary>
[GenerateSerializer, Alias("platform.ReplicaMetricsSnapshot")]
public sealed record ReplicaMetricsSnapshot(
    string ReplicaKey,
    string Silo,
    double PromptTokens,
    double GenerationTokens,
    double Requests,
    double PrefixQueries,
    double PrefixHits,
    HistogramCounts TimeToFirstToken,
    HistogramCounts InterTokenLatency);

/// <summary>A histogram's bucket upper bounds and its count per bucket (not cumulative; one more count than bounds, for +Inf).</summary>
[GenerateSerializer, Alias("platform.HistogramCounts")]
public sealed record HistogramCounts(double[] Bounds, long[] Counts);
