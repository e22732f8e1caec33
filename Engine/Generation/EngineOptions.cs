using Platform.Engine.Scheduling;
using Platform.Kernels.Attention;

namespace Platform.Engine.Generation;

/// <summary>Settings of one engine: KV pool size, batching limits and prefix caching.</summary>
public sealed record EngineOptions
{
    /// <summary>KV cache memory budget in bytes; the runner allocates its whole block pool from it once, at start-up.</summary>
    public long KvCacheMemoryBytes { get; init; } = 512L << 20;

    /// <summary>Exact number of KV blocks, overriding <see cref="KvCacheMemoryBytes"/>.</summary>
    public int? NumKvBlocks { get; init; }

    /// <summary>Element type of cached keys and values: half precision by default, which halves a block's bytes.</summary>
    public KvCacheDtype KvCacheDtype { get; init; } = KvCacheDtype.F16;

    /// <summary>Tokens per KV block.</summary>
    public int BlockSize { get; init; } = 16;

    /// <summary>Most sequences running at once.</summary>
    public int MaxNumSeqs { get; init; } = 64;

    /// <summary>Most tokens computed per step (decodes plus prefill chunks).</summary>
    public int MaxNumBatchedTokens { get; init; } = 512;

    /// <summary>Hard cap on prefill tokens in a step that also decodes, over the latency budget.</summary>
    public int MaxPrefillTokensWithDecodes { get; init; } = SchedulerOptions.DefaultMaxPrefillTokensWithDecodes;

    /// <summary>A step that decodes costs at most this multiple of a decode-only step (see <see cref="SchedulerOptions.DecodeLatencyFactor"/>).</summary>
    public double DecodeLatencyFactor { get; init; } = SchedulerOptions.DefaultDecodeLatencyFactor;

    /// <summary>Wait after which a prompt may take a full-budget step beside decodes (see <see cref="SchedulerOptions.LongPrefillWait"/>).</summary>
    public TimeSpan LongPrefillWait { get; init; } = SchedulerOptions.DefaultLongPrefillWait;

    /// <summary>Reuse KV blocks of earlier requests with the same prefix.</summary>
    public bool EnablePrefixCaching { get; init; } = true;

    /// <summary>Admission and preemption order.</summary>
    public SchedulingPolicy Policy { get; init; } = SchedulingPolicy.Fcfs;

    /// <summary>Caps the context below the model's max_position_embeddings.</summary>
    public int? MaxModelLength { get; init; }

    /// <summary>Identity mixed into prefix-cache keys; defaults to the model path.</summary>
    public string? ModelId { get; init; }

    /// <summary>Events buffered per request before its sequence waits for the consumer.</summary>
    public int OutputBufferSize { get; init; } = 64;
}
