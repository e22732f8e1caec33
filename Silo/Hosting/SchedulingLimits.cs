namespace Platform.Silo.Hosting;

/// <summary>Refuses step-budget flag values the scheduler would reject at the first model load, naming the flag.</summary>
public static class SchedulingLimits
{
    /// <summary>Throws <see cref="ArgumentException"/> for a `--decode-latency-factor` below 1 or a negative `--long-prefill-wait-ms`.</summary>
    public static void Check(double? latencyFactor, TimeSpan? longWait)
    {
        if (latencyFactor is { } factor && (!(factor >= 1) || double.IsInfinity(factor)))
            throw new ArgumentException($"--decode-latency-factor must be a finite number of at least 1, got {factor}.");
        if (longWait < TimeSpan.Zero)
            throw new ArgumentException($"--long-prefill-wait-ms must not be negative, got {longWait.Value.TotalMilliseconds}.");
    }
}
