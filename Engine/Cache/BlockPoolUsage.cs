namespace Platform.Engine.Cache;

/// <summary>A snapshot of the KV block pool: blocks in use, free (including cached-but-free), and cached-but-free.</summary>
public readonly record struct BlockPoolUsage(int TotalBlocks, int UsedBlocks, int FreeBlocks, int CachedFreeBlocks)
{
    /// <summary>Fraction of blocks referenced by running sequences, 0..1.</summary>
    public double UsedFraction => TotalBlocks == 0 ? 0 : (double)UsedBlocks / TotalBlocks;
}
