namespace Platform.Runtime.Timers;

/// <summary>When a grain timer first fires and how often after that (<see cref="Timeout.InfiniteTimeSpan"/> period: once).</summary>
public readonly record struct GrainTimerCreationOptions(TimeSpan DueTime, TimeSpan Period)
{
    /// <summary>Ticks run even while other turns are in progress (by default a tick is an ordinary, non-interleaving turn).</summary>
    public bool Interleave { get; init; }

    /// <summary>While the timer exists the activation is never collected as idle.</summary>
    public bool KeepAlive { get; init; }
}
