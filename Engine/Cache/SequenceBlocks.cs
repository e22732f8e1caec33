namespace Platform.Engine.Cache;

/// <summary>One sequence's block table plus where its prefix-cache hash chain stands.</summary>
public sealed class SequenceBlocks
{
    private int[] _table = new int[8];

    /// <summary>Number of blocks in the table.</summary>
    public int Count { get; private set; }

    /// <summary>The block ids, in position order (block i holds positions i*BlockSize…).</summary>
    public ReadOnlySpan<int> Span => _table.AsSpan(0, Count);

    /// <summary>The block ids as memory, valid until the table next grows.</summary>
    public ReadOnlyMemory<int> Memory => _table.AsMemory(0, Count);

    /// <summary>Leading blocks already registered in (or found in) the prefix cache.</summary>
    internal int RegisteredBlocks { get; set; }

    /// <summary>Key, canonical block and its generation of the last registered block: the next block's parent.</summary>
    internal ulong ChainKey { get; set; }
    internal int ChainBlock { get; set; } = -1;
    internal int ChainGeneration { get; set; }

    /// <summary>The key the sequence's chain starts from (the model's root, or a salted one): kept across a preemption's reset.</summary>
    internal ulong RootKey { get; private set; }

    /// <summary>Set when a key collision stopped registration; later blocks of this sequence are not cached.</summary>
    internal bool ChainBroken { get; set; }

    internal void Add(int block)
    {
        if (Count == _table.Length)
            Array.Resize(ref _table, _table.Length * 2);
        _table[Count++] = block;
    }

    internal void Reset(ulong rootKey)
    {
        Count = 0;
        RootKey = rootKey;
        RegisteredBlocks = 0;
        ChainKey = rootKey;
        ChainBlock = -1;
        ChainGeneration = 0;
        ChainBroken = false;
    }
}
