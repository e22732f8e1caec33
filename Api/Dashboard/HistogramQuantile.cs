using Platform.Grains.Interfaces.Models;

namespace Platform.Api.Dashboard;

/// <summary>
/// Prometheus' histogram_quantile over the observations between two snapshots of one histogram: find the bucket holding
/// the rank, interpolate linearly inside it (the lowest bucket starts at 0; the +Inf bucket answers its lower bound).
/// </summary>
public static class HistogramQuantile
{
    /// <summary>The <paramref name="q"/> quantile of what <paramref name="now"/> counted since <paramref name="before"/> (null: nothing counted).</summary>
    public static double? Between(HistogramCounts? before, HistogramCounts now, double q)
    {
        Span<long> delta = stackalloc long[now.Counts.Length];
        long total = 0;
        for (var i = 0; i < delta.Length; i++)
        {
            delta[i] = now.Counts[i] - (before is { } b && b.Counts.Length == delta.Length ? b.Counts[i] : 0);
            total += Math.Max(0, delta[i]);
        }
        if (total == 0)
            return null;
        var rank = q * total;
        long seen = 0;
        for (var i = 0; i < delta.Length; i++)
        {
            var inBucket = Math.Max(0, delta[i]);
            if (seen + inBucket >= rank && inBucket > 0)
            {
                var lower = i == 0 ? 0 : now.Bounds[i - 1];
                if (i == now.Bounds.Length)
                    return lower;
                return lower + (now.Bounds[i] - lower) * ((rank - seen) / inBucket);
            }
            seen += inBucket;
        }
        return now.Bounds[^1];
    }
}
