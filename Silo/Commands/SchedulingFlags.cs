using System.CommandLine;
using Platform.Engine.Scheduling;

namespace Platform.Silo.Commands;

/// <summary>The step-budget flags that every command hosting an engine shares: the decode latency factor and the long-wait relaxation.</summary>
internal sealed class SchedulingFlags
{
    /// <summary>`--decode-latency-factor`; null: the engine default.</summary>
    public Option<double?> LatencyFactor { get; } = new("--decode-latency-factor")
    {
        Description = $"A step that decodes costs at most this multiple of a decode-only step (by the step cost learnt from measured steps); prefill gets the rest (default {SchedulerOptions.DefaultDecodeLatencyFactor}, at least 1)",
    };

    /// <summary>`--long-prefill-wait-ms`; null: the engine default.</summary>
    public Option<int?> LongWait { get; } = new("--long-prefill-wait-ms")
    {
        Description = $"A prompt that has waited this many ms lets a step that decodes prefill up to the full budget, within a slow-step allowance of 0.5% of decoded tokens (default {SchedulerOptions.DefaultLongPrefillWait.TotalMilliseconds:0})",
    };

    /// <summary>`--long-prefill-wait-ms` as a span; null where not given.</summary>
    public TimeSpan? LongWaitValue(ParseResult r) => r.GetValue(LongWait) is { } wait ? TimeSpan.FromMilliseconds(wait) : null;
}
