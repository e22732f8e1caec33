using Platform.Kernels.Attention;

namespace Platform.Engine.Runner;

/// <summary>How a runner sizes its paged KV cache: a fixed block count, or as many blocks as fit in a memory budget.</summary>
public sealed record KvCacheOptions
{
    /// <summary>Tokens per block.</summary>
    public int BlockSize { get; init; } = 16;

    /// <summary>Budget in bytes for keys and values of all layers; used when <see cref="NumBlocks"/> is not set.</summary>
    public long? MemoryBytes { get; init; }

    public int? NumBlocks { get; init; }

    /// <summary>Element type of keys and values; half precision by default (half the bytes, twice the blocks per budget).</summary>
    public KvCacheDtype Dtype { get; init; } = KvCacheDtype.F16;
}
