using Platform.Grains.Interfaces.Models;

namespace Platform.Api.Dashboard;

/// <summary>One model's cumulative figures at one sampling moment, summed over its replica series: what windows are computed from.</summary>
internal sealed record ModelSample(double Time, double GenerationTokens, HistogramCounts? Ttft, HistogramCounts? Itl, int Running, int Waiting, double KvCacheUsage)
{
    public static ModelSample Of(double time, DeploymentStatus status)
    {
        var metrics = status.Metrics ?? [];
        var ready = status.ReplicaStatuses.Where(r => r.Phase is ReplicaPhase.Ready or ReplicaPhase.Draining).ToList();
        return new ModelSample(time, metrics.Sum(m => m.GenerationTokens), Sum(metrics.Select(m => m.TimeToFirstToken)),
            Sum(metrics.Select(m => m.InterTokenLatency)), ready.Sum(r => r.Load.Running), ready.Sum(r => r.Load.Waiting),
            ready.Count == 0 ? 0 : ready.Max(r => r.Load.KvUsage));
    }

    /// <summary>Generation tokens per second since <paramref name="before"/> (null without an earlier sample).</summary>
    public double? TokensPerSecond(ModelSample? before) =>
        before is null || Time <= before.Time ? null : Math.Max(0, GenerationTokens - before.GenerationTokens) / (Time - before.Time);

    /// <summary>The histograms of every series added up (they share bounds: one set of buckets per metric).</summary>
    private static HistogramCounts? Sum(IEnumerable<HistogramCounts> histograms)
    {
        HistogramCounts? total = null;
        foreach (var h in histograms)
        {
            if (total is null)
                total = new HistogramCounts(h.Bounds, (long[])h.Counts.Clone());
            else if (total.Counts.Length == h.Counts.Length)
                for (var i = 0; i < h.Counts.Length; i++)
                    total.Counts[i] += h.Counts[i];
        }
        return total;
    }
}
