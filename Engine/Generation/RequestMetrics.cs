namespace Platform.Engine.Generation;

/// <summary>Latency figures of a finished request.</summary>
public sealed record RequestMetrics(TimeSpan? QueueTime, TimeSpan? TimeToFirstToken, TimeSpan? MeanInterTokenLatency, TimeSpan? TotalTime, int Preemptions);
