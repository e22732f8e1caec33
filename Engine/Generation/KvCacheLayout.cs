using Platform.Kernels.Attention;

namespace Platform.Engine.Generation;

/// <summary>The engine's KV block pool as allocated: block count, tokens per block, bytes per block and element type.</summary>
public readonly record struct KvCacheLayout(int NumBlocks, int BlockSize, long BytesPerBlock, KvCacheDtype Dtype)
{
    /// <summary>Bytes the pool reserves.</summary>
    public long TotalBytes => NumBlocks * BytesPerBlock;

    /// <summary>Tokens the pool holds across all sequences.</summary>
    public long TotalTokens => (long)NumBlocks * BlockSize;
}
