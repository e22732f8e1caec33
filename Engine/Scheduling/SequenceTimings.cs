using System.Diagnostics;

namespace Platform.Engine.Scheduling;

/// <summary>Timestamps of one request (<see cref="Stopwatch"/> ticks) for queue time, TTFT and inter-token latency.</summary>
public sealed class SequenceTimings
{
    private readonly List<long> _tokenTicks = new();

    /// <summary>When the request arrived.</summary>
    public long ArrivalTicks { get; } = Stopwatch.GetTimestamp();

    /// <summary>When the scheduler first admitted it (0 until then).</summary>
    public long FirstScheduledTicks { get; internal set; }

    /// <summary>When each generated token was sampled.</summary>
    public IReadOnlyList<long> TokenTicks => _tokenTicks;

    /// <summary>When it finished (0 until then).</summary>
    public long FinishTicks { get; internal set; }

    /// <summary>Time from arrival to the first token.</summary>
    public TimeSpan? TimeToFirstToken => _tokenTicks.Count == 0 ? null : Stopwatch.GetElapsedTime(ArrivalTicks, _tokenTicks[0]);

    /// <summary>Time from arrival to first admission.</summary>
    public TimeSpan? QueueTime => FirstScheduledTicks == 0 ? null : Stopwatch.GetElapsedTime(ArrivalTicks, FirstScheduledTicks);

    /// <summary>Mean time between consecutive tokens.</summary>
    public TimeSpan? MeanInterTokenLatency => _tokenTicks.Count < 2
        ? null
        : Stopwatch.GetElapsedTime(_tokenTicks[0], _tokenTicks[^1]) / (_tokenTicks.Count - 1);

    /// <summary>Time from arrival to finish.</summary>
    public TimeSpan? TotalTime => FinishTicks == 0 ? null : Stopwatch.GetElapsedTime(ArrivalTicks, FinishTicks);

    internal void RecordToken(long ticks) => _tokenTicks.Add(ticks);
}
