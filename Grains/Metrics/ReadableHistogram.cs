using Prometheus;

namespace Platform.Grains.Metrics;

/// <summary>
/// One Prometheus histogram series that also keeps its bucket counts readable (prometheus-net does not expose them),
/// so the dashboard's percentiles come from exactly the buckets `/metrics` exports.
/// </summary>
public sealed class ReadableHistogram(Histogram.Child series, double[] bounds)
{
    private readonly long[] _counts = new long[bounds.Length + 1];

    public void Observe(double value)
    {
        series.Observe(value);
        var bucket = Array.BinarySearch(bounds, value);
        // Prometheus buckets are upper-inclusive: a value equal to a bound belongs to that bound's bucket.
        Interlocked.Increment(ref _counts[bucket >= 0 ? bucket : ~bucket]);
    }

    /// <summary>Count per bucket (not cumulative), the last one above the highest bound.</summary>
    public long[] Counts()
    {
        var copy = new long[_counts.Length];
        for (var i = 0; i < copy.Length; i++)
            copy[i] = Interlocked.Read(ref _counts[i]);
        return copy;
    }
}
