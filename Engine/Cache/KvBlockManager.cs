namespace Platform.Engine.Cache;

/// <summary>
/// Gives sequences KV blocks from the pool: finds a prompt's cached prefix, grows block tables as tokens are
/// scheduled, registers blocks once their KV is computed, and returns blocks when a sequence ends or is preempted.
/// </summary>
public sealed class KvBlockManager
{
    /// <summary>Creates the manager over <paramref name="numBlocks"/> blocks of <paramref name="blockSize"/> tokens.</summary>
    public KvBlockManager(int numBlocks, int blockSize, bool enablePrefixCaching, string modelId, BlockHashFunction? hash = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockSize);
        BlockSize = blockSize;
        var cache = enablePrefixCaching ? new PrefixCache(numBlocks, blockSize, modelId, hash) : null;
        Pool = new BlockPool(numBlocks, cache);
        RootKey = cache?.RootKey ?? 0;
        _modelId = modelId;
    }

    private readonly string _modelId;

    /// <summary>The pool of block ids.</summary>
    public BlockPool Pool { get; }

    /// <summary>Tokens per block.</summary>
    public int BlockSize { get; }

    /// <summary>Whether prefix caching is on.</summary>
    public bool PrefixCachingEnabled => Pool.Cache is not null;

    /// <summary>Largest number of token positions the pool can hold for one sequence.</summary>
    public int CapacityTokens => Pool.NumBlocks * BlockSize;

    private ulong RootKey { get; }

    /// <summary>
    /// A fresh, empty block table for a new sequence; with <paramref name="cacheSalt"/> its chain starts from a salted root,
    /// so it matches and registers only blocks of sequences with the same salt.
    /// </summary>
    public SequenceBlocks CreateTable(string? cacheSalt = null)
    {
        var blocks = new SequenceBlocks();
        blocks.Reset(cacheSalt is null || !PrefixCachingEnabled ? RootKey : BlockHasher.RootKey(_modelId, cacheSalt));
        return blocks;
    }

    /// <summary>
    /// Takes a reference on every cached leading full block of <paramref name="tokens"/> (never the block holding the
    /// last token, whose logits must be computed) and returns the number of tokens they cover.
    /// </summary>
    public int MatchPrefix(ReadOnlySpan<int> tokens, SequenceBlocks blocks)
    {
        if (blocks.Count != 0)
            throw new InvalidOperationException("A prefix can only be matched for a sequence that holds no blocks.");
        var cache = Pool.Cache;
        if (cache is null || tokens.Length == 0)
            return 0;
        var maxBlocks = (tokens.Length - 1) / BlockSize;
        for (var i = 0; i < maxBlocks; i++)
        {
            var chunk = tokens.Slice(i * BlockSize, BlockSize);
            var key = cache.KeyOf(blocks.ChainKey, chunk);
            var block = cache.Find(key, chunk, blocks.ChainBlock, blocks.ChainGeneration);
            if (block < 0)
                break;
            Pool.Retain(block);
            blocks.Add(block);
            Advance(blocks, key, block, cache);
        }
        return blocks.Count * BlockSize;
    }

    /// <summary>How many more blocks the table needs to hold <paramref name="numTokens"/> positions.</summary>
    public int BlocksNeeded(SequenceBlocks blocks, int numTokens) =>
        Math.Max(0, (numTokens + BlockSize - 1) / BlockSize - blocks.Count);

    /// <summary>Grows the table to hold <paramref name="numTokens"/> positions; false (and nothing taken) if the pool is short.</summary>
    public bool TryAllocate(SequenceBlocks blocks, int numTokens)
    {
        var needed = BlocksNeeded(blocks, numTokens);
        if (needed > Pool.FreeBlocks)
            return false;
        for (var i = 0; i < needed; i++)
            blocks.Add(Pool.Allocate());
        return true;
    }

    /// <summary>Registers every block that became full of computed KV; <paramref name="tokens"/> are the sequence's tokens.</summary>
    public void CacheComputedBlocks(ReadOnlySpan<int> tokens, SequenceBlocks blocks, int numComputedTokens)
    {
        var cache = Pool.Cache;
        if (cache is null || blocks.ChainBroken)
            return;
        var fullBlocks = Math.Min(numComputedTokens / BlockSize, blocks.Count);
        while (blocks.RegisteredBlocks < fullBlocks)
        {
            var index = blocks.RegisteredBlocks;
            var chunk = tokens.Slice(index * BlockSize, BlockSize);
            var key = cache.KeyOf(blocks.ChainKey, chunk);
            var canonical = cache.Register(blocks.Span[index], key, chunk, blocks.ChainBlock, blocks.ChainGeneration);
            if (canonical < 0)
            {
                blocks.ChainBroken = true;
                return;
            }
            Advance(blocks, key, canonical, cache);
        }
    }

    /// <summary>Releases every block of the table, last block first so a sequence's tail is evicted before its head.</summary>
    public void Free(SequenceBlocks blocks)
    {
        var table = blocks.Span;
        for (var i = table.Length - 1; i >= 0; i--)
            Pool.Release(table[i]);
        blocks.Reset(blocks.RootKey);
    }

    private static void Advance(SequenceBlocks blocks, ulong key, int canonicalBlock, PrefixCache cache)
    {
        blocks.ChainKey = key;
        blocks.ChainBlock = canonicalBlock;
        blocks.ChainGeneration = cache.Generation(canonicalBlock);
        blocks.RegisteredBlocks++;
    }
}
