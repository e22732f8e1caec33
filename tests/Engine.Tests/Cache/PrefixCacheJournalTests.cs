using Platform.Engine.Cache;

namespace Platform.Engine.Tests.Cache;

public class PrefixCacheJournalTests
{
    private static readonly int[] Prompt = Enumerable.Range(100, 40).ToArray();

    [Fact]
    public void CachedBlocks_AreJournaledUnderTheKeysARouterComputesFromThePromptAlone()
    {
        var manager = new KvBlockManager(16, 4, enablePrefixCaching: true, "m");
        var table = manager.CreateTable();
        Assert.True(manager.TryAllocate(table, Prompt.Length));
        manager.CacheComputedBlocks(Prompt, table, Prompt.Length);

        var (reset, changes) = manager.Pool.Cache!.Journal.Drain();

        Assert.False(reset);
        Assert.All(changes, c => Assert.True(c.Cached));
        Assert.Equal(BlockHasher.ChainKeys(BlockHasher.RootKey("m"), Prompt, 4), changes.Select(c => c.Key));
        Assert.Empty(manager.Pool.Cache.Journal.Drain().Changes);
    }

    [Fact]
    public void EvictedBlocks_AreJournaledAsNoLongerCached()
    {
        // 10 blocks hold exactly one 40-token prompt: the second prompt must evict the first one's blocks.
        var manager = new KvBlockManager(10, 4, enablePrefixCaching: true, "m");
        Fill(manager, Prompt);
        var firstKeys = manager.Pool.Cache!.Journal.Drain().Changes.Select(c => c.Key).ToHashSet();

        Fill(manager, Enumerable.Range(900, 40).ToArray());

        var evicted = manager.Pool.Cache.Journal.Drain().Changes.Where(c => !c.Cached).Select(c => c.Key).ToHashSet();
        Assert.Equal(firstKeys, evicted);
    }

    [Fact]
    public void AJournalNobodyDrains_StaysBounded_AndThenHandsOverAFullSnapshotMarkedAsReset()
    {
        var manager = new KvBlockManager(64, 4, enablePrefixCaching: true, "m");
        var journal = manager.Pool.Cache!.Journal;
        var capacity = 65_536;
        // Many distinct prompts through a small pool: every block is registered and later evicted, far past the bound.
        for (var p = 0; p < capacity / 8; p++)
            Fill(manager, Enumerable.Range(p * 64, 40).ToArray());

        var (reset, changes) = journal.Drain();

        Assert.True(reset);
        Assert.True(changes.Count <= capacity, $"the journal holds {changes.Count} changes");
        // Applied from nothing, snapshot plus later changes give exactly what the cache holds now.
        var applied = new HashSet<ulong>();
        foreach (var change in changes)
            if (change.Cached)
                applied.Add(change.Key);
            else
                applied.Remove(change.Key);
        Assert.Equal(manager.Pool.Cache.Count, applied.Count);
        Assert.Contains(BlockHasher.ChainKeys(BlockHasher.RootKey("m"), Enumerable.Range((capacity / 8 - 1) * 64, 40).ToArray(), 4)[0], applied);
    }

    private static void Fill(KvBlockManager manager, int[] prompt)
    {
        var table = manager.CreateTable();
        Assert.True(manager.TryAllocate(table, prompt.Length));
        manager.CacheComputedBlocks(prompt, table, prompt.Length);
        manager.Free(table);
    }
}
