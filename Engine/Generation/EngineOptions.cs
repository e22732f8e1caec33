using Platform.Engine.Scheduling;

namespace Platform.Engine.Generation;

/// <summary>Settings of one engine: KV pool size, batching limits and prefix caching.</summary>
public sealed record EngineOptions
{
    /// <summary>KV cache memory budget in bytes (the runner sizes its block pool from it); null: use <see cref="NumKvBlocks"/> or the runner's default.</summary>
    public long? KvCacheMemoryBytes { get; init; }

    /// <summary>Exact number of KV blocks, overriding the memory budget.</summary>
    public int? NumKvBlocks { get; init; }

    /// <summary>Tokens per KV block.</summary>
    public int BlockSize { get; init; } = 16;

    /// <summary>Most sequences running at once.</summary>
    public int MaxNumSeqs { get; init; } = 64;

    /// <summary>Most tokens computed per step (decodes plus prefill chunks).</summary>
    public int MaxNumBatchedTokens { get; init; } = 512;

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
