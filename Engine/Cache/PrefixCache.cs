namespace Platform.Engine.Cache;

/// <summary>
/// Maps chained block keys to the physical blocks holding that content. Every entry stores its tokens and
/// the identity (block id + generation) of its parent, so a hash collision can never hand out a wrong block.
/// </summary>
public sealed class PrefixCache
{
    private readonly Dictionary<ulong, int> _blocksByKey = new();
    private readonly BlockHashFunction _hash;
    private readonly int _blockSize;
    private readonly int[] _tokens;
    private readonly ulong[] _keys;
    private readonly bool[] _cached;
    private readonly int[] _parentBlock;
    private readonly int[] _parentGeneration;
    private readonly int[] _generation;

    /// <summary>Creates an empty cache for <paramref name="numBlocks"/> blocks; <paramref name="hash"/> replaces <see cref="BlockHasher.Hash"/>.</summary>
    public PrefixCache(int numBlocks, int blockSize, string modelId, BlockHashFunction? hash = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numBlocks);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockSize);
        _blockSize = blockSize;
        _hash = hash ?? BlockHasher.Hash;
        RootKey = BlockHasher.RootKey(modelId);
        _tokens = new int[checked(numBlocks * blockSize)];
        _keys = new ulong[numBlocks];
        _cached = new bool[numBlocks];
        _parentBlock = new int[numBlocks];
        _parentGeneration = new int[numBlocks];
        _generation = new int[numBlocks];
    }

    /// <summary>Every registration and eviction, for publishing this cache's content to a router.</summary>
    public PrefixCacheJournal Journal { get; } = new();

    /// <summary>The key a sequence's first block chains from.</summary>
    public ulong RootKey { get; }

    /// <summary>Number of blocks currently registered.</summary>
    public int Count => _blocksByKey.Count;

    /// <summary>Whether <paramref name="block"/> holds registered, reusable content.</summary>
    public bool IsCached(int block) => _cached[block];

    /// <summary>Bumped whenever the block's content is dropped, so children chained to its old content never match.</summary>
    public int Generation(int block) => _generation[block];

    /// <summary>The chained key of a block of <paramref name="tokens"/> following a block with key <paramref name="parentKey"/>.</summary>
    public ulong KeyOf(ulong parentKey, ReadOnlySpan<int> tokens) => _hash(parentKey, tokens);

    /// <summary>Finds the cached block with exactly this content after exactly this parent, or -1.</summary>
    public int Find(ulong key, ReadOnlySpan<int> tokens, int parentBlock, int parentGeneration)
    {
        if (!_blocksByKey.TryGetValue(key, out var block))
            return -1;
        return SameContent(block, tokens, parentBlock, parentGeneration) ? block : -1;
    }

    /// <summary>
    /// Registers <paramref name="block"/> as holding <paramref name="tokens"/> after the given parent. Returns the
    /// canonical block for that content: the block itself, an existing block with identical content, or -1 when an
    /// unrelated block already owns the key (a collision: the block stays uncached).
    /// </summary>
    public int Register(int block, ulong key, ReadOnlySpan<int> tokens, int parentBlock, int parentGeneration)
    {
        if (tokens.Length != _blockSize)
            throw new ArgumentException($"Only full blocks ({_blockSize} tokens) can be cached, got {tokens.Length}.", nameof(tokens));
        if (_cached[block])
            throw new InvalidOperationException($"Block {block} is already cached.");
        if (_blocksByKey.TryGetValue(key, out var existing))
            return SameContent(existing, tokens, parentBlock, parentGeneration) ? existing : -1;
        _blocksByKey.Add(key, block);
        tokens.CopyTo(_tokens.AsSpan(block * _blockSize, _blockSize));
        _keys[block] = key;
        _parentBlock[block] = parentBlock;
        _parentGeneration[block] = parentGeneration;
        _cached[block] = true;
        Journal.Record(key, cached: true);
        CatchUpJournal();
        return block;
    }

    /// <summary>Drops the block's content from the cache (it is about to be reused for something else).</summary>
    public void Evict(int block)
    {
        if (!_cached[block])
            return;
        _blocksByKey.Remove(_keys[block]);
        _cached[block] = false;
        _generation[block]++;
        Journal.Record(_keys[block], cached: false);
        CatchUpJournal();
    }

    // Runs on the engine thread, the only writer of the dictionary, so the snapshot is consistent.
    private void CatchUpJournal()
    {
        if (Journal.NeedsSnapshot)
            Journal.Snapshot(_blocksByKey.Keys);
    }

    private bool SameContent(int block, ReadOnlySpan<int> tokens, int parentBlock, int parentGeneration) =>
        _parentBlock[block] == parentBlock
        && _parentGeneration[block] == parentGeneration
        && tokens.SequenceEqual(_tokens.AsSpan(block * _blockSize, _blockSize));
}
