namespace Platform.Engine.Generation;

/// <summary>The engine's KV block pool as allocated: block count, tokens per block and bytes per block.</summary>
public readonly record struct KvCacheLayout(int NumBlocks, int BlockSize, long BytesPerBlock)
{
    /// <summary>Bytes the pool reserves.</summary>
    public long TotalBytes => NumBlocks * BytesPerBlock;

    /// <summary>Tokens the pool holds across all sequences.</summary>
    public long TotalTokens => (long)NumBlocks * BlockSize;
}
