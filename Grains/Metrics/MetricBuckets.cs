namespace Platform.Grains.Metrics;

/// <summary>
/// Histogram bucket bounds: vLLM's, so dashboards and alerts written for vLLM read ours the same way; a few finer
/// bounds at the low end because a CPU engine on a small model steps in milliseconds.
/// </summary>
public static class MetricBuckets
{
    /// <summary>Time to first token, seconds.</summary>
    public static readonly double[] TimeToFirstToken =
        [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0];

    /// <summary>Gap between consecutive output tokens, seconds.</summary>
    public static readonly double[] InterToken =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0];

    /// <summary>Whole-request and queue times, seconds.</summary>
    public static readonly double[] RequestLatency =
        [0.001, 0.01, 0.05, 0.1, 0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0];

    /// <summary>Token counts per request: 1, 2, 5, 10, 20, 50 … up to a million.</summary>
    public static readonly double[] Tokens = OneTwoFive(1_000_000);

    /// <summary>Replica load time, seconds.</summary>
    public static readonly double[] ColdStart = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600];

    private static double[] OneTwoFive(double max)
    {
        var bounds = new List<double>();
        for (var scale = 1.0; scale <= max; scale *= 10)
            foreach (var step in (ReadOnlySpan<double>)[1, 2, 5])
                if (step * scale <= max)
                    bounds.Add(step * scale);
        return bounds.ToArray();
    }
}
