namespace Platform.Engine.Cache;

/// <summary>
/// Reference-counted KV block ids over a pool the runner allocated once. Free blocks without cached content are
/// handed out first; cached blocks whose count dropped to zero stay reusable and are evicted least recently freed first.
/// </summary>
public sealed class BlockPool
{
    private readonly int[] _refCounts;
    private readonly int[] _freeStack;
    private int _freeCount;
    private readonly LruBlockList _evictable;

    /// <summary>Creates a pool of <paramref name="numBlocks"/> free blocks; <paramref name="cache"/> is null when prefix caching is off.</summary>
    public BlockPool(int numBlocks, PrefixCache? cache)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numBlocks);
        Cache = cache;
        _refCounts = new int[numBlocks];
        _freeStack = new int[numBlocks];
        _evictable = new LruBlockList(numBlocks);
        // Pushed in reverse so block 0 is handed out first: easier to read in tests and dumps.
        for (var block = numBlocks - 1; block >= 0; block--)
            _freeStack[_freeCount++] = block;
    }

    /// <summary>The prefix cache, or null when caching is disabled.</summary>
    public PrefixCache? Cache { get; }

    /// <summary>Total number of blocks.</summary>
    public int NumBlocks => _refCounts.Length;

    /// <summary>Blocks that can be allocated now (never used, or cached with no references).</summary>
    public int FreeBlocks => _freeCount + _evictable.Count;

    /// <summary>Free blocks that still hold reusable cached content.</summary>
    public int CachedFreeBlocks => _evictable.Count;

    /// <summary>Blocks referenced by at least one sequence.</summary>
    public int UsedBlocks => NumBlocks - FreeBlocks;

    /// <summary>A snapshot of the counts above.</summary>
    public BlockPoolUsage Usage => new(NumBlocks, UsedBlocks, FreeBlocks, CachedFreeBlocks);

    /// <summary>The number of sequences referencing <paramref name="block"/>.</summary>
    public int RefCount(int block) => _refCounts[block];

    /// <summary>Takes a free block (evicting the least recently freed cached one if needed) with one reference.</summary>
    public int Allocate()
    {
        int block;
        if (_freeCount > 0)
        {
            block = _freeStack[--_freeCount];
        }
        else if (_evictable.Count > 0)
        {
            block = _evictable.RemoveFirst();
            Cache!.Evict(block);
        }
        else
        {
            throw new InvalidOperationException("The KV block pool is exhausted; check FreeBlocks before allocating.");
        }
        _refCounts[block] = 1;
        return block;
    }

    /// <summary>Adds a reference to an in-use or cached block (a prefix-cache hit).</summary>
    public void Retain(int block)
    {
        if (_refCounts[block] == 0)
        {
            if (!_evictable.Contains(block))
                throw new InvalidOperationException($"Block {block} is free and holds no cached content.");
            _evictable.Remove(block);
        }
        _refCounts[block]++;
    }

    /// <summary>Drops a reference; at zero the block becomes free, staying reusable if its content is cached.</summary>
    public void Release(int block)
    {
        if (_refCounts[block] <= 0)
            throw new InvalidOperationException($"Block {block} is released more often than it was taken.");
        if (--_refCounts[block] > 0)
            return;
        if (Cache is not null && Cache.IsCached(block))
            _evictable.AddLast(block);
        else
            _freeStack[_freeCount++] = block;
    }
}
