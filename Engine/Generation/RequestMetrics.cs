namespace Platform.Engine.Generation;

/// <summary>Latency figures of a finished request; <paramref name="TokenTimes"/> are each token's time since arrival.</summary>
public sealed record RequestMetrics(
    TimeSpan? QueueTime,
    TimeSpan? TimeToFirstToken,
    TimeSpan? MeanInterTokenLatency,
    TimeSpan? TotalTime,
    int Preemptions,
    IReadOnlyList<TimeSpan> TokenTimes);
