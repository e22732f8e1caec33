namespace Platform.Silo.Benchmarks;

/// <summary>Mean and percentiles of latency samples.</summary>
public static class LatencyStatistics
{
    /// <summary>The <paramref name="percent"/>-th percentile, interpolating linearly between the nearest ranks (numpy's default), so p50 of an even count is the middle pair's mean.</summary>
    public static double Percentile(IReadOnlyList<double> samples, double percent)
    {
        if (samples.Count == 0)
            throw new ArgumentException("a percentile needs at least one sample.", nameof(samples));
        if (percent is < 0 or > 100 || double.IsNaN(percent))
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "a percentile lies between 0 and 100.");
        var sorted = samples.ToArray();
        Array.Sort(sorted);
        var rank = percent / 100 * (sorted.Length - 1);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
    }

    /// <summary>The arithmetic mean, or NaN for no samples (requests that each streamed one chunk have no inter-token gaps), so a report shows "-" rather than a made-up 0.</summary>
    public static double Mean(IReadOnlyList<double> samples) => samples.Count == 0 ? double.NaN : samples.Sum() / samples.Count;
}
